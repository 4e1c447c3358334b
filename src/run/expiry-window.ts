/**
 * When the expiry warning is measured from: now, or the instant in
 * LICENSE_GITOPS_NOW (for reproducible output: tests, a report re-run as of a
 * date). Used by the CLI and the Action alike.
 */
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { ExpiryWindow } from '../reconcile/expiry.js';
import { toCanonicalInstant } from '../reconcile/normalize.js';

export const NOW_VARIABLE = 'LICENSE_GITOPS_NOW';

export function expiryWindow(
  days: number,
  env: NodeJS.ProcessEnv,
): { ok: true; window: ExpiryWindow } | { ok: false; error: LicenseError } {
  const pinned = env[NOW_VARIABLE];
  if (pinned === undefined || pinned === '') return { ok: true, window: { days, now: Date.now() } };
  // A real day and time (2027-02-30 is none), read as plan reads instants; a date alone is its midnight UTC.
  const instant = toCanonicalInstant(/^\d{4}-\d{2}-\d{2}$/.test(pinned) ? `${pinned}T00:00:00Z` : pinned);
  const now = typeof instant === 'string' ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(now) || new Date(now).toISOString() !== instant)
    return {
      ok: false,
      error: licenseError(
        'USAGE',
        `${NOW_VARIABLE} must be an ISO 8601 date or instant such as 2026-12-06T00:00:00Z (got ${JSON.stringify(pinned.slice(0, 40))})`,
      ),
    };
  return { ok: true, window: { days, now } };
}
