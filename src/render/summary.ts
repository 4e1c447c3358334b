/** The roll-up sentences every renderer ends on (text, Markdown): the same words everywhere. */
import type { ApplySummary, Outcome } from '../reconcile/outcome.js';
import { summarize } from '../reconcile/plan.js';
import type { Plan } from '../reconcile/types.js';
import type { Action, PlanSummary } from '../reconcile/steps.js';
import { KINDS } from '../kinds/index.js';

/** `1 error`, `3 errors`: `n` and the noun for it. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** `Manifests at commit <commit>` (shown by `show`), or from the working tree; undefined when neither is known. */
export function manifestsFrom(plan: Plan, show: (commit: string) => string): string | undefined {
  if (plan.commit) return `Manifests at commit ${show(plan.commit)}`;
  return plan.workingTree ? 'Manifests from the working tree (uncommitted changes)' : undefined;
}

/** One line per product template whose change fans out: `<file> changes 212 licenses`, the file shown by `show`. */
export function fanOutLines(plan: Plan, show: (file: string) => string): string[] {
  return (plan.templates ?? []).map((t) => `${show(t.file)} changes ${count(t.licenses, 'license')}`);
}

/**
 * `2 to update, 14 unchanged, 0 errors`; creates, deletes and adoptions when there
 * are any (`1 to create, 2 to update, 1 to delete, ...`), and the manifests removed
 * from git and left alone; and `; planned 3 of 120 licenses (…)` when the plan was narrowed.
 */
export function planCounts(plan: Plan): string {
  const adopted = plan.steps.filter((s) => s.adopted).length;
  const parts = [
    ...actionCounts(plan.summary, ['update', 'noop', 'error']),
    adopted > 0 ? `${adopted} adopted (ARN to record)` : undefined,
    plan.removed?.length ? `${plan.removed.length} removed from git (left alone)` : undefined,
  ];
  const scope = plan.scope
    ? `; planned ${plan.scope.planned} of ${count(plan.scope.total, 'license')} (narrowed to changed manifests; a full run may write more)`
    : '';
  return `${parts.filter((p) => p !== undefined).join(', ')}${grantCounts(plan)}${scope}`;
}

/**
 * ` (grants among them: 1 to create, 2 unchanged)` for each kind but licenses that has steps
 * (grants, tag sets), so no one reads them as licenses.
 */
function grantCounts(plan: Plan): string {
  return KINDS.filter((kind) => kind.name !== 'license')
    .map((kind) => {
      const listed = actionCounts(summarize(plan.steps.filter((s) => s.kind === kind.name)), []);
      return listed.length > 0 ? ` (${kind.noun[1]} among them: ${listed.join(', ')})` : '';
    })
    .join('');
}

/** Plan actions in the order summaries list them, with their words. */
const ACTIONS: ReadonlyArray<[action: Action, noun: string, plural: string]> = [
  ['create', 'to create', 'to create'],
  ['update', 'to update', 'to update'],
  ['delete', 'to delete', 'to delete'],
  ['noop', 'unchanged', 'unchanged'],
  ['error', 'error', 'errors'],
];

/** `1 to create, 2 to update, 0 errors`: each action that has steps, and those in `always` even at 0. */
function actionCounts(summary: PlanSummary, always: readonly Action[]): string[] {
  return ACTIONS.filter(([action]) => always.includes(action) || (summary[action] ?? 0) > 0).map(
    ([action, noun, plural]) => count(summary[action] ?? 0, noun, plural),
  );
}

/** Outcomes in the order summaries list them. */
const OUTCOMES: readonly Outcome[] = ['created', 'updated', 'deleted', 'unchanged', 'conflict', 'failed', 'skipped'];

/** Outcomes every summary lists, even at 0; the others only when they happened. */
const ALWAYS: readonly Outcome[] = ['updated', 'unchanged', 'conflict', 'failed', 'skipped'];

/** `2 updated, 14 unchanged, 0 conflict, 0 failed, 0 skipped` (with `1 created`, `1 deleted` when any). */
export function applyCounts(summary: ApplySummary): string {
  return OUTCOMES.filter((o) => ALWAYS.includes(o) || (summary[o] ?? 0) > 0)
    .map((o) => `${summary[o] ?? 0} ${o}`)
    .join(', ');
}
