/**
 * Rules the JSON Schema can't express. Each is a small named function over the
 * parsed document that returns findings at the offending value. Rules read
 * defensively, so they also run (and report) on documents the schema rejects.
 */
import { isRecord } from '../reconcile/json-values.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { Locator, Position } from './positions.js';
import { GRANT_RULES } from './grant-rules.js';
import { TAG_RULES } from './tag-rules.js';
import { keyedPointer, repeats, shortJson, toPointer } from './messages.js';

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

export const RULES: readonly Rule[] = [
  validityEndAfterBegin,
  uniqueEntitlementNames,
  uniqueMetadataNames,
  valueOnlyWithUnitNone,
  maxCountOnlyWithCountedUnits,
  ...GRANT_RULES,
  ...TAG_RULES,
];

/** Runs every rule on one document; findings become positioned MANIFEST_RULE errors. */
export function ruleErrors(doc: Record<string, unknown>, locator: Locator, file: string): LicenseError[] {
  return RULES.flatMap((rule) => rule(doc)).map(({ pointer, message }) =>
    licenseError('MANIFEST_RULE', message, { file, ...locator.value(pointer) }),
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
  const findings: Finding[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const entitlement = isRecord(item) ? item : undefined;
    const objection = entitlement && check(entitlement);
    if (objection) findings.push(finding(doc, ['Entitlements', index, objection[0]], objection[1]));
  }
  return findings;
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
