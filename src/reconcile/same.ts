/**
 * Whether two documents have the same comparable form, decided without building
 * either: the walk of walk.ts made over both at once, member by member, that
 * stops at the first difference. Members are matched by name, so nothing is
 * sorted and nothing is copied. A plan asks this of every license and builds
 * the comparable forms and the patch only for those that differ. It answers
 * exactly what an empty patch between the two walked documents answers
 * (normalize.test.ts checks it on documents of any shape).
 */
import { memberAt, namedItems, own, type NamedItems, type Place, type WalkOptions } from './walk.js';

const NORMALIZED: WalkOptions = { nulls: true, sort: true };

/** Whether `a` and `b`, each walked under `place` (nulls dropped, keys sorted), are the same. */
export function sameWalk(a: unknown, b: unknown, place: Place | undefined): boolean {
  return same(a, place, undefined, b, place, undefined);
}

/**
 * One side is a value, the quirks at its place, and the member it leaves out (a
 * keyed item's Name). An object is a record, or a list the walk keys by name:
 * its members are its items, named by Name, walked without it under `items`.
 */
function same(
  a: unknown,
  aPlace: Place | undefined,
  aWithout: string | undefined,
  b: unknown,
  bPlace: Place | undefined,
  bWithout: string | undefined,
): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  const aNamed = Array.isArray(a) && aPlace?.keyByName ? namedItems(a, NORMALIZED) : undefined;
  const bNamed = Array.isArray(b) && bPlace?.keyByName ? namedItems(b, NORMALIZED) : undefined;
  const aList = Array.isArray(a) && aNamed === undefined;
  const bList = Array.isArray(b) && bNamed === undefined;
  // A list the walk keeps a list is never the same as anything it makes an object.
  if (aList || bList) return aList && bList && sameLists(a as unknown[], aPlace, b as unknown[], bPlace);
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const aCount = aNamed ? aNamed.names.length : count(aRecord, aPlace, aWithout);
  const bCount = bNamed ? bNamed.names.length : count(bRecord, bPlace, bWithout);
  if (aCount !== bCount) return false;
  if (aNamed) {
    for (let i = 0; i < aNamed.names.length; i++) {
      const name = aNamed.names[i] as string;
      if (!sameMember(aNamed.items[i], aPlace?.items, 'Name', name, bRecord, bPlace, bWithout, bNamed)) return false;
    }
    return true;
  }
  const defaults = aPlace?.defaults;
  for (const key in aRecord) {
    // Members with a default are compared below, once each, with the default where they are missing.
    if (!keeps(aRecord, aPlace, aWithout, key) || (defaults !== undefined && own(defaults, key) !== undefined))
      continue;
    const value = memberAt(aRecord, key, undefined, aPlace?.rewrite, NORMALIZED);
    if (!sameMember(value, own(aPlace?.members, key), undefined, key, bRecord, bPlace, bWithout, bNamed)) return false;
  }
  for (const key in defaults) {
    if (!keeps(aRecord, aPlace, aWithout, key)) continue;
    const value = memberAt(aRecord, key, defaults, aPlace?.rewrite, NORMALIZED);
    if (!sameMember(value, own(aPlace?.members, key), undefined, key, bRecord, bPlace, bWithout, bNamed)) return false;
  }
  return true;
}

/** `a`'s member `key` against the member of `b` of that name, if `b` writes one. */
function sameMember(
  a: unknown,
  aPlace: Place | undefined,
  aWithout: string | undefined,
  key: string,
  b: Record<string, unknown>,
  bPlace: Place | undefined,
  bWithout: string | undefined,
  bNamed: NamedItems | undefined,
): boolean {
  if (bNamed) {
    const index = indexOfName(bNamed, key);
    return index >= 0 && same(a, aPlace, aWithout, bNamed.items[index], bPlace?.items, 'Name');
  }
  if (!keeps(b, bPlace, bWithout, key)) return false;
  const value = memberAt(b, key, bPlace?.defaults, bPlace?.rewrite, NORMALIZED);
  return same(a, aPlace, aWithout, value, own(bPlace?.members, key), undefined);
}

/** Where `name` is among a keyed list's names (-1 when absent); a long list is indexed once. */
function indexOfName(named: NamedItems, name: string): number {
  if (named.names.length <= 16) return named.names.indexOf(name);
  named.index ??= new Map(named.names.map((n, i) => [n, i]));
  return named.index.get(name) ?? -1;
}

/** Whether the walk writes member `key` of a record: set (or defaulted), not dropped, not left out. */
function keeps(record: Record<string, unknown>, place: Place | undefined, without: string | undefined, key: string) {
  if (key === without || place?.drop?.includes(key)) return false;
  return (Object.hasOwn(record, key) && record[key] != null) || own(place?.defaults, key) !== undefined;
}

/** How many members the walk writes for a record. */
function count(record: Record<string, unknown>, place: Place | undefined, without: string | undefined): number {
  let members = 0;
  for (const key in record)
    if (Object.hasOwn(record, key) && record[key] != null && keeps(record, place, without, key)) members++;
  for (const key in place?.defaults)
    if (!(Object.hasOwn(record, key) && record[key] != null) && keeps(record, place, without, key)) members++;
  return members;
}

/** Two lists the walk keeps lists: the same items (nulls left out) in the same order. */
function sameLists(a: unknown[], aPlace: Place | undefined, b: unknown[], bPlace: Place | undefined): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && a[i] == null) i++;
    while (j < b.length && b[j] == null) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (!same(a[i], aPlace?.items, undefined, b[j], bPlace?.items, undefined)) return false;
    i++;
    j++;
  }
}
