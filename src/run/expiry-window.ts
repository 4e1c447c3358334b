/**
 * When the expiry warning is measured from: now, or the instant in
 * LICENSE_GITOPS_NOW (for reproducible output: tests, a report re-run as of a
 * date). Used by the CLI and the Action alike.
 */
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { ExpiryWindow } from '../reconcile/expiry.js';

export const NOW_VARIABLE = 'LICENSE_GITOPS_NOW';

export function expiryWindow(
  days: number,
  env: NodeJS.ProcessEnv,
): { ok: true; window: ExpiryWindow } | { ok: false; error: LicenseError } {
  const pinned = env[NOW_VARIABLE];
  if (pinned === undefined || pinned === '') return { ok: true, window: { days, now: Date.now() } };
  const now = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(pinned) ? Date.parse(pinned) : Number.NaN;
  if (Number.isNaN(now))
    return {
      ok: false,
      error: licenseError(
        'USAGE',
        `${NOW_VARIABLE} must be an ISO 8601 date or instant such as 2026-12-06T00:00:00Z (got ${JSON.stringify(pinned.slice(0, 40))})`,
      ),
    };
  return { ok: true, window: { days, now } };
}
