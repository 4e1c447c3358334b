/**
 * How a plan made against a base (`plan --base`) is shown: the licenses the
 * pull request changes apart from those drift outside git brings in, so a
 * reviewer sees every write the merge will make, and why. The same groups and
 * titles in text and Markdown.
 */
import type { Plan, PlanStep, RemovedManifest } from '../reconcile/types.js';

export interface StepGroup {
  /** Absent for a plan without a base: one untitled group. */
  title?: string;
  steps: PlanStep[];
  removed: RemovedManifest[];
}

export const GROUP_TITLES = {
  manifest: 'Changed in this pull request',
  drift: 'Drift outside git: merging will revert it',
  other: 'Not attributed (the manifest is unchanged)',
} as const;

/** The steps that show (all but noop) and the removed manifests, in groups; empty groups left out. */
export function planGroups(plan: Plan): StepGroup[] {
  const shown = plan.steps.filter((s) => s.action !== 'noop');
  const removed = plan.removed ?? [];
  if (plan.base === undefined) return shown.length + removed.length > 0 ? [{ steps: shown, removed }] : [];
  const groups: StepGroup[] = [
    { title: GROUP_TITLES.manifest, steps: shown.filter((s) => s.cause === 'manifest'), removed },
    { title: GROUP_TITLES.drift, steps: shown.filter((s) => s.cause === 'drift'), removed: [] },
    { title: GROUP_TITLES.other, steps: shown.filter((s) => s.cause === undefined), removed: [] },
  ];
  return groups.filter((g) => g.steps.length + g.removed.length > 0);
}
