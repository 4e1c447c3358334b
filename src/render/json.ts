/**
 * The versioned machine-readable plan and apply report. `formatVersion` changes
 * only when a consumer would break; new members may be added within a version.
 */
import type { LicenseError } from '../reconcile/errors.js';
import type { ApplyResult, ApplySummary } from '../reconcile/outcome.js';
import type { Plan, PlanStep } from '../reconcile/types.js';
import { kindOf } from '../kinds/index.js';
import { FORMAT_VERSION, type SavedConfig } from '../reconcile/plan-file.js';
import { isLicenseStep } from '../reconcile/steps.js';

/**
 * The plan as JSON. With `saved`, it records the ignore rules, the configuration file, the manifest directory and the templates it was made with,
 * and each step also carries what apply checks (the desired content) and what
 * rendering needs (the observed document).
 */
export function planJson(
  plan: Plan,
  options: { saved?: boolean; ignore?: readonly string[]; config?: SavedConfig | null; dir?: string } = {},
): object {
  return {
    formatVersion: FORMAT_VERSION,
    ...(options.saved
      ? {
          kind: 'license-gitops-plan',
          ignore: options.ignore ?? [],
          config: options.config ?? null,
          ...(options.dir !== undefined ? { dir: options.dir } : {}),
        }
      : {}),
    ...(plan.commit ? { commit: plan.commit } : {}),
    ...(plan.workingTree ? { workingTree: true } : {}),
    ...(plan.base !== undefined ? { base: plan.base } : {}),
    ...(plan.configChange ? { configChange: plan.configChange } : {}),
    ...(plan.scope ? { scope: plan.scope } : {}),
    licenses: underLicenses(
      plan.steps.map((step) => ({ step })),
      ({ step }) => kindOf(step).json(step, options.saved ?? false),
    ),
    ...(plan.removed?.length ? { removed: plan.removed } : {}),
    ...(plan.templates?.length ? { templates: plan.templates } : {}),
    ...(options.saved && plan.templateBlobs?.length ? { templateBlobs: plan.templateBlobs } : {}),
    ...(plan.notes?.length ? { notes: plan.notes } : {}),
    ...(plan.expiry ? { expiry: plan.expiry } : {}),
    summary: plan.summary,
  };
}

/**
 * One entry per license, each with the steps of its grants and tags under it
 * (`grants`, `tags`, present when there are any): `licenses` still lists
 * licenses only, so formatVersion stays 1.
 */
function underLicenses<T extends { step: PlanStep }>(items: readonly T[], json: (item: T) => object): object[] {
  const under = new Map<string, Record<string, object[]>>();
  for (const item of items) {
    const { step } = item;
    if (isLicenseStep(step)) continue;
    const member = kindOf(step).jsonMember ?? kindOf(step).name;
    const own = under.get(step.file) ?? {};
    own[member] = [...(own[member] ?? []), json(item)];
    under.set(step.file, own);
  }
  return items
    .filter((item) => isLicenseStep(item.step))
    .map((item) => {
      const own = under.get(item.step.file);
      under.delete(item.step.file);
      return { ...json(item), ...own };
    });
}

export function applyJson(plan: Plan, results: readonly ApplyResult[], summary: ApplySummary): object {
  const resultJson = (r: ApplyResult) => ({
    ...kindOf(r.step).json(r.step, false),
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
