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

/** A step the plan shows: every change, error, adoption and note; not a plain noop. */
export function isShown(step: PlanStep): boolean {
  return step.action !== 'noop' || step.adopted === true || step.note !== undefined;
}

/** The steps that show (see `isShown`) and the removed manifests, in groups; empty groups left out. */
export function planGroups(plan: Plan): StepGroup[] {
  const shown = plan.steps.filter(isShown);
  const removed = plan.removed ?? [];
  if (plan.base === undefined) return shown.length + removed.length > 0 ? [{ steps: shown, removed }] : [];
  const { configChange } = plan;
  const groups: StepGroup[] = [
    {
      title: 'Changed in this pull request',
      // What in the configuration file the pull request changed: the file and the settings that differ.
      ...(configChange ? { note: `${configChange.file} changes ${configChange.members.join(', ')}` } : {}),
      steps: shown.filter((s) => s.cause === 'manifest' || s.cause === 'config'),
      removed,
    },
    {
      title: 'Drift outside git: merging will revert it',
      steps: shown.filter((s) => s.cause === 'drift'),
      removed: [],
    },
    {
      title: 'Not attributed (the manifest is unchanged)',
      steps: shown.filter((s) => s.cause === undefined),
      removed: [],
    },
  ];
  return groups.filter((g) => g.steps.length + g.removed.length > 0 || g.note !== undefined);
}
