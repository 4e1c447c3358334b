/**
 * The whole pipeline in one place:
 * load → validate → read live → pair → normalize/diff/plan → apply → report.
 * Plan and apply share one path: apply runs exactly the plan that `plan` builds.
 */
import type { LicenseError } from '../reconcile/errors.js';
import { summarizeOutcomes, type ApplyResult, type ApplySummary } from '../reconcile/outcome.js';
import { checkIgnore } from '../reconcile/diff.js';
import { pair } from '../reconcile/pair.js';
import { buildPlan } from '../reconcile/plan.js';
import type { LicenseService } from '../reconcile/ports.js';
import type { Manifest, Plan, RemovedManifest } from '../reconcile/types.js';
import type { ManifestSource } from '../manifests/source.js';
import { validateManifests } from '../manifests/validate.js';
import { applyPlan } from './apply.js';
import { readGrants } from './read-grants.js';
import { readLive } from './read-live.js';

export interface SourceSet {
  sources: ManifestSource[];
  errors: LicenseError[];
  /** Limit the plan to these files (all files are still validated). */
  only?: ReadonlySet<string>;
  /** Manifests deleted from git: shown in the plan, their licenses left alone. */
  removed?: RemovedManifest[];
  /** The commit the sources come from. */
  commit?: string;
}

export interface RunOptions {
  concurrency: number;
  /** RFC 6901 pointers (normalized form) ignored on both sides. */
  ignore?: string[];
  /** Delete what the manifests no longer declare (grants no entry claims). */
  prune?: boolean;
  /** Apply changes nothing when the plan would update more licenses than this. */
  maxChanges?: number;
  signal?: AbortSignal;
}

export type Validated = { ok: true; manifests: Manifest[] } | { ok: false; errors: LicenseError[] };
export type Planned = { ok: true; plan: Plan } | { ok: false; errors: LicenseError[] };
export type Applied =
  { ok: true; plan: Plan; results: ApplyResult[]; summary: ApplySummary } | { ok: false; errors: LicenseError[] };

/** Load and validate: every problem in every file, or the manifests. */
export function validate(set: SourceSet): Validated {
  const { manifests, errors } = validateManifests(set.sources);
  const all = [...set.errors, ...errors];
  return all.length > 0 ? { ok: false, errors: all } : { ok: true, manifests };
}

export async function plan(set: SourceSet, service: LicenseService, options: RunOptions): Promise<Planned> {
  const badIgnore = checkIgnore(options.ignore ?? []);
  if (badIgnore.length > 0) return { ok: false, errors: badIgnore };
  const validated = validate(set);
  if (!validated.ok) return validated;
  const inScope = set.only ? validated.manifests.filter((m) => set.only?.has(m.file)) : validated.manifests;
  const [reads, grants] = await Promise.all([
    readLive(inScope, service, options.concurrency, options.signal),
    readGrants(inScope, service, options.concurrency, options.signal),
  ]);
  const built = buildPlan(pair(inScope, reads, new Map(), grants), {
    ignore: options.ignore ?? [],
    ...(options.prune ? { prune: true } : {}),
  });
  const removed = stillRemoved(set.removed ?? [], validated.manifests);
  return {
    ok: true,
    plan: { ...built, ...(set.commit ? { commit: set.commit } : {}), ...(removed.length ? { removed } : {}) },
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
  return { ok: true, plan, results, summary: summarizeOutcomes(results) };
}

/** A deleted file whose license another manifest still declares was moved, not removed. */
function stillRemoved(removed: RemovedManifest[], manifests: Manifest[]): RemovedManifest[] {
  const declared = new Set(manifests.map((m) => m.document.LicenseArn));
  return removed.filter((r) => !r.licenseArn || !declared.has(r.licenseArn));
}
