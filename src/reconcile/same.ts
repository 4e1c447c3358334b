/**
 * Whether two documents have the same comparable form, decided without building
 * either: the walk of walk.ts made over both at once, member by member, that
 * stops at the first difference. A plan asks this of every license and builds
 * the comparable forms and the patch only for those that differ. It answers
 * exactly what an empty patch between the two walked documents answers
 * (normalize.test.ts checks it on documents of any shape).
 */
import { byName, kept, memberAt, namedItems, own, sortInPlace, type Place, type WalkOptions } from './walk.js';

const NORMALIZED: WalkOptions = { nulls: true, sort: true };

/** Whether `a` and `b`, each walked under `place` (nulls dropped, keys sorted), are the same. */
export function sameWalk(a: unknown, b: unknown, place: Place | undefined): boolean {
  return same(a, place, undefined, b, place, undefined);
}

/** One side is a value, the quirks at its place, and the member a keyed item leaves out (its Name). */
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
  // Objects, and lists keyed by name (whose keys are the names, whose members are the items less Name).
  const aOrder = aNamed ? byName(aNamed.names) : undefined;
  const bOrder = bNamed ? byName(bNamed.names) : undefined;
  const aKeys = aNamed ? aNamed.names : sortInPlace(kept(a as Record<string, unknown>, aPlace, NORMALIZED, aWithout));
  const bKeys = bNamed ? bNamed.names : sortInPlace(kept(b as Record<string, unknown>, bPlace, NORMALIZED, bWithout));
  if (aKeys.length !== bKeys.length) return false;
  for (let i = 0; i < aKeys.length; i++) {
    const aKey = aKeys[aOrder ? (aOrder[i] as number) : i] as string;
    if (aKey !== bKeys[bOrder ? (bOrder[i] as number) : i]) return false;
  }
  for (let i = 0; i < aKeys.length; i++) {
    const key = aKeys[aOrder ? (aOrder[i] as number) : i] as string;
    let aValue: unknown;
    let aInner: Place | undefined;
    let bValue: unknown;
    let bInner: Place | undefined;
    if (aNamed) {
      aValue = aNamed.items[aOrder?.[i] as number];
      aInner = aPlace?.items;
    } else {
      aValue = memberAt(a as Record<string, unknown>, key, aPlace?.defaults, aPlace?.rewrite, NORMALIZED);
      aInner = own(aPlace?.members, key);
    }
    if (bNamed) {
      bValue = bNamed.items[bOrder?.[i] as number];
      bInner = bPlace?.items;
    } else {
      bValue = memberAt(b as Record<string, unknown>, key, bPlace?.defaults, bPlace?.rewrite, NORMALIZED);
      bInner = own(bPlace?.members, key);
    }
    if (!same(aValue, aInner, aNamed ? 'Name' : undefined, bValue, bInner, bNamed ? 'Name' : undefined)) return false;
  }
  return true;
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
