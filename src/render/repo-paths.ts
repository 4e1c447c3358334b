/**
 * Manifest paths as a plan shows them: relative to the repository's top level,
 * wherever in the repository the command runs, so a plan reads the same from a
 * subfolder as from the root. The run itself names files relative to the working
 * directory (it reads and writes them); only what is printed is renamed.
 */
import path from 'node:path';
import { isOutside, toPosix } from '../paths.js';
import type { LicenseError } from '../reconcile/errors.js';
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

/** A copy of the plan with every manifest path renamed (steps, their errors, removed manifests, the config change). */
export function renamedPlan(plan: Plan, rename: (file: string) => string): Plan {
  const steps = plan.steps.map((step) => ({
    ...step,
    file: rename(step.file),
    ...(step.error ? { error: renamedError(step.error, rename) } : {}),
  })) as PlanStep[];
  return {
    ...plan,
    steps,
    ...(plan.removed ? { removed: plan.removed.map((r) => ({ ...r, file: rename(r.file) })) } : {}),
    ...(plan.configChange ? { configChange: { ...plan.configChange, file: rename(plan.configChange.file) } } : {}),
    ...(plan.templates ? { templates: plan.templates.map((t) => ({ ...t, file: rename(t.file) })) } : {}),
  };
}

/** The error with its file renamed (its message is left as it is). */
export function renamedError(error: LicenseError, rename: (file: string) => string): LicenseError {
  return error.file === undefined ? error : { ...error, file: rename(error.file) };
}
