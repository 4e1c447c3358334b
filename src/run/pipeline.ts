/**
 * The whole pipeline in one place:
 * load → validate → read live → pair → normalize/diff/plan → apply → report.
 * Plan and apply share one path: apply runs exactly the plan that `plan` prints.
 */
import type { LicenseError } from '../reconcile/errors.js';
import { summarizeOutcomes, type ApplyResult, type ApplySummary } from '../reconcile/outcome.js';
import { pair } from '../reconcile/pair.js';
import { buildPlan } from '../reconcile/plan.js';
import type { LicenseService } from '../reconcile/ports.js';
import type { Manifest, Plan } from '../reconcile/types.js';
import type { ManifestSource } from '../manifests/source.js';
import { validateManifests } from '../manifests/validate.js';
import { applyPlan } from './apply.js';
import { readLive } from './read-live.js';

export interface SourceSet {
  sources: ManifestSource[];
  errors: LicenseError[];
}

export interface RunOptions {
  concurrency: number;
  /** RFC 6901 pointers (normalized form) ignored on both sides. */
  ignore?: string[];
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
  const validated = validate(set);
  if (!validated.ok) return validated;
  const reads = await readLive(validated.manifests, service, options.concurrency);
  return { ok: true, plan: buildPlan(pair(validated.manifests, reads), { ignore: options.ignore ?? [] }) };
}

/** Fails closed: an invalid manifest anywhere means no call at all. */
export async function apply(set: SourceSet, service: LicenseService, options: RunOptions): Promise<Applied> {
  const planned = await plan(set, service, options);
  if (!planned.ok) return planned;
  const results = await applyPlan(planned.plan, service, options);
  return { ok: true, plan: planned.plan, results, summary: summarizeOutcomes(results) };
}
