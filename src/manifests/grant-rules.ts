/**
 * Rules for `Grants` the JSON Schema can't express. Like the license rules,
 * each reads defensively and returns findings at the offending value.
 */
import { shortJson, toPointer } from './messages.js';
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
  if (typeof doc.LicenseArn === 'string') return [];
  return grants(doc).flatMap(({ grant, index }) =>
    typeof grant.GrantArn === 'string'
      ? [
          {
            pointer: toPointer(['Grants', index, 'GrantArn']),
            message: `${toPointer(['Grants', index, 'GrantArn'])} is set but the license has no LicenseArn yet; a new license's grants are created after it, so leave GrantArn out`,
          },
        ]
      : [],
  );
}

export const GRANT_RULES = [uniqueGrantNames, uniqueGrantArns, grantArnNeedsLicenseArn] as const;

function repeated(doc: Record<string, unknown>, member: 'GrantName' | 'GrantArn', why: string): Finding[] {
  const seen = new Map<string, number>();
  const findings: Finding[] = [];
  for (const { grant, index } of grants(doc)) {
    const value = grant[member];
    if (typeof value !== 'string') continue;
    const earlier = seen.get(value);
    if (earlier === undefined) {
      seen.set(value, index);
      continue;
    }
    const pointer = toPointer(['Grants', index, member]);
    findings.push({
      pointer,
      message: `${pointer} ${shortJson(value)} repeats ${toPointer(['Grants', earlier, member])}; ${why}`,
    });
  }
  return findings;
}

function grants(doc: Record<string, unknown>): { grant: Record<string, unknown>; index: number }[] {
  const items = Array.isArray(doc.Grants) ? (doc.Grants as unknown[]) : [];
  return items.flatMap((item, index) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? [{ grant: item as Record<string, unknown>, index }]
      : [],
  );
}
