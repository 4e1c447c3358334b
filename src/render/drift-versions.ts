/**
 * For the drift issue: each drifted license's live version and when it was
 * made, from the plan's own read (GetLicense's Version and CreateTime), so a
 * reader can tell which edit outside git to look for (`license-gitops history`).
 */
import type { Plan, PlanStep } from '../reconcile/types.js';
import { code } from './markdown.js';
import { isLicenseStep } from '../reconcile/steps.js';

/** Markdown lines, one per drifted license with a live version; '' when there is none. */
export function driftedVersions(plan: Plan): string {
  const drifted = new Set(plan.steps.filter(changes).map((s) => `${s.file}\0${s.licenseArn}`));
  const lines = plan.steps
    .filter(isLicenseStep)
    .filter((s) => s.licenseArn !== '' && s.sourceVersion !== undefined && drifted.has(`${s.file}\0${s.licenseArn}`))
    .map((s) => {
      const made = s.sourceCreateTime ? `, made ${code(s.sourceCreateTime)}` : '';
      return `- ${code(s.file)}: live version ${code(s.sourceVersion ?? '')}${made}`;
    });
  if (lines.length === 0) return '';
  return [
    '**Live versions** (`license-gitops history FILE` tells which commit, if any, made each):',
    '',
    ...lines,
  ].join('\n');
}

/** A step that writes something: drift of its license. */
function changes(step: PlanStep): boolean {
  return step.action === 'update' || step.action === 'create' || step.action === 'delete' || Boolean(step.adopted);
}
