/**
 * The one walk that `normalize` makes over a document. Each API quirk is told
 * as a `Place`: the members it drops, defaults or rewrites where it occurs in a
 * license, and the lists there it keys by name. The walk visits each object
 * once, applying the places that match it, and builds every object anew (so
 * nothing it returns is a part of its input). Applying several quirks in one
 * walk gives what applying them one after another gives (normalize.test.ts
 * checks it).
 */

/** What a quirk does at one place in a document, and below it. */
export interface Place {
  /** Members removed here. */
  drop?: readonly string[];
  /** Members set here when missing (absent, or null when nulls are dropped). */
  defaults?: Readonly<Record<string, unknown>>;
  /** A member's value replaced by the function's answer, before the walk goes into it. */
  rewrite?: Readonly<Record<string, (value: unknown) => unknown>>;
  /** A list here becomes `{Name: item without Name}` when every item is an object with a unique string Name. */
  keyByName?: boolean;
  /** The places of members of an object here. */
  members?: Readonly<Record<string, Place>>;
  /** The place of each item of a list here. */
  items?: Place;
}

export interface WalkOptions {
  /** Drop null and undefined members and list items. */
  nulls: boolean;
  /** Write every object's keys in code-unit order (so `JSON.stringify` is canonical). */
  sort: boolean;
}

/** `value` with the quirks of `place` applied throughout; a new value, never a part of `value`. */
export function walk(value: unknown, place: Place | undefined, options: WalkOptions): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (!Array.isArray(value)) return walkRecord(value as Record<string, unknown>, place, options);
  const keyed = place?.keyByName ? keyedByName(value, place.items, options) : undefined;
  if (keyed) return keyed;
  return value.filter((item) => !(options.nulls && item == null)).map((item) => walk(item, place?.items, options));
}

/** An object with the quirks of `place` applied, less the member `without` (a keyed item's Name). */
function walkRecord(
  record: Record<string, unknown>,
  place: Place | undefined,
  options: WalkOptions,
  without?: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of kept(record, place, options, without)) {
    const value =
      Object.hasOwn(record, key) && !(options.nulls && record[key] == null) ? record[key] : own(place?.defaults, key);
    const rewrite = own(place?.rewrite, key);
    setOwn(out, key, walk(rewrite ? rewrite(value) : value, own(place?.members, key), options));
  }
  return out;
}

/** The keys an object here keeps: its own, less the dropped and (when asked) the null, then the defaults it lacks. */
function kept(
  record: Record<string, unknown>,
  place: Place | undefined,
  options: WalkOptions,
  without: string | undefined,
): string[] {
  const drop = place?.drop ?? [];
  const keys = Object.keys(record).filter(
    (key) => !(options.nulls && record[key] == null) && key !== without && !drop.includes(key),
  );
  for (const key of Object.keys(place?.defaults ?? {})) if (!keys.includes(key) && !drop.includes(key)) keys.push(key);
  return options.sort ? keys.sort() : keys;
}

/** `table[key]` when it is the table's own (a member named `toString` or `__proto__` finds no place). */
function own<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * `[{Name: 'a', …}]` → `{a: {…}}`, each item walked without its Name; undefined
 * (the list stays a list) unless every item is an object with a unique string Name.
 */
function keyedByName(
  list: readonly unknown[],
  itemPlace: Place | undefined,
  options: WalkOptions,
): Record<string, unknown> | undefined {
  const items = list.filter((item) => !(options.nulls && item == null));
  const names = items.map((item) => (isRecord(item) ? item.Name : undefined));
  if (!names.every((name) => typeof name === 'string') || new Set(names).size !== names.length) return undefined;
  const order = items.map((_, i) => i);
  if (options.sort) order.sort((a, b) => ((names[a] as string) < (names[b] as string) ? -1 : 1));
  const keyed: Record<string, unknown> = {};
  for (const i of order)
    setOwn(keyed, names[i] as string, walkRecord(items[i] as Record<string, unknown>, itemPlace, options, 'Name'));
  return keyed;
}

import { isRecord, setOwn } from './json-values.js';
