/**
 * The versioned machine-readable plan and apply report. `formatVersion` changes
 * only when a consumer would break; new members may be added within a version.
 */
import type { LicenseError } from '../reconcile/errors.js';
import type { ApplyResult, ApplySummary } from '../reconcile/outcome.js';
import type { GrantStep, Plan, PlanStep } from '../reconcile/types.js';

export const FORMAT_VERSION = 1;

/**
 * The plan as JSON. With `saved`, it records the ignore rules it was made with,
 * and each step also carries what apply checks (the desired content) and what
 * rendering needs (the observed document).
 */
export function planJson(plan: Plan, options: { saved?: boolean; ignore?: readonly string[] } = {}): object {
  return {
    formatVersion: FORMAT_VERSION,
    ...(options.saved ? { kind: 'license-gitops-plan', ignore: options.ignore ?? [] } : {}),
    ...(plan.commit ? { commit: plan.commit } : {}),
    ...(plan.workingTree ? { workingTree: true } : {}),
    ...(plan.base !== undefined ? { base: plan.base } : {}),
    ...(plan.scope ? { scope: plan.scope } : {}),
    licenses: licenseSteps(plan.steps).map((step) => stepJson(step, options.saved ?? false)),
    ...grantsJson(plan.steps, (step) => stepJson(step, options.saved ?? false)),
    ...(plan.removed?.length ? { removed: plan.removed } : {}),
    summary: plan.summary,
  };
}

/**
 * Grant steps go in their own list, `grants`, so a consumer of `licenses`
 * sees licenses only (formatVersion stays 1). Present when the plan has any.
 */
function grantsJson<T>(steps: readonly PlanStep[], json: (step: PlanStep) => T): { grants?: T[] } {
  const grants = steps.filter((s) => s.kind === 'grant');
  return grants.length > 0 ? { grants: grants.map(json) } : {};
}

function licenseSteps<T extends { kind?: string }>(items: readonly T[]): T[] {
  return items.filter((s) => s.kind !== 'grant');
}

export function applyJson(plan: Plan, results: readonly ApplyResult[], summary: ApplySummary): object {
  const resultJson = (r: ApplyResult) => ({
    ...stepJson(r.step, false),
    outcome: r.outcome,
    ...(r.newVersion ? { newVersion: r.newVersion } : {}),
    ...(r.recorded ? { recorded: r.recorded } : {}),
    ...(r.error ? { error: r.error } : {}),
  });
  const grants = results.filter((r) => r.step.kind === 'grant').map(resultJson);
  return {
    formatVersion: FORMAT_VERSION,
    ...(plan.commit ? { commit: plan.commit } : {}),
    ...(plan.workingTree ? { workingTree: true } : {}),
    licenses: results.filter((r) => r.step.kind !== 'grant').map(resultJson),
    ...(grants.length > 0 ? { grants } : {}),
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
  if (step.kind === 'grant') return grantStepJson(step, saved);
  return {
    ...(step.kind && step.kind !== 'license' ? { kind: step.kind } : {}),
    file: step.file,
    ...(step.licenseArn !== '' ? { licenseArn: step.licenseArn } : {}),
    action: step.action,
    ...(step.cause ? { cause: step.cause } : {}),
    ...(step.sourceVersion !== undefined ? { sourceVersion: step.sourceVersion } : {}),
    patch: step.patch,
    ...(step.adopted ? { adopted: true } : {}),
    ...(step.activeGrants !== undefined ? { activeGrants: step.activeGrants } : {}),
    ...(step.note ? { note: step.note } : {}),
    ...(step.error ? { error: step.error } : {}),
    ...(saved ? { desired: step.desired, ...(step.observed ? { observed: step.observed } : {}) } : {}),
  };
}

/** One grant step: its license, the grant's name and ARN, the pin on the grant's own version. */
function grantStepJson(step: GrantStep, saved: boolean) {
  const { name, arn, status, removed, entry, index } = step.grant;
  return {
    kind: 'grant' as const,
    file: step.file,
    ...(step.licenseArn !== '' ? { licenseArn: step.licenseArn } : {}),
    grantName: name,
    ...(arn ? { grantArn: arn } : {}),
    action: step.action,
    ...(step.sourceVersion !== undefined ? { sourceVersion: step.sourceVersion } : {}),
    patch: step.patch,
    ...(status ? { status } : {}),
    ...(removed ? { removed: true } : {}),
    ...(step.adopted ? { adopted: true } : {}),
    ...(step.note ? { note: step.note } : {}),
    ...(step.error ? { error: step.error } : {}),
    ...(saved
      ? {
          desired: step.desired,
          grant: {
            name,
            ...(arn ? { arn } : {}),
            ...(status ? { status } : {}),
            ...(removed ? { removed } : {}),
            ...(entry ? { entry } : {}),
            ...(index !== undefined ? { index } : {}),
          },
          ...(step.observed ? { observed: step.observed } : {}),
        }
      : {}),
  };
}
