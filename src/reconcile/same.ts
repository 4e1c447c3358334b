/**
 * Whether two documents have the same comparable form, decided without building
 * either: the walk of walk.ts made over both at once, member by member, that
 * stops at the first difference. Members are matched by name, so nothing is
 * sorted and no document is copied (a keyed list is indexed by name in a Map).
 * A plan asks this of every license and builds the comparable forms and the
 * patch only for those that differ. It answers exactly what an empty patch
 * between the two walked documents answers (normalize.test.ts checks it on
 * documents of any shape).
 */
import { memberAt, namedItems, own, type Place, type WalkOptions } from './walk.js';

const NORMALIZED: WalkOptions = { nulls: true, sort: true };

/**
 * One side of an object the walk writes: a record (with the quirks of its place,
 * less the member `without`), or a list keyed by name (each item less its Name,
 * walked under `items`).
 */
interface Side {
  record: Record<string, unknown> | undefined;
  named: Map<string, Record<string, unknown>> | undefined;
  place: Place | undefined;
  without: string | undefined;
}

/** Whether `a` and `b`, each walked under `place` (nulls dropped, keys sorted), are the same. */
export function sameWalk(a: unknown, b: unknown, place: Place | undefined): boolean {
  return same(a, place, undefined, b, place, undefined);
}

function same(
  a: unknown,
  aPlace: Place | undefined,
  aWithout: string | undefined,
  b: unknown,
  bPlace: Place | undefined,
  bWithout: string | undefined,
): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  const aSide = sideOf(a, aPlace, aWithout);
  const bSide = sideOf(b, bPlace, bWithout);
  // A list the walk keeps a list is never the same as anything it makes an object.
  if (!aSide || !bSide) return !aSide && !bSide && sameLists(a as unknown[], aPlace, b as unknown[], bPlace);
  if (count(aSide) !== count(bSide)) return false;
  if (aSide.named) {
    for (const [name, item] of aSide.named)
      if (!sameMember(item, aSide.place?.items, 'Name', name, bSide)) return false;
    return true;
  }
  const record = aSide.record as Record<string, unknown>;
  const place = aSide.place;
  for (const key in record) {
    if (!keeps(aSide, key) || (place?.defaults !== undefined && own(place.defaults, key) !== undefined)) continue;
    const value = memberAt(record, key, undefined, place?.rewrite, NORMALIZED);
    if (!sameMember(value, own(place?.members, key), undefined, key, bSide)) return false;
  }
  // Members a default makes (and members that have one, whose value may be it), once each.
  for (const key in place?.defaults) {
    if (!keeps(aSide, key)) continue;
    const value = memberAt(record, key, place?.defaults, place?.rewrite, NORMALIZED);
    if (!sameMember(value, own(place?.members, key), undefined, key, bSide)) return false;
  }
  return true;
}

/** `a`'s member `key` against the member of `b` of that name, if `b` keeps one. */
function sameMember(
  a: unknown,
  aPlace: Place | undefined,
  aWithout: string | undefined,
  key: string,
  b: Side,
): boolean {
  if (b.named) {
    const item = b.named.get(key);
    return item !== undefined && same(a, aPlace, aWithout, item, b.place?.items, 'Name');
  }
  if (!keeps(b, key)) return false;
  const value = memberAt(b.record as Record<string, unknown>, key, b.place?.defaults, b.place?.rewrite, NORMALIZED);
  return same(a, aPlace, aWithout, value, own(b.place?.members, key), undefined);
}

/** An object or a keyed list as the walk writes it; undefined for a list it keeps a list. */
function sideOf(value: object, place: Place | undefined, without: string | undefined): Side | undefined {
  if (!Array.isArray(value)) return { record: value as Record<string, unknown>, named: undefined, place, without };
  const named = place?.keyByName ? namedItems(value, NORMALIZED) : undefined;
  if (!named) return undefined;
  const byName = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < named.names.length; i++) byName.set(named.names[i] as string, named.items[i]!);
  return { record: undefined, named: byName, place, without: undefined };
}

/** Whether the walk writes member `key` of a record side: set (or defaulted), not dropped, not left out. */
function keeps(side: Side, key: string): boolean {
  const record = side.record as Record<string, unknown>;
  const place = side.place;
  if (key === side.without || place?.drop?.includes(key)) return false;
  return (Object.hasOwn(record, key) && record[key] != null) || own(place?.defaults, key) !== undefined;
}

/** How many members the walk writes for a side. */
function count(side: Side): number {
  if (side.named) return side.named.size;
  const record = side.record as Record<string, unknown>;
  let members = 0;
  for (const key in record) if (Object.hasOwn(record, key) && record[key] != null && keeps(side, key)) members++;
  for (const key in side.place?.defaults)
    if (!(Object.hasOwn(record, key) && record[key] != null) && keeps(side, key)) members++;
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
