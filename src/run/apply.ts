/**
 * Applies a plan: one CreateLicenseVersion per `update` step, pinned to the
 * version observed at plan time, with a ClientToken derived from the pin and
 * the content so a retried or repeated call never creates a second version;
 * one CreateLicense per `create` (create.ts) and one pinned DeleteLicense per
 * `delete` (delete.ts). An adopted license's ARN is written back into its
 * manifest. Reports per license and never throws. A write that failed is
 * classified by reading the license again (classify.ts), never by the error's name.
 */
import pLimit from 'p-limit';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { diff } from '../reconcile/diff.js';
import { normalize } from '../reconcile/normalize.js';
import type { ApplyResult } from '../reconcile/outcome.js';
import type { LicenseService } from '../reconcile/ports.js';
import { versionRequest } from '../reconcile/request.js';
import type { LiveLicense, Plan, PlanStep } from '../reconcile/types.js';
import { classifyFailedWrite } from './classify.js';
import { applyGrantStep } from './apply-grant.js';
import { applyCreate, record } from './create.js';
import { applyDelete } from './delete.js';
import type { OnProgress } from './progress.js';

export interface ApplyOptions {
  concurrency: number;
  /** A plan creating, updating and deleting more licenses than this changes none (a guard against a bad merge). */
  maxChanges?: number;
  /** The manifest directory, which names manifests in the marker tags of created licenses. */
  manifestDir?: string;
  /** When aborted, no new call starts; steps not started are `skipped`. */
  signal?: AbortSignal;
  /** Told after each write (create, update and delete steps). */
  onProgress?: OnProgress;
}

/** Actions that change License Manager, which --max-changes counts. */
const CHANGES: readonly string[] = ['create', 'update', 'delete'];

export async function applyPlan(plan: Plan, service: LicenseService, options: ApplyOptions): Promise<ApplyResult[]> {
  const changing = plan.steps.filter((s) => CHANGES.includes(s.action));
  if (options.maxChanges !== undefined && changing.length > options.maxChanges) {
    const what = changeCount(changing);
    return plan.steps.map((step) =>
      CHANGES.includes(step.action) ? overLimit(step, what, changing.length, options.maxChanges!) : settled(step),
    );
  }
  const limit = pLimit(options.concurrency);
  let done = 0;
  const write = async (step: PlanStep, license?: ApplyResult) => {
    const result =
      step.kind === 'grant'
        ? await applyGrantStep(step, service, license, options.signal)
        : await applyStep(step, service, options);
    if (CHANGES.includes(step.action)) options.onProgress?.({ phase: 'write', done: ++done, total: changing.length });
    return result;
  };
  const licenses = new Map<string, Promise<ApplyResult>>();
  const run = (step: PlanStep): Promise<ApplyResult> => {
    if (step.kind !== 'grant') {
      const result = limit(() => write(step));
      licenses.set(step.file, result);
      return result;
    }
    // A grant of a license created in this run waits for the license to exist.
    const license = step.licenseArn === '' ? licenses.get(step.file) : undefined;
    return (license ?? Promise.resolve(undefined)).then((created) => limit(() => write(step, created)));
  };
  return Promise.all(plan.steps.map(run));
}

/** The exact request apply sends for an `update` step (built in the core, beside the patch plan shows). */
export { versionRequest };

async function applyStep(step: PlanStep, service: LicenseService, options: ApplyOptions): Promise<ApplyResult> {
  if (!CHANGES.includes(step.action)) return recordAdopted(step, settled(step));
  if (options.signal?.aborted) return skipped(step);
  switch (step.action) {
    case 'create':
      return applyCreate(step, service, {
        ...(options.manifestDir !== undefined ? { manifestDir: options.manifestDir } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        writeVersion: (created) => service.createLicenseVersion(versionRequest(created), created.desired.HomeRegion),
      });
    case 'delete':
      return applyDelete(step, service);
    default:
      return recordAdopted(step, await applyUpdate(step, service));
  }
}

/** An adopted license's ARN goes into its manifest once the step converged. */
async function recordAdopted(step: PlanStep, result: ApplyResult): Promise<ApplyResult> {
  if (!step.adopted || (result.outcome !== 'updated' && result.outcome !== 'unchanged')) return result;
  const recorded = await record(step, step.licenseArn);
  return recorded.error ? { ...result, error: recorded.error } : { ...result, recorded: recorded.recorded };
}

async function applyUpdate(step: PlanStep, service: LicenseService): Promise<ApplyResult> {
  const request = versionRequest(step);
  const region = step.desired.HomeRegion;
  const result = await service.createLicenseVersion(request, region);
  if (result.ok) return { step, outcome: 'updated', newVersion: result.version };
  const subject = { file: step.file, licenseArn: step.licenseArn };
  const reported = { ...result.error, ...subject };
  const { SourceVersion: pin, ClientToken: _token, ...sent } = request;
  const wanted = normalize(sent);
  const found = await classifyFailedWrite<LiveLicense>({
    pin,
    reread: async () => {
      const read = await service.getLicense(step.licenseArn, region);
      return read.ok ? { ok: true, live: read.license } : read;
    },
    holdsDesired: (live) => diff(normalize(live), wanted).length === 0,
  });
  switch (found.kind) {
    case 'landed':
      return { step, outcome: 'updated', newVersion: found.version };
    case 'conflict':
      return { step, outcome: 'conflict', error: changedElsewhere(step, pin, found.version, reported) };
    case 'reported':
      return asReported(step, reported, found.live, found.rereadError);
  }
}

function changedElsewhere(step: PlanStep, pin: string, now: string, reported: LicenseError): LicenseError {
  const message = `the license changed after it was read (planned against version ${pin}, now at version ${now} with other content), so nothing was written; run plan again to see the new state`;
  return licenseError('CONFLICT', message, {
    file: step.file,
    licenseArn: step.licenseArn,
    ...(reported.cause ? { cause: reported.cause } : {}),
  });
}

/** Nothing happened after the pin: the failure stands, unless reading again explains it better. */
function asReported(
  step: PlanStep,
  reported: LicenseError,
  live: LiveLicense | undefined,
  rereadError: LicenseError | undefined,
): ApplyResult {
  const subject = { file: step.file, licenseArn: step.licenseArn };
  if (typeof live?.Status === 'string' && DELETED_STATUSES.has(live.Status)) {
    const message = `the license is ${live.Status}; it was deleted after it was read, so nothing was written`;
    return { step, outcome: 'failed', error: licenseError('DELETED', message, { ...subject, cause: reported.cause }) };
  }
  if (rereadError?.code === 'NOT_FOUND') return { step, outcome: 'failed', error: { ...rereadError, ...subject } };
  return { step, outcome: reported.code === 'CONFLICT' ? 'conflict' : 'failed', error: reported };
}

const DELETED_STATUSES: ReadonlySet<string> = new Set(['DELETED', 'PENDING_DELETE']);

/** The outcome of a step that needs no call. */
function settled(step: PlanStep): ApplyResult {
  if (step.action === 'noop') return { step, outcome: 'unchanged' };
  if (step.error?.code === 'INTERRUPTED') return { step, outcome: 'skipped', error: step.error };
  return { step, outcome: 'failed', ...(step.error ? { error: step.error } : {}) };
}

/** `3 licenses and 1 grant`: what the changing steps are about. */
function changeCount(steps: readonly PlanStep[]): string {
  const grants = steps.filter((s) => s.kind === 'grant').length;
  const licenses = steps.length - grants;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  if (grants === 0) return count(licenses, 'license');
  if (licenses === 0) return count(grants, 'grant');
  return `${count(licenses, 'license')} and ${count(grants, 'grant')}`;
}

function overLimit(step: PlanStep, what: string, changes: number, maxChanges: number): ApplyResult {
  const message = `not applied: the plan would change ${what} (${changes} ${changes === 1 ? 'change' : 'changes'}), more than --max-changes ${maxChanges}, so none was changed`;
  return {
    step,
    outcome: 'skipped',
    error: licenseError('TOO_MANY_CHANGES', message, { file: step.file, licenseArn: step.licenseArn }),
  };
}

function skipped(step: PlanStep): ApplyResult {
  const error = licenseError('INTERRUPTED', 'not applied: the run was interrupted before this license was written', {
    file: step.file,
    licenseArn: step.licenseArn,
  });
  return { step, outcome: 'skipped', error };
}
