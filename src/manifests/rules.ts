/**
 * Rules the JSON Schema can't express, for a license, its grants and their tags
 * (keys unique, reserved prefixes refused). Each is a small named function over the
 * parsed document that returns findings at the offending value. Rules read
 * defensively, so they also run (and report) on documents the schema rejects.
 */
import { isRecord } from '../reconcile/json-values.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { reservedPrefix } from '../reconcile/normalize.js';
import type { Locator, Position } from './positions.js';
import { keyedPointer, repeats, ruleError, shortJson, toPointer } from './messages.js';

/** What a rule found: the pointer of the offending value and the message. */
export interface Finding {
  pointer: string;
  message: string;
}

export type Rule = (doc: Record<string, unknown>) => Finding[];

/** Validity.End must come after Validity.Begin, compared as instants (offsets and fractions count). */
export function validityEndAfterBegin(doc: Record<string, unknown>): Finding[] {
  const validity = isRecord(doc.Validity) ? doc.Validity : undefined;
  const begin = instant(validity?.Begin);
  const end = instant(validity?.End);
  if (!begin || !end || compareInstants(end, begin) > 0) return [];
  const message = `/Validity/End ${shortJson(validity?.End)} must be after /Validity/Begin ${shortJson(validity?.Begin)}`;
  return [{ pointer: '/Validity/End', message }];
}

/** Entitlement names are the key License Manager matches on, so they must be unique. */
export function uniqueEntitlementNames(doc: Record<string, unknown>): Finding[] {
  return uniqueNames(doc, 'Entitlements', 'entitlement');
}

/** Metadata names are keys, so they must be unique. */
export function uniqueMetadataNames(doc: Record<string, unknown>): Finding[] {
  return uniqueNames(doc, 'LicenseMetadata', 'metadata');
}

/** The API documents Value as "use only if the unit is None". */
export function valueOnlyWithUnitNone(doc: Record<string, unknown>): Finding[] {
  return entitlementFindings(doc, (e) =>
    'Value' in e && typeof e.Unit === 'string' && e.Unit !== 'None'
      ? ['Value', `is only allowed when Unit is "None" (Unit is ${shortJson(e.Unit)}); use MaxCount for a quantity`]
      : undefined,
  );
}

/** The API documents MaxCount as "use if the unit is not None". */
export function maxCountOnlyWithCountedUnits(doc: Record<string, unknown>): Finding[] {
  return entitlementFindings(doc, (e) =>
    'MaxCount' in e && e.Unit === 'None'
      ? ['MaxCount', 'is not allowed when Unit is "None"; use Value to name the entitled resource']
      : undefined,
  );
}

/** Grants are keyed by GrantName (plan paths are /Grants/<name>/…), so names must be unique within a license. */
export function uniqueGrantNames(doc: Record<string, unknown>): Finding[] {
  return repeatedKeys(doc.Grants, ['Grants'], 'GrantName', 'grant names must be unique within a license');
}

/** One entry per grant: the same GrantArn twice would reconcile one grant against two entries. */
export function uniqueGrantArns(doc: Record<string, unknown>): Finding[] {
  return repeatedKeys(doc.Grants, ['Grants'], 'GrantArn', 'each grant is declared once');
}

/** A grant can only exist for a license that exists: no GrantArn on a license still to be created. */
export function grantArnNeedsLicenseArn(doc: Record<string, unknown>): Finding[] {
  if (typeof doc.LicenseArn === 'string' || !Array.isArray(doc.Grants)) return [];
  return doc.Grants.flatMap((grant: unknown, index) => {
    if (!isRecord(grant) || typeof grant.GrantArn !== 'string') return [];
    const pointer = toPointer(['Grants', index, 'GrantArn']);
    const clause =
      "is set but the license has no LicenseArn yet; a new license's grants are created after it, so leave GrantArn out";
    return [{ pointer, message: `${pointer} ${clause}` }];
  });
}

/** Tags (of a license and of each grant) are keyed by Key (plan paths are /Tags/<Key>); one resource can't carry a key twice. */
export function uniqueTagKeys(doc: Record<string, unknown>): Finding[] {
  return tagLists(doc).flatMap(({ at, tags }) => repeatedKeys(tags, at, 'Key', 'tag keys must be unique'));
}

/** `aws:` keys belong to AWS and `license-gitops:` keys to this tool's marker: a manifest can't set either. */
export function noReservedTagKeys(doc: Record<string, unknown>): Finding[] {
  return tagLists(doc).flatMap(({ at, tags }) =>
    tags.flatMap((tag, index) => {
      const key = (tag as { Key?: unknown } | null)?.Key;
      const prefix = typeof key === 'string' ? reservedPrefix(key) : undefined;
      if (prefix === undefined) return [];
      const why =
        prefix === 'aws:'
          ? 'keys starting with aws: (in any letter case) are reserved for AWS'
          : "keys starting with license-gitops: are the marker license-gitops tags its own creations with; they are never read as drift nor removed, and a manifest can't set them";
      return [finding(doc, [...at, index, 'Key'], `${shortJson(key)}: ${why}`)];
    }),
  );
}

export const RULES: readonly Rule[] = [
  validityEndAfterBegin,
  uniqueEntitlementNames,
  uniqueMetadataNames,
  valueOnlyWithUnitNone,
  maxCountOnlyWithCountedUnits,
  uniqueGrantNames,
  uniqueGrantArns,
  grantArnNeedsLicenseArn,
  uniqueTagKeys,
  noReservedTagKeys,
];

/** Runs every rule on one document; findings become positioned MANIFEST_RULE errors. */
export function ruleErrors(doc: Record<string, unknown>, locator: Locator, file: string): LicenseError[] {
  return RULES.flatMap((rule) => rule(doc)).map(({ pointer, message }) =>
    ruleError(message, file, locator.value(pointer)),
  );
}

/** One file's claim on a license, for the across-files check. */
export interface ArnClaim {
  file: string;
  licenseArn: string;
  /** Where the LicenseArn value is in `file` (asked only for duplicates, as it needs the tree). */
  position: () => Position;
}

/** One manifest per LicenseArn: every later claim (claims in file order) is an error naming both files. */
export function duplicateArnErrors(claims: readonly ArnClaim[]): LicenseError[] {
  const first = new Map<string, ArnClaim>();
  const errors: LicenseError[] = [];
  for (const claim of claims) {
    const earlier = first.get(claim.licenseArn);
    if (!earlier) {
      first.set(claim.licenseArn, claim);
      continue;
    }
    const message = `license ${claim.licenseArn} is declared in both ${earlier.file} and ${claim.file}; keep one manifest per license`;
    errors.push(
      licenseError('DUPLICATE_ARN', message, { file: claim.file, licenseArn: claim.licenseArn, ...claim.position() }),
    );
  }
  return errors;
}

/** A finding whose message starts with the pointer of the offending value, keyed by name as plans write it. */
function finding(doc: Record<string, unknown>, segments: (string | number)[], clause: string): Finding {
  const pointer = toPointer(segments);
  return { pointer, message: `${keyedPointer(doc, pointer)} ${clause}` };
}

function uniqueNames(doc: Record<string, unknown>, list: 'Entitlements' | 'LicenseMetadata', noun: string): Finding[] {
  // Names that look the same are the same: "café" composed (NFC) and decomposed (NFD) can't be told apart.
  const key = (item: Record<string, unknown>) =>
    typeof item.Name === 'string' ? item.Name.normalize('NFC') : undefined;
  return repeats(doc[list], key).map(({ item, index, first, earlier }) => {
    const how = first.Name === item.Name ? '' : ' (the same characters, composed differently in Unicode)';
    const clause = `${shortJson(item.Name)} repeats ${toPointer([list, earlier, 'Name'])}${how}; ${noun} names must be unique`;
    return finding(doc, [list, index, 'Name'], clause);
  });
}

/** A finding at `/Entitlements/i/<member>` for each entitlement `check` objects to (member and clause). */
function entitlementFindings(
  doc: Record<string, unknown>,
  check: (entitlement: Record<string, unknown>) => [member: string, clause: string] | undefined,
): Finding[] {
  const items = Array.isArray(doc.Entitlements) ? (doc.Entitlements as unknown[]) : [];
  return items.flatMap((item, index) => {
    const objection = isRecord(item) ? check(item) : undefined;
    return objection ? [finding(doc, ['Entitlements', index, objection[0]], objection[1])] : [];
  });
}

/** A finding at each item of `list` (at pointer `at`) whose string `member` an earlier item has. */
function repeatedKeys(list: unknown, at: (string | number)[], member: string, why: string): Finding[] {
  return repeats(list, (item) => item[member]).map(({ item, index, earlier }) => {
    const pointer = toPointer([...at, index, member]);
    const again = `${shortJson(item[member])} repeats ${toPointer([...at, earlier, member])}`;
    return { pointer, message: `${pointer} ${again}; ${why}` };
  });
}

/** Every `Tags` list of a manifest (the license's and each grant's), with the pointer segments that lead to it. */
function tagLists(doc: Record<string, unknown>): { at: (string | number)[]; tags: unknown[] }[] {
  const lists: { at: (string | number)[]; tags: unknown[] }[] = [];
  if (Array.isArray(doc.Tags)) lists.push({ at: ['Tags'], tags: doc.Tags });
  if (Array.isArray(doc.Grants))
    doc.Grants.forEach((grant, index) => {
      const tags = (grant as { Tags?: unknown } | null)?.Tags;
      if (Array.isArray(tags)) lists.push({ at: ['Grants', index, 'Tags'], tags });
    });
  return lists;
}

/** An instant: whole milliseconds since the epoch plus the fraction digits past them. */
interface Instant {
  ms: number;
  rest: string;
}

const DATE_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/;

/** Parses an ISO 8601 date-time with zone; undefined for anything else (the schema reports it). */
export function instant(value: unknown): Instant | undefined {
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!match) return undefined;
  const [, wall = '', fraction = '', zone = ''] = match;
  const digits = fraction.padEnd(3, '0');
  const ms = Date.parse(`${wall}.${digits.slice(0, 3)}${zone}`);
  return Number.isNaN(ms) ? undefined : { ms, rest: digits.slice(3).replace(/0+$/, '') };
}

/** Negative, zero or positive as `a` is before, at or after `b`. */
export function compareInstants(a: Instant, b: Instant): number {
  if (a.ms !== b.ms) return a.ms - b.ms;
  const width = Math.max(a.rest.length, b.rest.length);
  const left = a.rest.padEnd(width, '0');
  const right = b.rest.padEnd(width, '0');
  return left < right ? -1 : left > right ? 1 : 0;
}
