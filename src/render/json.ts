/**
 * The versioned machine-readable plan and apply report. `formatVersion` changes
 * only when a consumer would break; new members may be added within a version.
 */
import type { LicenseError } from '../reconcile/errors.js';
import type { ApplyResult, ApplySummary } from '../reconcile/outcome.js';
import type { GrantStep, Plan, PlanStep } from '../reconcile/types.js';

export const FORMAT_VERSION = 1;

/** The configuration file a saved plan was made with: its path from the repository's top level and its blob. */
export interface SavedConfig {
  file: string;
  blob: string;
}

/**
 * The plan as JSON. With `saved`, it records the ignore rules and the configuration file it was made with,
 * and each step also carries what apply checks (the desired content) and what
 * rendering needs (the observed document).
 */
export function planJson(
  plan: Plan,
  options: { saved?: boolean; ignore?: readonly string[]; config?: SavedConfig | null } = {},
): object {
  return {
    formatVersion: FORMAT_VERSION,
    ...(options.saved
      ? { kind: 'license-gitops-plan', ignore: options.ignore ?? [], config: options.config ?? null }
      : {}),
    ...(plan.commit ? { commit: plan.commit } : {}),
    ...(plan.workingTree ? { workingTree: true } : {}),
    ...(plan.base !== undefined ? { base: plan.base } : {}),
    ...(plan.configChange ? { configChange: plan.configChange } : {}),
    ...(plan.scope ? { scope: plan.scope } : {}),
    licenses: underLicenses(
      plan.steps.map((step) => ({ step })),
      ({ step }) => stepJson(step, options.saved ?? false),
    ),
    ...(plan.removed?.length ? { removed: plan.removed } : {}),
    summary: plan.summary,
  };
}

/**
 * One entry per license, each with its grants' steps under it (`grants`, present
 * when its manifest manages grants): `licenses` still lists licenses only, so
 * formatVersion stays 1.
 */
function underLicenses<T extends { step: PlanStep }>(items: readonly T[], json: (item: T) => object): object[] {
  const grants = new Map<string, object[]>();
  for (const item of items)
    if (item.step.kind === 'grant') grants.set(item.step.file, [...(grants.get(item.step.file) ?? []), json(item)]);
  return items
    .filter((item) => item.step.kind !== 'grant')
    .map((item) => {
      const own = grants.get(item.step.file);
      grants.delete(item.step.file);
      return own ? { ...json(item), grants: own } : json(item);
    });
}

export function applyJson(plan: Plan, results: readonly ApplyResult[], summary: ApplySummary): object {
  const resultJson = (r: ApplyResult) => ({
    ...stepJson(r.step, false),
    outcome: r.outcome,
    ...(r.newVersion ? { newVersion: r.newVersion } : {}),
    ...(r.recorded ? { recorded: r.recorded } : {}),
    ...(r.error ? { error: r.error } : {}),
  });
  return {
    formatVersion: FORMAT_VERSION,
    ...(plan.commit ? { commit: plan.commit } : {}),
    ...(plan.workingTree ? { workingTree: true } : {}),
    licenses: underLicenses(results, resultJson),
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
