/**
 * What apply did to each license, and the one table that ranks plan actions
 * and outcomes for exit codes and summaries.
 */
import type { LicenseError } from './errors.js';
import type { Action, PlanStep } from './types.js';

export type Outcome =
  /** A new license was created (CreateLicense); its ARN was written back into the manifest. */
  | 'created'
  /** A new version was created, pinned to the version observed at plan time. */
  | 'updated'
  /** The license was deleted (DeleteLicense pinned to the version observed at plan time). */
  | 'deleted'
  /** Live already matched the manifest; no call was made. */
  | 'unchanged'
  /** The license changed after it was read; nothing was written. The next run re-plans. */
  | 'conflict'
  /** The license could not be read or written; see the error. */
  | 'failed'
  /** Not attempted: the run was interrupted or a safety limit stopped it. */
  | 'skipped';

export interface ApplyResult {
  step: PlanStep;
  outcome: Outcome;
  /** The version created, for `updated` (and `created`). */
  newVersion?: string;
  /** The ARN this step created (or adopted), and the manifest file it was written back into. */
  recorded?: { arn: string; file: string; pointer: string };
  error?: LicenseError;
}

export type ApplySummary = Record<Outcome, number>;

/** Severity: 0 is success, 1 pending change, 2 not converged, 3 failure. */
const SEVERITY: Readonly<Record<Action | Outcome, 0 | 1 | 2 | 3>> = {
  noop: 0,
  unchanged: 0,
  created: 0,
  updated: 0,
  deleted: 0,
  create: 1,
  update: 1,
  delete: 1,
  skipped: 2,
  conflict: 3,
  failed: 3,
  error: 3,
};

/** The highest severity among the given actions or outcomes (0 for none). */
export function worst(values: Iterable<Action | Outcome>): number {
  let max = 0;
  for (const value of values) max = Math.max(max, SEVERITY[value]);
  return max;
}

/** How many results have each outcome. */
export function summarizeOutcomes(results: readonly ApplyResult[]): ApplySummary {
  const zero = { created: 0, updated: 0, deleted: 0, unchanged: 0, conflict: 0, failed: 0, skipped: 0 };
  return tally(zero, results, (result) => result.outcome);
}

/** How many `items` have each key of `zero`, every key counted (in the order `zero` names them). */
export function tally<T, K extends string>(zero: Record<K, number>, items: Iterable<T>, keyOf: (item: T) => K) {
  const counts: Record<K, number> = { ...zero };
  for (const item of items) counts[keyOf(item)] += 1;
  return counts;
}
