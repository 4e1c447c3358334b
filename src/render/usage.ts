/**
 * Usage in the plan's output: what the customer has checked out, beside each
 * MaxCount the plan changes (reconcile/usage.ts), and the notes about the plan
 * as a whole (e.g. that usage could not be read).
 */
import jsonpatch, { type Operation } from 'fast-json-patch';
import type { PlanStep } from '../reconcile/types.js';
import { isLicenseStep } from '../reconcile/steps.js';

/** " (40 consumed)" after the line that changes or removes an entitlement whose usage was read; else "". */
export function consumedBeside(step: PlanStep, op: Operation): string {
  if (!isLicenseStep(step) || !('usage' in step) || !step.usage) return '';
  const usage = step.usage.find((u) => {
    const at = `/Entitlements/${jsonpatch.escapePathComponent(u.entitlement)}`;
    return op.path === at || op.path === `${at}/MaxCount`;
  });
  return usage ? ` (${usage.consumed} consumed)` : '';
}

/** Whether a step that is an error still shows what it would change: one refused for usage does. */
export function showsRefusedChange(step: PlanStep): boolean {
  return step.action === 'error' && step.error?.code === 'IN_USE' && step.patch.length > 0;
}
