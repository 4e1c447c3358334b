/**
 * The one home of "gone": the statuses License Manager leaves a deleted license
 * or grant in. A gone subject can't get a new version, a delete of it has
 * nothing left to do, and it is history, not a candidate for adoption. A
 * grant may also have ended without being deleted: it no longer gives its
 * grantee the license.
 */

/** Statuses of a deleted license or grant (DeleteLicense/DeleteGrant leave one of them). */
export const GONE_STATUSES: readonly string[] = ['DELETED', 'PENDING_DELETE'];

/** Whether a status (LicenseStatus or GrantStatus, as read) says the subject is gone. */
export function isGoneStatus(status: unknown): boolean {
  return typeof status === 'string' && GONE_STATUSES.includes(status);
}

/** Grant statuses that no longer give the grantee the license: gone, or refused, failed or disabled. */
const ENDED_GRANT_STATUSES: readonly string[] = [...GONE_STATUSES, 'REJECTED', 'FAILED_WORKFLOW', 'DISABLED'];

/** Whether a listed grant still gives its grantee the license (what prune counts before deleting one). */
export function inForce(grant: { GrantStatus?: unknown }): boolean {
  return !ENDED_GRANT_STATUSES.includes(String(grant.GrantStatus ?? ''));
}
