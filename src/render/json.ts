/**
 * The versioned machine-readable plan and apply report. `formatVersion` changes
 * only when a consumer would break; new members may be added within a version.
 */
import type { LicenseError } from '../reconcile/errors.js';
import type { ApplyResult, ApplySummary } from '../reconcile/outcome.js';
import type { Plan, PlanStep } from '../reconcile/types.js';

export const FORMAT_VERSION = 1;

/**
 * The plan as JSON. With `saved`, each step also carries what apply needs
 * (the desired content) and what rendering needs (the observed document).
 */
export function planJson(plan: Plan, options: { saved?: boolean } = {}): object {
  return {
    formatVersion: FORMAT_VERSION,
    ...(options.saved ? { kind: 'license-gitops-plan' } : {}),
    ...(plan.commit ? { commit: plan.commit } : {}),
    licenses: plan.steps.map((step) => stepJson(step, options.saved ?? false)),
    ...(plan.removed?.length ? { removed: plan.removed } : {}),
    summary: plan.summary,
  };
}

export function applyJson(plan: Plan, results: readonly ApplyResult[], summary: ApplySummary): object {
  const licenses = results.map((r) => ({
    ...stepJson(r.step, false),
    outcome: r.outcome,
    ...(r.newVersion ? { newVersion: r.newVersion } : {}),
    ...(r.recorded ? { recorded: r.recorded } : {}),
    ...(r.error ? { error: r.error } : {}),
  }));
  return {
    formatVersion: FORMAT_VERSION,
    ...(plan.commit ? { commit: plan.commit } : {}),
    licenses,
    ...(plan.removed?.length ? { removed: plan.removed } : {}),
    summary: { ...summary, plan: plan.summary },
  };
}

/** Invalid manifests, in JSON: what a CI consumer needs to annotate files. */
export function errorsJson(errors: readonly LicenseError[]): object {
  return {
    formatVersion: FORMAT_VERSION,
    valid: false,
    errors,
    licenses: [],
    summary: { create: 0, update: 0, delete: 0, noop: 0, error: errors.length },
  };
}

/** One step; `licenseArn` is absent for a license not created yet. */
function stepJson(step: PlanStep, saved: boolean) {
  return {
    ...(step.kind && step.kind !== 'license' ? { kind: step.kind } : {}),
    file: step.file,
    ...(step.licenseArn !== '' ? { licenseArn: step.licenseArn } : {}),
    action: step.action,
    ...(step.sourceVersion !== undefined ? { sourceVersion: step.sourceVersion } : {}),
    patch: step.patch,
    ...(step.adopted ? { adopted: true } : {}),
    ...(step.activeGrants !== undefined ? { activeGrants: step.activeGrants } : {}),
    ...(step.note ? { note: step.note } : {}),
    ...(step.error ? { error: step.error } : {}),
    ...(saved ? { desired: step.desired, ...(step.observed ? { observed: step.observed } : {}) } : {}),
  };
}
