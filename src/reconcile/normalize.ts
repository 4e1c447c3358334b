/**
 * One function turns both sides into the same comparable form, so that the
 * live license and the manifest differ only where they really differ.
 * Each normalizer absorbs one API quirk and never mutates its input: it
 * copies what it changes and leaves the rest shared. `sortKeys` runs last and
 * rebuilds every object, so `normalize` never returns a part of its input.
 */
import type { Comparable, LicenseDocument, LiveLicense } from './types.js';

/** One step of `normalize`: a pure function from a document to a document. */
export type Normalizer = (doc: Comparable) => Comparable;

/** GetLicense answers `null` for members that are not set; null (and undefined) mean omitted. */
export const dropNulls: Normalizer = (doc) => withoutNulls(doc) as Comparable;

/** GetLicense adds server-side members a new version can't set; manifests carry `$schema`. */
export const dropServerMembers: Normalizer = (doc) =>
  mapMember(omit(doc, SERVER_MEMBERS), 'Issuer', (issuer) => omit(issuer, ['KeyFingerprint']));

/** Grants are reconciled one by one (grant-plan.ts), never as a member of the license: CreateLicenseVersion has none. */
export const dropGrants: Normalizer = (doc) => omit(doc, ['Grants']);

/** The API omits booleans that are false (Overage, AllowCheckIn, AllowEarlyCheckIn). */
export const defaultFalseBooleans: Normalizer = (doc) => {
  const entitlements = mapMember(doc, 'Entitlements', (list) =>
    mapItems(list, (item) => withDefaults(item, { Overage: false, AllowCheckIn: false })),
  );
  return mapMember(entitlements, 'ConsumptionConfiguration', (config) =>
    mapMember(config, 'BorrowConfiguration', (borrow) => withDefaults(borrow, { AllowEarlyCheckIn: false })),
  );
};

/** The API omits empty LicenseMetadata and Entitlements lists and an empty ConsumptionConfiguration. */
export const defaultEmptyCollections: Normalizer = (doc) =>
  withDefaults(doc, { LicenseMetadata: [], Entitlements: [], ConsumptionConfiguration: {} });

/** Live data may carry numbers as numeric strings (MaxCount "10", MaxTimeToLiveInMinutes "60"). */
export const parseNumericStrings: Normalizer = (doc) => {
  const entitlements = mapMember(doc, 'Entitlements', (list) =>
    mapItems(list, (item) => mapMember(item, 'MaxCount', toNumber)),
  );
  return mapMember(entitlements, 'ConsumptionConfiguration', (config) =>
    ['ProvisionalConfiguration', 'BorrowConfiguration'].reduce(
      (acc, key) => mapMember(acc, key, (inner) => mapMember(inner, 'MaxTimeToLiveInMinutes', toNumber)),
      config,
    ),
  );
};

/** Validity instants come back with another offset or precision; write them as UTC with milliseconds. */
export const canonicalInstants: Normalizer = (doc) =>
  mapMember(doc, 'Validity', (validity) =>
    mapMember(mapMember(validity, 'Begin', toCanonicalInstant), 'End', toCanonicalInstant),
  );

/** The API does not keep the order of Entitlements and LicenseMetadata; key them by Name. */
export const keyListsByName: Normalizer = (doc) =>
  mapMember(mapMember(doc, 'Entitlements', keyByName), 'LicenseMetadata', keyByName);

/** JSON members have no order; sort keys recursively so `JSON.stringify` is canonical. */
export const sortKeys: Normalizer = (doc) => sortedDeep(doc) as Comparable;

/** The normalizers in the order `normalize` applies them. */
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

/** The comparable form of a manifest document or a live license; the same function for both. */
export function normalize(doc: LicenseDocument | LiveLicense): Comparable {
  return NORMALIZERS.reduce((acc, step) => step(acc), doc as Comparable);
}

/** Server-side members of GetLicense's answer, and the manifest's `$schema`. */
const SERVER_MEMBERS = ['Version', 'CreateTime', 'ProductSKU', 'Beneficiary', 'LicenseArn', '$schema'];

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
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6]);
  const millis = Number(((match[7] ?? '') + '000').slice(0, 3));
  const offset = offsetMinutes(match[8], match[9], match[10]);
  const valid =
    month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && hour <= 23 && minute <= 59 && second <= 59;
  if (!valid || offset === undefined) return value;
  return new Date(utcMillis(year, month, day, hour, minute, second, millis) - offset * 60_000).toISOString();
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
}

/** Date.UTC, also for the years 0–99 (which Date.UTC reads as 1900–1999). */
function utcMillis(year: number, month: number, ...time: [number, number, number, number, number]): number {
  if (year >= 100) return Date.UTC(year, month - 1, ...time);
  const [day, hour, minute, second, millis] = time;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.setUTCHours(hour, minute, second, millis);
}

function offsetMinutes(
  sign: string | undefined,
  hours: string | undefined,
  minutes: string | undefined,
): number | undefined {
  if (sign === undefined) return 0;
  const h = Number(hours);
  const m = Number(minutes);
  if (h > 23 || m > 59) return undefined;
  return (sign === '-' ? -1 : 1) * (h * 60 + m);
}

function toNumber(value: unknown): unknown {
  return typeof value === 'string' && NUMERIC.test(value) ? Number(value) : value;
}

/** `[{Name: 'a', …}]` → `{a: {…}}`; left as is unless every item has a unique string Name. */
function keyByName(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  const keyed: Record<string, unknown> = {};
  for (const item of list) {
    const name: unknown = isRecord(item) ? item.Name : undefined;
    if (typeof name !== 'string' || Object.hasOwn(keyed, name)) return list;
    put(keyed, name, omit(item, NAME));
  }
  return keyed;
}

const NAME = ['Name'];

/** `value` without null members or items; parts without any are shared, not copied (sortKeys copies last). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const kept = item == null ? undefined : withoutNulls(item);
      if (copy === undefined && (item == null || kept !== item)) copy = value.slice(0, i);
      if (copy !== undefined && kept !== undefined) copy.push(kept);
    }
    return copy ?? value;
  }
  if (!isRecord(value)) return value;
  let copy: Record<string, unknown> | undefined;
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const member = value[key];
    const kept = member == null ? undefined : withoutNulls(member);
    if (copy === undefined && (member == null || kept !== member)) {
      copy = {};
      for (let j = 0; j < i; j++) put(copy, keys[j] as string, value[keys[j] as string]);
    }
    if (copy !== undefined && kept !== undefined) put(copy, key, kept);
  }
  return copy ?? value;
}

function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of sortedKeys(value)) put(copy, key, sortedDeep(value[key]));
  return copy;
}

/**
 * `Object.keys(value).sort()`. The few keys of a license's objects are sorted in
 * place by insertion: `Array#sort` allocates its own working state on every call,
 * which was most of the garbage a plan of 1,000 licenses made.
 */
function sortedKeys(value: Record<string, unknown>): string[] {
  const keys = Object.keys(value);
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

/** A copy of `doc` with `fn` applied to member `key`, when `doc` is an object that has it. */
function mapMember(doc: Comparable, key: string, fn: (value: unknown) => unknown): Comparable;
function mapMember(doc: unknown, key: string, fn: (value: unknown) => unknown): unknown;
function mapMember(doc: unknown, key: string, fn: (value: unknown) => unknown): unknown {
  if (!isRecord(doc) || !Object.hasOwn(doc, key)) return doc;
  const before = doc[key];
  const after = fn(before);
  if (after === before) return doc;
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(doc)) put(copy, k, k === key ? after : doc[k]);
  return copy;
}

/** `list` with `fn` applied to each item; the list itself when no item changes. */
function mapItems(list: unknown, fn: (item: unknown) => unknown): unknown {
  if (!Array.isArray(list)) return list;
  let copy: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    const after = fn(item);
    if (copy === undefined && after !== item) copy = list.slice(0, i);
    copy?.push(after);
  }
  return copy ?? list;
}

/** A copy of `doc` with each default set where the member is missing. */
function withDefaults(doc: Comparable, defaults: Record<string, unknown>): Comparable;
function withDefaults(doc: unknown, defaults: Record<string, unknown>): unknown;
function withDefaults(doc: unknown, defaults: Record<string, unknown>): unknown {
  if (!isRecord(doc)) return doc;
  let copy: Record<string, unknown> | undefined;
  for (const key in defaults) {
    if (!Object.hasOwn(doc, key)) (copy ??= { ...doc })[key] = defaults[key];
  }
  return copy ?? doc;
}

function omit(doc: Comparable, keys: readonly string[]): Comparable;
function omit(doc: unknown, keys: readonly string[]): unknown;
function omit(doc: unknown, keys: readonly string[]): unknown {
  if (!isRecord(doc) || !keys.some((key) => Object.hasOwn(doc, key))) return doc;
  const copy: Record<string, unknown> = {};
  for (const key in doc) if (Object.hasOwn(doc, key) && !keys.includes(key)) put(copy, key, doc[key]);
  return copy;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
