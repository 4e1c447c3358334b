/**
 * Rules for `Grants` the JSON Schema can't express. Like the license rules,
 * each reads defensively and returns findings at the offending value.
 */
import { isRecord } from '../reconcile/json-values.js';
import { repeats, shortJson, toPointer } from './messages.js';
import type { Finding } from './rules.js';

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
    return [
      {
        pointer,
        message: `${pointer} is set but the license has no LicenseArn yet; a new license's grants are created after it, so leave GrantArn out`,
      },
    ];
  });
}

export const GRANT_RULES = [uniqueGrantNames, uniqueGrantArns, grantArnNeedsLicenseArn] as const;

/** A finding at each item of `list` (at pointer `at`) whose string `member` an earlier item has. */
export function repeatedKeys(list: unknown, at: (string | number)[], member: string, why: string): Finding[] {
  return repeats(list, (item) => item[member]).map(({ item, index, earlier }) => {
    const pointer = toPointer([...at, index, member]);
    const again = `${shortJson(item[member])} repeats ${toPointer([...at, earlier, member])}`;
    return { pointer, message: `${pointer} ${again}; ${why}` };
  });
}
