/**
 * The plan's usage check at the edge: GetLicenseUsage for exactly the licenses
 * whose steps need it (reconcile/usage.ts decides which, and what follows), a
 * few at a time. A plan with no such change makes no call.
 */
import pLimit from 'p-limit';
import { summarize } from '../reconcile/plan.js';
import { licenseError } from '../reconcile/errors.js';
import type { LicenseService, UsageRead } from '../reconcile/ports.js';
import type { Plan } from '../reconcile/types.js';
import { usageNeeded, withUsage, type UsageAllowance } from '../reconcile/usage.js';

export async function checkUsage(
  plan: Plan,
  service: LicenseService,
  allowance: UsageAllowance,
  concurrency: number,
): Promise<Plan> {
  const needed = usageNeeded(plan.steps);
  if (needed.size === 0) return plan;
  const reads = new Map(
    await pLimit(concurrency).map([...needed], async ([arn, region]): Promise<[string, UsageRead]> => {
      return [arn, await readUsage(service, arn, region)];
    }),
  );
  const checked = withUsage(plan.steps, reads, allowance);
  const unread =
    checked.unread === undefined
      ? []
      : [`usage not read, so changes that could cut off a customer were not checked against it: ${checked.unread}`];
  const notes = [...(plan.notes ?? []), ...unread];
  return { ...plan, steps: checked.steps, summary: summarize(checked.steps), ...(notes.length ? { notes } : {}) };
}

function readUsage(service: LicenseService, arn: string, region: string): Promise<UsageRead> {
  if (service.getLicenseUsage) return service.getLicenseUsage(arn, region);
  const message = 'this License Manager client does not read usage (GetLicenseUsage)';
  return Promise.resolve({ ok: false, error: licenseError('READ_FAILED', message, { licenseArn: arn }) });
}
