/**
 * Cause attribution for a plan made against a base (`plan --base`, a pull
 * request's base): the plan is not narrowed, but each license says whether the
 * pull request asked for its change or drift outside git brought it here, so a
 * reviewer sees every write the merge will make and why.
 */
import type { Cause, PlanStep } from './types.js';

/** The steps with their causes; `changed` holds the files of manifests added or changed since the base. */
export function attributeCauses(steps: readonly PlanStep[], changed: ReadonlySet<string>): PlanStep[] {
  return steps.map((step) => {
    const cause = causeOf(step, changed);
    return cause ? { ...step, cause } : step;
  });
}

/**
 * `manifest` for any license whose manifest changed (added, edited or deleted);
 * `drift` for a write whose manifest did not (live moved away from git). An
 * unchanged license, or one that can't be planned while its manifest is as it
 * was, has no cause.
 */
export function causeOf(step: PlanStep, changed: ReadonlySet<string>): Cause | undefined {
  if (changed.has(step.file)) return 'manifest';
  return WRITES.includes(step.action) ? 'drift' : undefined;
}

/** The actions that write. */
const WRITES: readonly PlanStep['action'][] = ['create', 'update', 'delete'];
