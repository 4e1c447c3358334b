/**
 * Grants in comparable form. GetGrant answers with other names than CreateGrant
 * takes, and some of a grant is the grantee's or the service's business; each
 * normalizer absorbs one such quirk, never mutates its input, and the same
 * `normalizeGrant` serves the manifest entry and the live grant alike.
 */
import { dropNulls, sortKeys, type Normalizer } from './normalize.js';
import type { Comparable, GrantEntry, LiveGrant } from './types.js';

/** GetGrant names the members CreateGrant takes differently: GrantedOperations, GranteePrincipalArn, GrantStatus. */
export const inputNames: Normalizer = (grant) => {
  const { GrantedOperations, GranteePrincipalArn, GrantStatus, ...rest } = grant;
  return {
    ...rest,
    ...(GrantedOperations !== undefined ? { AllowedOperations: GrantedOperations } : {}),
    ...(GranteePrincipalArn !== undefined ? { Principals: [GranteePrincipalArn] } : {}),
    ...(GrantStatus !== undefined ? { Status: GrantStatus } : {}),
  };
};

/** The service keeps the grant's ARN, version, license and Region; none is a member a new version sets. Tags are their own kind. */
export const dropGrantServerMembers: Normalizer = (grant) => {
  const {
    GrantArn: _arn,
    Version: _version,
    ParentArn: _parent,
    LicenseArn: _license,
    HomeRegion: _region,
    Tags: _tags,
    ...rest
  } = grant;
  return rest;
};

/** AllowedOperations is a set: the service may answer in another order. */
export const sortOperations: Normalizer = (grant) =>
  Array.isArray(grant.AllowedOperations)
    ? { ...grant, AllowedOperations: [...(grant.AllowedOperations as unknown[])].map(String).sort() }
    : grant;

/** The grant normalizers, in the order `normalizeGrant` applies them. */
export const GRANT_NORMALIZERS: readonly Normalizer[] = [
  dropNulls,
  inputNames,
  dropGrantServerMembers,
  sortOperations,
  sortKeys,
];

/** The comparable form of a manifest's grant entry or a live grant; the same function for both. */
export function normalizeGrant(grant: GrantEntry | LiveGrant): Comparable {
  return GRANT_NORMALIZERS.reduce((acc, step) => step(acc), grant as unknown as Comparable);
}

/** The statuses the issuer controls: only between these does a manifest's Status decide anything. */
export const ISSUER_STATUSES: readonly string[] = ['ACTIVE', 'DISABLED'];

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
    ISSUER_STATUSES.includes(observed.Status);
  const unmanaged = ['Status', 'StatusReason', 'Options'].filter(
    (member) => !Object.hasOwn(desired, member) || (member === 'Status' && !statusManaged),
  );
  return { desired: without(desired, unmanaged), observed: without(observed, unmanaged) };
}

function without(doc: Comparable, members: readonly string[]): Comparable {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !members.includes(key)));
}

/** The account a principal ARN names (an account root, or the management account of an organization or OU). */
export function principalAccount(arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  return /^arn:aws[a-zA-Z-]*:(?:iam|organizations)::(\d{12}):/.exec(arn)?.[1];
}

/** The grantee's side of a grant in words, e.g. "pending acceptance by 111122223333". */
export function granteeStatus(live: LiveGrant): string {
  const who = principalAccount(live.GranteePrincipalArn) ?? String(live.GranteePrincipalArn ?? 'the grantee');
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
