/** The roll-up sentences every renderer ends on (text, Markdown): the same words everywhere. */
import type { ApplySummary, Outcome } from '../reconcile/outcome.js';
import type { Plan } from '../reconcile/types.js';

/**
 * `2 to update, 14 unchanged, 0 errors` (and the manifests removed from git, if any;
 * and `; planned 3 of 120 licenses (…)` when the plan was narrowed).
 */
export function planCounts(plan: Plan): string {
  const { update, noop, error } = plan.summary;
  const removed = plan.removed?.length ? `, ${plan.removed.length} removed from git (left alone)` : '';
  const scope = plan.scope
    ? `; planned ${plan.scope.planned} of ${plan.scope.total} ${plan.scope.total === 1 ? 'license' : 'licenses'} (only manifests changed since --changed-since; a full run may write more)`
    : '';
  return `${update} to update, ${noop} unchanged, ${error} ${error === 1 ? 'error' : 'errors'}${removed}${scope}`;
}

/** Outcomes in the order summaries list them. */
export const OUTCOMES: readonly Outcome[] = ['updated', 'unchanged', 'conflict', 'failed', 'skipped'];

/** `2 updated, 14 unchanged, 0 conflict, 0 failed, 0 skipped` */
export function applyCounts(summary: ApplySummary): string {
  return OUTCOMES.map((o) => `${summary[o]} ${o}`).join(', ');
}
