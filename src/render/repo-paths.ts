/**
 * Manifest paths as a plan shows them: relative to the repository's top level,
 * wherever in the repository the command runs, so a plan reads the same from a
 * subfolder as from the root. The run itself names files relative to the working
 * directory (it reads and writes them); only what is printed is renamed.
 */
import path from 'node:path';
import { isOutside, toPosix } from '../paths.js';
import type { LicenseError } from '../reconcile/errors.js';
import type { ApplyResult } from '../reconcile/outcome.js';
import type { Plan, PlanStep } from '../reconcile/types.js';

/**
 * A working-directory path → the same file from the top level `top`, when the
 * working directory is in the repository; a path outside it (or run from outside) is kept.
 */
export function fromTop(top: string): (file: string) => string {
  const cwd = process.cwd();
  if (isOutside(path.relative(top, cwd))) return (file) => file;
  return (file) => {
    const relative = path.relative(top, path.resolve(cwd, file));
    return relative === '' || isOutside(relative) ? file : toPosix(relative);
  };
}

/** A copy of the plan with every manifest path renamed (steps, their errors, removed manifests, the config change, expiry). */
export function renamedPlan(plan: Plan, rename: (file: string) => string): Plan {
  const steps = plan.steps.map((step) => renamedStep(step, rename));
  return {
    ...plan,
    steps,
    ...(plan.expiry
      ? { expiry: { ...plan.expiry, licenses: plan.expiry.licenses.map((l) => ({ ...l, file: rename(l.file) })) } }
      : {}),
    ...(plan.removed ? { removed: plan.removed.map((r) => ({ ...r, file: rename(r.file) })) } : {}),
    ...(plan.configChange ? { configChange: { ...plan.configChange, file: rename(plan.configChange.file) } } : {}),
    ...(plan.templates ? { templates: plan.templates.map((t) => ({ ...t, file: rename(t.file) })) } : {}),
  };
}

/** Apply's outcomes with every manifest path renamed (the step's, its error's, where an ARN was written). */
export function renamedResults(results: readonly ApplyResult[], rename: (file: string) => string): ApplyResult[] {
  return results.map((result) => ({
    ...result,
    step: renamedStep(result.step, rename),
    ...(result.error ? { error: renamedError(result.error, rename) } : {}),
    ...(result.recorded ? { recorded: { ...result.recorded, file: rename(result.recorded.file) } } : {}),
  }));
}

function renamedStep(step: PlanStep, rename: (file: string) => string): PlanStep {
  return { ...step, file: rename(step.file), ...(step.error ? { error: renamedError(step.error, rename) } : {}) };
}

/** The error with its file renamed (its message is left as it is). */
export function renamedError(error: LicenseError, rename: (file: string) => string): LicenseError {
  return error.file === undefined ? error : { ...error, file: rename(error.file) };
}
