/**
 * The one home of "gone": the statuses License Manager leaves a deleted license
 * or grant in. A gone subject can't get a new version, a delete of it has
 * nothing left to do, and it is history, not a candidate for adoption.
 */

/** Statuses of a deleted license or grant (DeleteLicense/DeleteGrant leave one of them). */
export const GONE_STATUSES: readonly string[] = ['DELETED', 'PENDING_DELETE'];

/** Whether a status (LicenseStatus or GrantStatus, as read) says the subject is gone. */
export function isGoneStatus(status: unknown): boolean {
  return typeof status === 'string' && GONE_STATUSES.includes(status);
}
