/**
 * Rules for `Grants` the JSON Schema can't express. Like the license rules,
 * each reads defensively and returns findings at the offending value.
 */
import { isRecord } from '../reconcile/json-values.js';
import { repeats, shortJson, toPointer } from './messages.js';
import type { Finding } from './rules.js';

/** Grants are keyed by GrantName (plan paths are /Grants/<name>/…), so names must be unique within a license. */
export function uniqueGrantNames(doc: Record<string, unknown>): Finding[] {
  return repeated(doc, 'GrantName', 'grant names must be unique within a license');
}

/** One entry per grant: the same GrantArn twice would reconcile one grant against two entries. */
export function uniqueGrantArns(doc: Record<string, unknown>): Finding[] {
  return repeated(doc, 'GrantArn', 'each grant is declared once');
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

function repeated(doc: Record<string, unknown>, member: 'GrantName' | 'GrantArn', why: string): Finding[] {
  return repeats(doc.Grants, (grant) => grant[member]).map(({ item, index, earlier }) => {
    const pointer = toPointer(['Grants', index, member]);
    const again = `${shortJson(item[member])} repeats ${toPointer(['Grants', earlier, member])}`;
    return { pointer, message: `${pointer} ${again}; ${why}` };
  });
}
