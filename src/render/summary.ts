/** The roll-up sentences every renderer ends on (text, Markdown): the same words everywhere. */
import type { ApplySummary, Outcome } from '../reconcile/outcome.js';
import type { Plan } from '../reconcile/types.js';

/** `2 to update, 14 unchanged, 0 errors` (and the manifests removed from git, if any). */
export function planCounts(plan: Plan): string {
  const { update, noop, error } = plan.summary;
  const removed = plan.removed?.length ? `, ${plan.removed.length} removed from git (left alone)` : '';
  return `${update} to update, ${noop} unchanged, ${error} ${error === 1 ? 'error' : 'errors'}${removed}`;
}

/** Outcomes in the order summaries list them. */
export const OUTCOMES: readonly Outcome[] = ['updated', 'unchanged', 'conflict', 'failed', 'skipped'];

/** `2 updated, 14 unchanged, 0 conflict, 0 failed, 0 skipped` */
export function applyCounts(summary: ApplySummary): string {
  return OUTCOMES.map((o) => `${summary[o]} ${o}`).join(', ');
}
