/**
 * Cause attribution for a plan made against a base (`plan --base`, a pull
 * request's base): the plan is not narrowed, but each license says whether the
 * pull request asked for its change or drift outside git brought it here, so a
 * reviewer sees every write the merge will make and why.
 */
import type { Cause, PlanStep } from './types.js';

/** What a change of the configuration since the base brings: a write of `action` to the license in `file`. */
export interface ConfigCause {
  brings(file: string, action: 'create' | 'update' | 'delete'): boolean;
  /** allowBelowUsage was turned on: a write it allows in spite of usage is the change's. */
  allowsInUse?: boolean;
}

/**
 * The steps with their causes; `changed` holds the files of manifests added or
 * changed since the base, `config` how the configuration changed, if it did.
 */
export function attributeCauses(
  steps: readonly PlanStep[],
  changed: ReadonlySet<string>,
  config?: ConfigCause,
): PlanStep[] {
  return steps.map((step) => {
    const cause = causeOf(step, changed, config);
    return cause ? { ...step, cause } : step;
  });
}

/**
 * `manifest` for any license whose manifest changed (added, edited or deleted);
 * `config` for a write the configuration's change brings (prune turned on, an
 * ignore rule dropped); `drift` for any other write (live moved away from git).
 * An unchanged license, or one that can't be planned while its manifest is as
 * it was, has no cause.
 */
export function causeOf(step: PlanStep, changed: ReadonlySet<string>, config?: ConfigCause): Cause | undefined {
  if (changed.has(step.file)) return 'manifest';
  if (step.action !== 'create' && step.action !== 'update' && step.action !== 'delete') return undefined;
  if (step.allowedInUse && config?.allowsInUse) return 'config';
  return config?.brings(step.file, step.action) ? 'config' : 'drift';
}
