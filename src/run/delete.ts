/**
 * Applying a delete: DeleteLicense pinned to the version read at plan time.
 * DeleteLicense has no ClientToken, so after a failed or retried call the
 * license is read again (classify.ts): PENDING_DELETE or DELETED at the pin or
 * later, or no license to read at all, means the delete happened (ours with its
 * reply lost, or a retry that found it done); a later version with other content
 * is a conflict; anything else, the error as reported.
 */
import { isGoneStatus } from '../reconcile/gone.js';
import type { ApplyResult } from '../reconcile/outcome.js';
import type { LicenseService } from '../reconcile/ports.js';
import { licenseError } from '../reconcile/errors.js';
import type { LiveLicense, PlanStep } from '../reconcile/types.js';
import { classifyFailedWrite } from './classify.js';

export async function applyDelete(step: PlanStep, service: LicenseService): Promise<ApplyResult> {
  const region = step.desired.HomeRegion;
  const subject = { file: step.file, licenseArn: step.licenseArn };
  const pin = step.sourceVersion ?? '';
  const result = await service.deleteLicense(step.licenseArn, pin, region);
  if (result.ok) return { step, outcome: 'deleted' };
  const reported = { ...result.error, ...subject };
  const found = await classifyFailedWrite<LiveLicense>({
    pin,
    reread: async () => {
      const read = await service.getLicense(step.licenseArn, region);
      return read.ok ? { ok: true, live: read.license } : read;
    },
    holdsDesired: (live) => isGoneStatus(live.Status),
    landsAtPin: true,
  });
  switch (found.kind) {
    case 'landed':
      return { step, outcome: 'deleted' };
    case 'conflict': {
      const message = `the license changed after it was read (the plan pinned version ${pin}, it is now at version ${found.version}), so it was not deleted; run plan again to see the new state`;
      const cause = reported.cause ? { cause: reported.cause } : {};
      return { step, outcome: 'conflict', error: licenseError('CONFLICT', message, { ...subject, ...cause }) };
    }
    case 'reported':
      // The license was read at plan time; not found now means it is gone (a service may stop showing deleted licenses).
      if (found.rereadError?.code === 'NOT_FOUND') return { step, outcome: 'deleted' };
      return { step, outcome: reported.code === 'CONFLICT' ? 'conflict' : 'failed', error: reported };
  }
}
