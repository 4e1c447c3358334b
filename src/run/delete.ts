/**
 * Applying a delete: DeleteLicense pinned to the version read at plan time.
 * DeleteLicense has no ClientToken, so after a failed or retried call the
 * license is read again: PENDING_DELETE or DELETED means the delete happened
 * (ours, its reply lost, or a retry that found it done); anything else is the
 * error, and a pin that no longer matches is a conflict.
 */
import type { ApplyResult } from '../reconcile/outcome.js';
import type { LicenseService } from '../reconcile/ports.js';
import { licenseError } from '../reconcile/errors.js';
import type { PlanStep } from '../reconcile/types.js';

const GONE: readonly string[] = ['DELETED', 'PENDING_DELETE'];

export async function applyDelete(step: PlanStep, service: LicenseService): Promise<ApplyResult> {
  const region = step.desired.HomeRegion;
  const subject = { file: step.file, licenseArn: step.licenseArn };
  const result = await service.deleteLicense(step.licenseArn, step.sourceVersion ?? '', region);
  if (result.ok) return { step, outcome: 'deleted' };
  const again = await service.getLicense(step.licenseArn, region);
  if (again.ok && GONE.includes(String(again.license.Status))) return { step, outcome: 'deleted' };
  const error = { ...result.error, ...subject };
  if (again.ok && again.license.Version !== step.sourceVersion) {
    const message = `the license changed after it was read (now version ${String(again.license.Version)}, the plan pinned ${step.sourceVersion}), so it was not deleted; run plan again to see the new state`;
    return {
      step,
      outcome: 'conflict',
      error: licenseError('CONFLICT', message, { ...subject, cause: result.error.cause }),
    };
  }
  return { step, outcome: error.code === 'CONFLICT' ? 'conflict' : 'failed', error };
}
