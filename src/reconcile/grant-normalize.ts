/**
 * Grants in comparable form, by the same walk as licenses (walk.ts). GetGrant
 * answers with other names than CreateGrant takes, so its members are first
 * given their request names; then one place tells the grant's quirks. The same
 * `normalizeGrant` serves the manifest entry and the live grant alike.
 */
import { walk, type Place } from './walk.js';
import type { Comparable, GrantEntry, LiveGrant } from './types.js';

/** GetGrant names the members CreateGrant takes differently: GrantedOperations, GranteePrincipalArn, GrantStatus. */
function requestNames(grant: Record<string, unknown>): Record<string, unknown> {
  const { GrantedOperations, GranteePrincipalArn, GrantStatus, ...rest } = grant;
  return {
    ...rest,
    ...(GrantedOperations != null ? { AllowedOperations: GrantedOperations } : {}),
    ...(GranteePrincipalArn != null ? { Principals: [GranteePrincipalArn] } : {}),
    ...(GrantStatus != null ? { Status: GrantStatus } : {}),
  };
}

const GRANT_QUIRKS: Place = {
  // The service keeps the grant's ARN, version, license and Region: none is a member a new version sets. Tags are their own kind.
  drop: ['GrantArn', 'Version', 'ParentArn', 'LicenseArn', 'HomeRegion', 'Tags'],
  // AllowedOperations is a set: the service may answer in another order.
  rewrite: {
    AllowedOperations: (ops) =>
      Array.isArray(ops)
        ? ops
            .filter((op) => op != null)
            .map(String)
            .sort()
        : ops,
  },
};

/** The comparable form of a manifest's grant entry or a live grant; the same function for both. */
export function normalizeGrant(grant: GrantEntry | LiveGrant): Comparable {
  const named = requestNames(grant as unknown as Record<string, unknown>);
  return walk(named, GRANT_QUIRKS, { nulls: true, sort: true }) as Comparable;
}

/** The statuses the issuer controls: only between these does a manifest's Status decide anything. */
const ISSUER_GRANT_STATUSES: readonly string[] = ['ACTIVE', 'DISABLED'];

/**
 * The two sides of one grant as they are compared: members the manifest leaves
 * out (Status, StatusReason, Options) are not managed, so the live ones are not
 * drift; and the status is compared only when the manifest sets it and the
 * grant is in a status the issuer controls. Until the grantee accepts
 * (PENDING_ACCEPT), or after it rejected, the status is theirs: shown, never written.
 */
export function comparableGrant(entry: GrantEntry, live: LiveGrant): { desired: Comparable; observed: Comparable } {
  const desired = normalizeGrant(entry);
  const observed = normalizeGrant(live);
  const statusManaged =
    typeof desired.Status === 'string' &&
    typeof observed.Status === 'string' &&
    ISSUER_GRANT_STATUSES.includes(observed.Status);
  const unmanaged = ['Status', 'StatusReason', 'Options'].filter(
    (member) => !Object.hasOwn(desired, member) || (member === 'Status' && !statusManaged),
  );
  return { desired: without(desired, unmanaged), observed: without(observed, unmanaged) };
}

function without(doc: Comparable, members: readonly string[]): Comparable {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !members.includes(key)));
}

/**
 * Who a principal ARN names, in words: `111122223333` (an account root), or the organization or OU
 * (with its management account).
 */
function grantee(arn: unknown): string {
  const text = String(arn ?? 'the grantee');
  const unit = /:organizations::(\d{12}):(organization\/(o-[a-z0-9]+)|ou\/o-[a-z0-9]+\/(ou-[a-z0-9-]+))$/.exec(text);
  const account =
    typeof arn === 'string' ? /^arn:aws[a-zA-Z-]*:(?:iam|organizations)::(\d{12}):/.exec(arn)?.[1] : undefined;
  if (!unit) return account ?? text;
  return unit[3] ? `organization ${unit[3]} (of ${unit[1]})` : `organizational unit ${unit[4]} (of ${unit[1]})`;
}

/** The grantee's side of a grant in words, e.g. "pending acceptance by 111122223333". */
export function granteeStatus(live: LiveGrant): string {
  const who = grantee(live.GranteePrincipalArn);
  switch (live.GrantStatus) {
    case 'PENDING_ACCEPT':
      return `pending acceptance by ${who}`;
    case 'REJECTED':
      return `rejected by ${who}`;
    case 'ACTIVE':
      return `accepted by ${who}`;
    case 'DISABLED':
      return `disabled (granted to ${who})`;
    default:
      return `${String(live.GrantStatus ?? 'status unknown')
        .toLowerCase()
        .replace(/_/g, ' ')} (granted to ${who})`;
  }
}
