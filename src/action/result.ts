/**
 * What one Action run produced, and everything the Action reports from it:
 * outputs, the log text, the JSON file, the Markdown, the errors to annotate,
 * and whether the step fails. Pure.
 */
import type { LicenseError } from '../reconcile/errors.js';
import { worst, type ApplyResult, type ApplySummary } from '../reconcile/outcome.js';
import type { Plan, PlanStep } from '../reconcile/types.js';
import { applyJson, errorsJson, planJson } from '../render/json.js';
import { applyMarkdown, errorsMarkdown, planMarkdown, type MarkdownOptions } from '../render/markdown.js';
import { problemsFound, renderErrors } from '../render/errors.js';
import { renderApply, renderPlan } from '../render/text.js';
import { count } from '../render/summary.js';
import type { Command } from './inputs.js';

export type RunResult =
  /** Manifests invalid (or a usage problem): nothing was sent to License Manager. */
  | { kind: 'invalid'; command: Command; errors: LicenseError[] }
  /** A plan; nothing was written. */
  | { kind: 'plan'; plan: Plan }
  /** A plan and what apply did to each license. */
  | { kind: 'apply'; plan: Plan; results: ApplyResult[]; summary: ApplySummary };

/**
 * The Action's count outputs, by name. Plan: licenses to update, unchanged, in error
 * (or invalid manifest files), to create and to delete. Apply: licenses updated,
 * unchanged, that did not converge, created and deleted.
 */
export function counts(result: RunResult): Record<'updated' | 'unchanged' | 'failed' | 'created' | 'deleted', number> {
  if (result.kind === 'invalid') {
    const failed = new Set(result.errors.map((e) => e.file ?? e.message)).size;
    return { updated: 0, unchanged: 0, failed, created: 0, deleted: 0 };
  }
  if (result.kind === 'plan') {
    const { update, noop, error, create, delete: deleted } = result.plan.summary;
    return { updated: update, unchanged: noop, failed: error, created: create, deleted };
  }
  const { updated, unchanged, conflict, failed, skipped, created, deleted } = result.summary;
  return { updated, unchanged, failed: conflict + failed + skipped, created, deleted };
}

/** Whether the plan has anything to create, update, delete or record (for apply: whether it had). */
export function hasChanges(result: RunResult): boolean {
  return result.kind !== 'invalid' && result.plan.steps.some(writes);
}

/** A step that writes something: a create, an update, a delete, or an adoption (its ARN to record). */
export function writes(step: PlanStep): boolean {
  return step.action === 'update' || step.action === 'create' || step.action === 'delete' || Boolean(step.adopted);
}

/** Why the step fails, or undefined: a plan with changes does not fail; errors and non-convergence do. */
export function failure(result: RunResult): string | undefined {
  if (result.kind === 'invalid') return problemsFound(result.errors.length);
  if (result.kind === 'plan') {
    const n = result.plan.summary.error;
    return n > 0 ? `the plan has ${count(n, 'error')}` : undefined;
  }
  if (worst(result.results.map((r) => r.outcome)) === 0) return undefined;
  return `${counts(result).failed} of ${result.results.length} licenses did not converge`;
}

/** The errors to annotate: invalid manifests, licenses that can't be planned, and apply failures. */
export function errorsOf(result: RunResult): LicenseError[] {
  if (result.kind === 'invalid') return result.errors;
  const reported = result.kind === 'plan' ? result.plan.steps : result.results;
  return reported.flatMap((s) => (s.error ? [s.error] : []));
}

/** What the CLI would print: for the step's log. */
export function text(result: RunResult): string {
  if (result.kind === 'invalid') return renderErrors(result.errors);
  const plan = renderPlan(result.plan);
  return result.kind === 'plan' ? plan : `${plan}\n${renderApply(result.results, result.summary)}`;
}

/** The JSON the CLI's `--json` prints (formatVersion 1). */
export function json(result: RunResult): object {
  if (result.kind === 'invalid') return errorsJson(result.errors);
  return result.kind === 'plan' ? planJson(result.plan) : applyJson(result.plan, result.results, result.summary);
}

export function markdown(result: RunResult, options: MarkdownOptions): string {
  if (result.kind === 'invalid') return errorsMarkdown(result.errors, options);
  if (result.kind === 'plan') return planMarkdown(result.plan, options);
  return applyMarkdown(result.plan, result.results, result.summary, options);
}
