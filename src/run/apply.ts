/**
 * The executor: applies a plan's steps, each through its kind (src/kinds/),
 * with bounded concurrency. A step waits for its license's step when that
 * license is created in the same run. Reports per step and never throws; a
 * plan that would change more than --max-changes changes nothing.
 */
import pLimit from 'p-limit';
import { licenseError } from '../reconcile/errors.js';
import type { ApplyResult } from '../reconcile/outcome.js';
import type { LicenseService } from '../reconcile/ports.js';
import type { Plan, PlanStep } from '../reconcile/types.js';
import { countByKind, kindOf } from '../kinds/index.js';
import type { OnProgress } from './progress.js';
import { isLicenseStep } from '../reconcile/steps.js';

export interface ApplyOptions {
  concurrency: number;
  /** A plan creating, updating and deleting more subjects than this changes none (a guard against a bad merge). */
  maxChanges?: number;
  /** The manifest tree (settings.ts): names manifests in the marker tags of the licenses the tool creates. */
  manifestDir?: string;
  /** When aborted, no new call starts; steps not started are `skipped`. */
  signal?: AbortSignal;
  /** Told after each write (create, update and delete steps). */
  onProgress?: OnProgress;
}

/** Actions that change License Manager, which --max-changes counts. */
export const CHANGES: readonly string[] = ['create', 'update', 'delete'];

export async function applyPlan(plan: Plan, service: LicenseService, options: ApplyOptions): Promise<ApplyResult[]> {
  const changing = plan.steps.filter((s) => CHANGES.includes(s.action));
  if (options.maxChanges !== undefined && changing.length > options.maxChanges) {
    const max = options.maxChanges;
    return plan.steps.map((step) => (CHANGES.includes(step.action) ? overLimit(step, changing, max) : settled(step)));
  }
  const limit = pLimit(options.concurrency);
  let done = 0;
  const licenses = new Map<string, Promise<ApplyResult>>();
  const run = async (step: PlanStep): Promise<ApplyResult> => {
    const kind = kindOf(step);
    const parent = kind.waitsForLicense(step) ? await licenses.get(step.file) : undefined;
    const result = await limit(() =>
      kind.apply(step, {
        service,
        parent,
        manifestDir: options.manifestDir,
        commit: plan.workingTree ? undefined : plan.commit,
        signal: options.signal,
      }),
    );
    if (CHANGES.includes(step.action)) options.onProgress?.({ phase: 'write', done: ++done, total: changing.length });
    return result;
  };
  return Promise.all(
    plan.steps.map((step) => {
      const result = run(step);
      if (isLicenseStep(step)) licenses.set(step.file, result);
      return result;
    }),
  );
}

/** The outcome of a step that needs no call. */
function settled(step: PlanStep): ApplyResult {
  if (step.action === 'noop') return { step, outcome: 'unchanged' };
  if (step.error?.code === 'INTERRUPTED') return { step, outcome: 'skipped', error: step.error };
  return { step, outcome: 'failed', ...(step.error ? { error: step.error } : {}) };
}

function overLimit(step: PlanStep, changing: readonly PlanStep[], maxChanges: number): ApplyResult {
  const n = changing.length;
  const message = `not applied: the plan would change ${countByKind(changing)} (${n} ${n === 1 ? 'change' : 'changes'}), more than --max-changes ${maxChanges}, so none was changed`;
  const error = licenseError('TOO_MANY_CHANGES', message, { file: step.file, licenseArn: step.licenseArn });
  return { step, outcome: 'skipped', error };
}
