/**
 * One function turns both sides into the same comparable form, so that the
 * live license and the manifest differ only where they really differ.
 * Each normalizer below absorbs one API quirk, told as the places in a license
 * where it occurs (walk.ts); none mutates its input. `normalize` applies all of
 * them, dropping nulls first and sorting keys last, in one walk that builds
 * every object anew, so it never returns a part of its input. User tags, a
 * kind of their own, have their own comparable form (`userTags`).
 */
import { codeUnitOrder, setOwn } from './json-values.js';
import type { Comparable, LicenseDocument, LiveLicense, Tag } from './types.js';
import { walk, type Place } from './walk.js';

/** One step of `normalize`: a pure function from a document to a document. */
export type Normalizer = (doc: Comparable) => Comparable;

/** The place each quirk's normalizer walks, so that `normalize` walks them all merged into one. */
const PLACES = new Map<Normalizer, Place>();

const quirk = (place: Place): Normalizer => {
  const canonical = merge(place, {});
  const normalizer: Normalizer = (doc) => walk(doc, canonical, { nulls: false, sort: false }) as Comparable;
  PLACES.set(normalizer, place);
  return normalizer;
};

/** GetLicense answers `null` for members that are not set; null (and undefined) mean omitted. */
export const dropNulls: Normalizer = (doc) => walk(doc, undefined, { nulls: true, sort: false }) as Comparable;

/** GetLicense adds server-side members a new version can't set; manifests carry `$schema`. */
export const dropServerMembers = quirk({
  drop: ['Version', 'CreateTime', 'ProductSKU', 'Beneficiary', 'LicenseArn', '$schema'],
  members: { Issuer: { drop: ['KeyFingerprint'] } },
});

/** Grants and tags are kinds of their own (src/kinds/), never members of a version: CreateLicenseVersion has neither. */
export const dropGrants = quirk({ drop: ['Grants', 'Tags'] });

/** The API omits booleans that are false (Overage, AllowCheckIn, AllowEarlyCheckIn). */
export const defaultFalseBooleans = quirk({
  members: {
    Entitlements: { items: { defaults: { Overage: false, AllowCheckIn: false } } },
    ConsumptionConfiguration: { members: { BorrowConfiguration: { defaults: { AllowEarlyCheckIn: false } } } },
  },
});

/** The API omits empty LicenseMetadata and Entitlements lists and an empty ConsumptionConfiguration. */
export const defaultEmptyCollections = quirk({
  defaults: { LicenseMetadata: [], Entitlements: [], ConsumptionConfiguration: {} },
});

/** Live data may carry numbers as numeric strings (MaxCount "10", MaxTimeToLiveInMinutes "60"). */
export const parseNumericStrings = quirk({
  members: {
    Entitlements: { items: { rewrite: { MaxCount: toNumber } } },
    ConsumptionConfiguration: {
      members: {
        ProvisionalConfiguration: { rewrite: { MaxTimeToLiveInMinutes: toNumber } },
        BorrowConfiguration: { rewrite: { MaxTimeToLiveInMinutes: toNumber } },
      },
    },
  },
});

/** Validity instants come back with another offset or precision; write them as UTC with milliseconds. */
export const canonicalInstants = quirk({
  members: { Validity: { rewrite: { Begin: toCanonicalInstant, End: toCanonicalInstant } } },
});

/** The API does not keep the order of Entitlements and LicenseMetadata; key them by Name. */
export const keyListsByName = quirk({
  members: { Entitlements: { keyByName: true }, LicenseMetadata: { keyByName: true } },
});

/** JSON members have no order; sort keys recursively so `JSON.stringify` is canonical. */
export const sortKeys: Normalizer = (doc) => walk(doc, undefined, { nulls: false, sort: true }) as Comparable;

/** The normalizers in the order `normalize` applies them (in one walk). */
export const NORMALIZERS: readonly Normalizer[] = [
  dropNulls,
  dropServerMembers,
  dropGrants,
  defaultFalseBooleans,
  defaultEmptyCollections,
  parseNumericStrings,
  canonicalInstants,
  keyListsByName,
  sortKeys,
];

/** Every quirk's places in one tree, in the order of NORMALIZERS (dropping nulls and sorting are walk options). */
const ALL_QUIRKS: Place = NORMALIZERS.flatMap((normalizer) => PLACES.get(normalizer) ?? []).reduce(merge);

/** The comparable form of a manifest document or a live license; the same function for both. */
export function normalize(doc: LicenseDocument | LiveLicense): Comparable {
  return walk(doc, ALL_QUIRKS, { nulls: true, sort: true }) as Comparable;
}

/**
 * The reserved prefix `key` starts with, if any: keys a manifest can't set and the tool never
 * reads as drift or removes. AWS reserves `aws:` in any letter case; the marker is `license-gitops:`.
 */
export function reservedPrefix(key: string): 'aws:' | 'license-gitops:' | undefined {
  if (key.slice(0, 4).toLowerCase() === 'aws:') return 'aws:';
  return key.startsWith('license-gitops:') ? 'license-gitops:' : undefined;
}

/** The user tags of a tag list or a listing in comparable form: keyed by Key, sorted, reserved keys left out. */
export function userTags(tags: readonly Tag[] | Readonly<Record<string, string>>): Record<string, string> {
  const entries = Array.isArray(tags) ? tags.map((t) => [t.Key, t.Value] as const) : Object.entries(tags);
  const keyed: Record<string, string> = {};
  for (const [key, value] of [...entries].sort(([a], [b]) => codeUnitOrder(a, b)))
    if (reservedPrefix(key) === undefined) setOwn(keyed, key, value);
  return keyed;
}

/**
 * Two places as one: both drop, default, rewrite (`b`'s rewrite after `a`'s) and
 * key what either does. Every place it makes has the same members in the same
 * order (absent ones undefined), so the walk always meets objects of one shape.
 */
function merge(a: Place, b: Place): Place {
  const names = new Set([...Object.keys(a.members ?? {}), ...Object.keys(b.members ?? {})]);
  const members: Record<string, Place> = {};
  for (const name of names) members[name] = merge(a.members?.[name] ?? {}, b.members?.[name] ?? {});
  const rewrite: Record<string, (value: unknown) => unknown> = { ...a.rewrite };
  for (const [key, fn] of Object.entries(b.rewrite ?? {})) {
    const first = rewrite[key];
    rewrite[key] = first ? (value) => fn(first(value)) : fn;
  }
  const drop = [...(a.drop ?? []), ...(b.drop ?? [])];
  const defaults = { ...a.defaults, ...b.defaults };
  return {
    drop: drop.length > 0 ? drop : undefined,
    defaults: Object.keys(defaults).length > 0 ? defaults : undefined,
    rewrite: Object.keys(rewrite).length > 0 ? rewrite : undefined,
    keyByName: Boolean(a.keyByName || b.keyByName),
    members: names.size > 0 ? members : undefined,
    items: a.items || b.items ? merge(a.items ?? {}, b.items ?? {}) : undefined,
  };
}

/** `2025-01-01T00:00:00Z`, `…00.5Z`, `…00+01:00`: an RFC 3339 instant with an explicit offset. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** What `toCanonicalInstant` writes. */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/**
 * The instant as `YYYY-MM-DDTHH:mm:ss.sssZ` (fraction truncated to milliseconds).
 * Anything else (no offset, out-of-range fields such as February 30) is returned as is.
 */
export function toCanonicalInstant(value: unknown): unknown {
  // Already in the canonical form: a valid instant prints back the same, an invalid one is kept as is.
  if (typeof value === 'string' && CANONICAL_INSTANT.test(value)) return value;
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (!match) return value;
  const fields = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = fields;
  const millis = Number(((match[7] ?? '') + '000').slice(0, 3));
  const [sign, offsetHours, offsetMinutes] = [match[8], Number(match[9]), Number(match[10])];
  const valid =
    month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && hour <= 23 && minute <= 59 && second <= 59;
  if (!valid || (sign !== undefined && (offsetHours > 23 || offsetMinutes > 59))) return value;
  const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  // Not Date.UTC, which reads the years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return new Date(date.setUTCHours(hour, minute, second, millis) - offset * 60_000).toISOString();
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
}

function toNumber(value: unknown): unknown {
  return typeof value === 'string' && NUMERIC.test(value) ? Number(value) : value;
}
