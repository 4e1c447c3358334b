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
  /** A line under the title: what in the configuration file the pull request changed. */
  note?: string;
  steps: PlanStep[];
  removed: RemovedManifest[];
}

export const GROUP_TITLES = {
  manifest: 'Changed in this pull request',
  drift: 'Drift outside git: merging will revert it',
  other: 'Not attributed (the manifest is unchanged)',
} as const;

/** A step the plan shows: every change, error, adoption and note; not a plain noop. */
export function isShown(step: PlanStep): boolean {
  return step.action !== 'noop' || step.adopted === true || step.note !== undefined;
}

/** The steps that show (see `isShown`) and the removed manifests, in groups; empty groups left out. */
export function planGroups(plan: Plan): StepGroup[] {
  const shown = plan.steps.filter(isShown);
  const removed = plan.removed ?? [];
  if (plan.base === undefined) return shown.length + removed.length > 0 ? [{ steps: shown, removed }] : [];
  const groups: StepGroup[] = [
    {
      title: GROUP_TITLES.manifest,
      ...(plan.configChange ? { note: configNote(plan.configChange) } : {}),
      steps: shown.filter((s) => s.cause === 'manifest' || s.cause === 'config'),
      removed,
    },
    { title: GROUP_TITLES.drift, steps: shown.filter((s) => s.cause === 'drift'), removed: [] },
    { title: GROUP_TITLES.other, steps: shown.filter((s) => s.cause === undefined), removed: [] },
  ];
  return groups.filter((g) => g.steps.length + g.removed.length > 0 || g.note !== undefined);
}

/** The configuration's change, as one line: the file and the settings that differ. */
export function configNote(change: { file: string; members: string[] }): string {
  return `${change.file} changes ${change.members.join(', ')}`;
}
