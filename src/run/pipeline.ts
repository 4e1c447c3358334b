/**
 * The whole pipeline in one place:
 * load → validate → read live → pair → normalize/diff/plan → apply → report.
 * Plan and apply share one path: apply runs exactly the plan that `plan` builds.
 */
import type { LicenseError } from '../reconcile/errors.js';
import { summarizeOutcomes, type ApplyResult, type ApplySummary } from '../reconcile/outcome.js';
import { checkIgnore } from '../reconcile/diff.js';
import { pair } from '../reconcile/pair.js';
import { attributeCauses } from '../reconcile/cause.js';
import { buildPlan } from '../reconcile/plan.js';
import type { LicenseService } from '../reconcile/ports.js';
import type { Manifest, Plan, RemovedManifest } from '../reconcile/types.js';
import type { ManifestSource } from '../manifests/source.js';
import { applyPlan } from './apply.js';
import type { OnProgress } from './progress.js';
import { readLive, type ReadOptions } from './read-live.js';
import { runWideError } from './run-wide.js';
import { validate } from './validate.js';

export { validate, type Validated } from './validate.js';

export interface SourceSet {
  sources: ManifestSource[];
  errors: LicenseError[];
  /** Limit the plan to these files (all files are still validated). */
  only?: ReadonlySet<string>;
  /** Manifests added or changed since `base` (plan --base): the plan is not narrowed, each license gets a cause. */
  changed?: ReadonlySet<string>;
  /** The ref `changed` is measured against, as the user gave it. */
  base?: string;
  /** Manifests deleted from git: shown in the plan, their licenses left alone. */
  removed?: RemovedManifest[];
  /** The commit the sources come from. */
  commit?: string;
  /** The sources are a working tree with uncommitted changes (no commit vouches for them). */
  workingTree?: boolean;
}

export interface RunOptions extends ReadOptions {
  concurrency: number;
  /** RFC 6901 pointers (normalized form) left as they are live: apply sends the live value there. */
  ignore?: string[];
  /** More ignore pointers for one manifest (per-file rules of the config file). */
  ignoreFor?: (file: string) => readonly string[];
  /** Apply changes nothing when the plan would update more licenses than this. */
  maxChanges?: number;
  /** Retire licenses whose manifests were deleted (off unless asked for: configuration `prune`, or --prune). */
  prune?: boolean;
  signal?: AbortSignal;
  /** Told as reads and writes finish, for progress on long runs. */
  onProgress?: OnProgress;
}

export type Planned = { ok: true; plan: Plan } | { ok: false; errors: LicenseError[] };
export type Applied =
  { ok: true; plan: Plan; results: ApplyResult[]; summary: ApplySummary } | { ok: false; errors: LicenseError[] };

export async function plan(set: SourceSet, service: LicenseService, options: RunOptions): Promise<Planned> {
  const badIgnore = checkIgnore(options.ignore ?? []);
  if (badIgnore.length > 0) return { ok: false, errors: badIgnore };
  const validated = validate(set);
  if (!validated.ok) return validated;
  const inScope = set.only ? validated.manifests.filter((m) => set.only?.has(m.file)) : validated.manifests;
  const reads = await readLive(inScope, service, options);
  const stopped = runWideError([...reads.values()].flatMap((read) => (read.ok ? [] : [read.error])));
  if (stopped) return { ok: false, errors: [stopped] };
  const built = buildPlan(pair(inScope, reads), {
    ignore: options.ignore ?? [],
    ...(options.ignoreFor ? { ignoreFor: options.ignoreFor } : {}),
  });
  const removed = stillRemoved(set.removed ?? [], validated.manifests);
  return {
    ok: true,
    plan: {
      ...built,
      ...(set.changed ? { steps: attributeCauses(built.steps, set.changed), base: set.base ?? '' } : {}),
      ...(set.only ? { scope: { planned: inScope.length, total: validated.manifests.length } } : {}),
      ...(set.commit ? { commit: set.commit } : {}),
      ...(set.workingTree ? { workingTree: true } : {}),
      ...(removed.length ? { removed } : {}),
    },
  };
}

/** Fails closed: an invalid manifest anywhere means no call at all. */
export async function apply(set: SourceSet, service: LicenseService, options: RunOptions): Promise<Applied> {
  const planned = await plan(set, service, options);
  if (!planned.ok) return planned;
  return applyPlanned(planned.plan, service, options);
}

/** Applies a plan already built (this run's, or a saved one). */
export async function applyPlanned(plan: Plan, service: LicenseService, options: RunOptions): Promise<Applied> {
  const results = await applyPlan(plan, service, options);
  const stopped = results.every((r) => r.outcome !== 'updated')
    ? runWideError(results.flatMap((r) => (r.error ? [r.error] : [])))
    : undefined;
  if (stopped) return { ok: false, errors: [stopped] };
  return { ok: true, plan, results, summary: summarizeOutcomes(results) };
}

/** A deleted file whose license another manifest still declares was moved, not removed. */
function stillRemoved(removed: RemovedManifest[], manifests: Manifest[]): RemovedManifest[] {
  const declared = new Set(manifests.map((m) => m.document.LicenseArn));
  return removed.filter((r) => !r.licenseArn || !declared.has(r.licenseArn));
}
