/**
 * Applying a delete: DeleteLicense pinned to the version read at plan time.
 * DeleteLicense has no ClientToken, so after a failed or retried call the
 * license is read again (classify.ts): PENDING_DELETE or DELETED at the pin or
 * later, or no license to read at all (a service may stop showing deleted
 * licenses), means the delete happened (ours with its reply lost, or a retry
 * that found it done); a later version with other content is a conflict;
 * anything else, the error as reported.
 */
import { isGoneStatus } from '../reconcile/gone.js';
import type { ApplyResult } from '../reconcile/outcome.js';
import type { LicenseService } from '../reconcile/ports.js';
import type { LiveLicense, PlanStep } from '../reconcile/types.js';
import { outcomeOfFailedWrite } from './classify.js';

export async function applyDelete(step: PlanStep, service: LicenseService): Promise<ApplyResult> {
  const region = step.desired.HomeRegion;
  const pin = step.sourceVersion ?? '';
  const result = await service.deleteLicense(step.licenseArn, pin, region);
  if (result.ok) return { step, outcome: 'deleted' };
  return outcomeOfFailedWrite<LiveLicense>({
    step,
    makes: 'deleted',
    pin,
    reported: result.error,
    reread: async () => {
      const read = await service.getLicense(step.licenseArn, region);
      return read.ok ? { ok: true, live: read.license } : read;
    },
    holdsDesired: (live) => isGoneStatus(live.Status),
    about: (error) => ({ ...error, file: step.file, licenseArn: step.licenseArn }),
    changed: (now) =>
      `the license changed after it was read (the plan pinned version ${pin}, it is now at version ${now}), so it was not deleted; run plan again to see the new state`,
  });
}
