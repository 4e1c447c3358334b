/**
 * Checks a saved plan before anything is sent, and rebuilds what apply sends.
 * The plan names a commit; its manifests there are the truth. Every step must
 * name a license a manifest at that commit declares, in the same file and
 * region, and carry exactly the content that manifest (and the plan's ignore
 * rules) yields; every license the plan would update must still be at the
 * version it was planned against; the plan's ignore rules must include this
 * run's. Any mismatch refuses the whole plan. The
 * steps apply runs are rebuilt by the same function plan uses (`planLicense`),
 * so the diff shown is recomputed from what will be sent, never the file's.
 */
import { licenseError, type ErrorCode, type LicenseError } from '../reconcile/errors.js';
import { pair } from '../reconcile/pair.js';
import { planLicense, summarize } from '../reconcile/plan.js';
import type { LicenseService } from '../reconcile/ports.js';
import type { GrantStep, Manifest, Plan, PlanStep } from '../reconcile/types.js';
import { validate, type Planned, type RunOptions, type SourceSet } from './pipeline.js';
import { readLive } from './read-live.js';
import type { SavedPlan } from './saved-plan.js';
import { verifyGrantSteps } from './verify-grants.js';
import { verifyLifecycleSteps } from './verify-lifecycle.js';

export const STALE = 'the plan is stale: license changed since it was planned (perhaps by applying this plan)';

/**
 * The plan apply will run, rebuilt from `set` (the manifests at the plan's
 * commit) and a fresh read of each license to update; or why it is refused.
 */
export async function verifySavedPlan(
  saved: SavedPlan,
  planFile: string,
  set: SourceSet,
  reader: LicenseService,
  options: RunOptions,
): Promise<Planned> {
  const refuse = (message: string, subject: Partial<LicenseError> = {}): Planned => ({
    ok: false,
    errors: [
      licenseError('STALE_PLAN', `${message}; nothing was sent. Run plan again.`, { file: planFile, ...subject }),
    ],
  });
  // The plan's ignore rules are used (they only ever keep live values, and the diff shown is
  // recomputed with them); a rule this apply has and the plan lacks would write what it protects.
  const missing = (options.ignore ?? []).filter((rule) => !saved.ignore.includes(rule));
  if (missing.length > 0)
    return refuse(
      `was made without the ignore rules ${missing.join(' ')} that this apply has, so it would change what they protect`,
    );
  const ignore = saved.ignore;
  const validated = validate(set);
  if (!validated.ok) return validated;
  const byArn = new Map(validated.manifests.map((m) => [m.document.LicenseArn, m]));
  const where = saved.plan.commit ? `commit ${saved.plan.commit}` : 'the working tree';
  const seen = new Set<string>();
  // Grant steps are checked apart, once their licenses' steps are rebuilt (verify-grants.ts).
  const licenseSteps = saved.plan.steps.filter((s) => s.kind !== 'grant');
  const lifecycle = licenseSteps.filter(isLifecycle);
  const rebuiltLifecycle = await verifyLifecycleSteps(lifecycle, validated.manifests, where, reader, options);
  for (const step of licenseSteps) {
    if (isLifecycle(step)) continue; // checked by verifyLifecycleSteps
    const manifest = byArn.get(step.licenseArn);
    const subject = { licenseArn: step.licenseArn };
    if (seen.has(step.licenseArn)) return refuse(`names ${step.licenseArn} twice`, subject);
    seen.add(step.licenseArn);
    if (!manifest) return refuse(`names license ${step.licenseArn}, which no manifest at ${where} declares`, subject);
    if (manifest.file !== step.file)
      return refuse(`puts ${step.licenseArn} in ${step.file}, but at ${where} it is in ${manifest.file}`, subject);
    if (step.desired.HomeRegion !== manifest.document.HomeRegion)
      return refuse(`${step.file}: the plan's HomeRegion differs from ${where}`, subject);
  }
  const updates = licenseSteps.filter((s) => s.action === 'update');
  const toRead = updates.map((s) => byArn.get(s.licenseArn)!);
  const reads = await readLive(toRead, reader, options);
  const steps: PlanStep[] = [];
  // Every license that moved since the plan is named, not only the first.
  const stale: LicenseError[] = [];
  for (const step of licenseSteps) {
    const lifecycleStep = rebuiltLifecycle.get(step);
    if (lifecycleStep) {
      if (!lifecycleStep.ok)
        return {
          ok: false,
          errors: [{ ...lifecycleStep.error, message: `${lifecycleStep.error.message}; nothing was sent` }],
        };
      steps.push(lifecycleStep.step);
      continue;
    }
    const manifest = byArn.get(step.licenseArn)!;
    if (step.action !== 'update') {
      steps.push(settledStep(step, manifest));
      continue;
    }
    const read = reads.get(step.licenseArn);
    const subject = { file: manifest.file, licenseArn: step.licenseArn };
    if (!read?.ok) return { ok: false, errors: [read ? { ...read.error, ...subject } : notRead(subject)] };
    if (read.license.Version !== step.sourceVersion) {
      const now = typeof read.license.Version === 'string' ? `now at version ${read.license.Version}` : 'now changed';
      const message = `${STALE}: planned against version ${step.sourceVersion}, ${now}; nothing was sent. Run plan again.`;
      stale.push(licenseError('STALE_PLAN', message, subject));
      continue;
    }
    const rebuilt = planLicense(pair([manifest], reads)[0]!, {
      ignore,
      ...(options.ignoreFor ? { ignoreFor: options.ignoreFor } : {}),
    });
    if (rebuilt.action !== 'update' || !sameJson(rebuilt.desired, step.desired))
      return refuse(`${step.file}: the plan's content for ${step.licenseArn} differs from ${where}`, {
        licenseArn: step.licenseArn,
      });
    steps.push(rebuilt);
  }
  if (stale.length > 0) return { ok: false, errors: stale };
  const savedGrants = saved.plan.steps.filter((s): s is GrantStep => s.kind === 'grant');
  const grants = await verifyGrantSteps(savedGrants, steps, validated.manifests, where, reader, ignore, planFile);
  if (!grants.ok) return grants;
  steps.push(...grants.steps);
  const plan: Plan = {
    steps,
    summary: summarize(steps),
    ...(saved.plan.commit ? { commit: saved.plan.commit } : {}),
  };
  return { ok: true, plan };
}

/** Creates, deletes, and steps for manifests without LicenseArn: checked and rebuilt apart (verify-lifecycle.ts). */
function isLifecycle(step: PlanStep): boolean {
  return step.action === 'create' || step.action === 'delete' || step.adopted === true || step.licenseArn === '';
}

/** A step that sends nothing keeps its action; its content is the manifest's, not the file's. */
function settledStep(step: PlanStep, manifest: Manifest): PlanStep {
  return {
    file: manifest.file,
    licenseArn: step.licenseArn,
    action: step.action,
    ...(step.sourceVersion !== undefined ? { sourceVersion: step.sourceVersion } : {}),
    patch: [],
    desired: manifest.document,
    ...(step.action === 'error' ? { error: savedError(step, manifest.file) } : {}),
  };
}

/** The error a step was planned with (it is only shown, escaped), bounded in length. */
function savedError(step: PlanStep, file: string): LicenseError {
  const code = (step.error?.code ?? 'READ_FAILED') as ErrorCode;
  const message = (step.error?.message ?? 'planned as an error').slice(0, 1000);
  return licenseError(code, message, { file, licenseArn: step.licenseArn });
}

function notRead(subject: { file: string; licenseArn: string }): LicenseError {
  return licenseError(
    'READ_FAILED',
    'the license was not read, so the plan could not be checked; nothing was sent',
    subject,
  );
}

/** Equal JSON values, whatever the order of object members. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const rb = b as Record<string, unknown>;
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.hasOwn(rb, k) && sameJson((a as Record<string, unknown>)[k], rb[k]))
  );
}
