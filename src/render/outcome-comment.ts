/**
 * The outcome of an apply as a short Markdown comment for the pull request that
 * was merged (as Atlantis comments after it applies): one line per license
 * apply acted on, the unchanged ones collapsed, the roll-up, and a link to the
 * run. Everything from the manifests is escaped as in the other Markdown.
 */
import type { ApplyResult, ApplySummary } from '../reconcile/outcome.js';
import { kindOf, subjectName } from '../kinds/index.js';
import type { Plan } from '../reconcile/types.js';
import { code, escapeMarkdown, link } from './escape.js';
import { ICONS, commitRef, heading } from './markdown.js';
import { applyCounts } from './summary.js';

export function outcomeComment(
  plan: Plan,
  results: readonly ApplyResult[],
  summary: ApplySummary,
  options: { title: string; commitUrl?: string; runUrl?: string },
): string {
  const acted = results.filter((r) => r.outcome !== 'unchanged');
  const unchanged = results.filter((r) => r.outcome === 'unchanged');
  const shown = plan.commit ? commitRef(plan.commit, options.commitUrl) : undefined;
  const run = options.runUrl ? ` · ${link(options.runUrl, 'workflow run')}` : '';
  return [
    heading(options.title),
    '',
    `Applied ${shown ? `commit ${shown}` : 'the manifests'} after the merge${run}.`,
    '',
    ...(acted.length > 0 ? [...acted.map(line), ''] : []),
    ...(unchanged.length > 0
      ? [`<details><summary>${unchanged.length} unchanged</summary>`, '', ...unchanged.map(line), '', '</details>', '']
      : []),
    `**Apply:** ${applyCounts(summary)}.`,
    '',
  ].join('\n');
}

/** `- ✅ updated <file> (License name): version 3 → 4`; what was created or deleted; or the error's message and code. */
function line(result: ApplyResult): string {
  const { step, outcome } = result;
  const icon = ICONS[outcome] ? `${ICONS[outcome]} ` : '';
  const name = subjectName(step);
  const details = [
    outcome === 'created' ? code(result.recorded?.arn ?? kindOf(step).arn(step) ?? '') : undefined,
    outcome === 'created' && result.recorded ? `ARN written to ${code(result.recorded.file)}` : undefined,
    outcome === 'deleted'
      ? `${code(kindOf(step).arn(step) ?? '')} (was version ${escapeMarkdown(step.sourceVersion ?? '')})`
      : undefined,
    outcome === 'updated' ? escapeMarkdown(kindOf(result.step).updated(result)) : undefined,
    result.error ? `${escapeMarkdown(result.error.message)} (\`${result.error.code}\`)` : undefined,
  ].filter((d): d is string => d !== undefined);
  const named = name ? ` (${escapeMarkdown(name)})` : '';
  return `- ${icon}${outcome} ${code(step.file)}${named}${details.length > 0 ? `: ${details.join('; ')}` : ''}`;
}
