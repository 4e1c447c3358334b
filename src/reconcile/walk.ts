/**
 * The one walk that `normalize` makes over a document. Each API quirk is told
 * as a `Place`: the members it drops, defaults or rewrites where it occurs in a
 * license, and the lists there it keys by name. The walk visits each object
 * once, applying the places that match it, and builds every object anew (so
 * nothing it returns is a part of its input). Applying several quirks in one
 * walk gives what applying them one after another gives (normalize.test.ts
 * checks it); a plan normalizes two documents per license, so one walk instead
 * of nine is most of a plan's CPU per license.
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
  const itemPlace = place?.items;
  const items: unknown[] = [];
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    // Scalars are copied as they are, without a call (in a short run most of this is interpreted).
    if (typeof item === 'object' && item !== null) items.push(walk(item, itemPlace, options));
    else if (!(options.nulls && item == null)) items.push(item);
  }
  return items;
}

/** An object with the quirks of `place` applied, less the member `without` (a keyed item's Name). */
function walkRecord(
  record: Record<string, unknown>,
  place: Place | undefined,
  options: WalkOptions,
  without?: string,
): Record<string, unknown> {
  const keys = kept(record, place, options, without);
  if (options.sort) sortInPlace(keys);
  const defaults = place?.defaults;
  const rewrites = place?.rewrite;
  const members = place?.members;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    let member = memberAt(record, key, defaults, rewrites, options);
    if (typeof member === 'object' && member !== null)
      member = walk(member, members === undefined ? undefined : own(members, key), options);
    if (key === '__proto__') put(out, key, member);
    else out[key] = member;
  }
  return out;
}

/** The value of a kept key: the member (its default when it is missing), rewritten where a quirk says so. */
export function memberAt(
  record: Record<string, unknown>,
  key: string,
  defaults: Place['defaults'],
  rewrites: Place['rewrite'],
  options: WalkOptions,
): unknown {
  let member = record[key];
  // A key kept is an own member, set (not null when nulls are dropped), unless it is a default's.
  if (defaults !== undefined && (!Object.hasOwn(record, key) || (options.nulls && member == null)))
    member = own(defaults, key);
  const rewrite = rewrites === undefined ? undefined : own(rewrites, key);
  return rewrite === undefined ? member : rewrite(member);
}

/** The keys an object here keeps: its own, less the dropped and (when asked) the null, then the defaults it lacks. */
function kept(
  record: Record<string, unknown>,
  place: Place | undefined,
  options: WalkOptions,
  without: string | undefined,
): string[] {
  const keys = Object.keys(record);
  const drop = place?.drop;
  if (drop !== undefined || options.nulls || without !== undefined) {
    let count = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (!(options.nulls && record[key] == null) && key !== without && !drop?.includes(key)) keys[count++] = key;
    }
    keys.length = count;
  }
  const defaults = place?.defaults;
  if (defaults) {
    for (const key in defaults) if (!keys.includes(key) && !drop?.includes(key)) keys.push(key);
  }
  return keys;
}

/** `table[key]` when it is the table's own (a member named `toString` or `__proto__` finds no place). */
export function own<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
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
  const named = namedItems(list, options);
  if (!named) return undefined;
  const { names, items } = named;
  const keyed: Record<string, unknown> = {};
  const order = options.sort ? byName(names) : names.map((_, i) => i);
  for (let i = 0; i < order.length; i++) {
    const index = order[i] as number;
    put(keyed, names[index] as string, walkRecord(items[index] as Record<string, unknown>, itemPlace, options, 'Name'));
  }
  return keyed;
}

/** A list's items and their names; `index` maps a name to its place, once someone needs it. */
export interface NamedItems {
  names: string[];
  items: Record<string, unknown>[];
  index?: Map<string, number>;
}

/** The items of a list and their names, when every item is an object with a unique string Name. */
export function namedItems(list: readonly unknown[], options: WalkOptions): NamedItems | undefined {
  const names: string[] = [];
  const items: Record<string, unknown>[] = [];
  const seen = list.length > 16 ? new Set<string>() : undefined;
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (options.nulls && item == null) continue;
    const name: unknown = isRecord(item) ? item.Name : undefined;
    if (typeof name !== 'string' || (seen ? seen.has(name) : names.includes(name))) return undefined;
    seen?.add(name);
    names.push(name);
    items.push(item as Record<string, unknown>);
  }
  return { names, items };
}

/** The indices of `names` (all different) in code-unit order of the names. */
function byName(names: readonly string[]): number[] {
  const order = names.map((_, i) => i);
  for (let i = 1; i < order.length; i++) {
    const index = order[i] as number;
    let j = i - 1;
    for (; j >= 0 && (names[order[j] as number] as string) > (names[index] as string); j--)
      order[j + 1] = order[j] as number;
    order[j + 1] = index;
  }
  return order;
}

/**
 * Sorts in code-unit order (as `Array#sort` does), in place. The few keys of a
 * license's objects are sorted by insertion: `Array#sort` allocates its working
 * state on every call, which was most of the garbage a plan made.
 */
function sortInPlace(keys: string[]): string[] {
  if (keys.length > 24) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    for (; j >= 0 && (keys[j] as string) > key; j--) keys[j + 1] = keys[j] as string;
    keys[j + 1] = key;
  }
  return keys;
}

/** `target[key] = value`, also for a key named `__proto__` (which plain assignment would treat as the prototype). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
