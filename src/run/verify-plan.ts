/**
 * Checking a saved plan before anything is sent: the plan is made again, by
 * the same `plan` every run uses, from the manifests at the commit the saved
 * plan names (with its ignore rules) and a fresh read of License Manager; the
 * product templates it renders from must be the blobs the saved plan records,
 * every write the saved plan would make must be a write of the new plan, with
 * the same pin and the same content, and every step must record what the new
 * plan's does (what `show` prints), none left out. Any difference refuses the
 * whole plan. What apply then runs are the new plan's steps for exactly the
 * saved plan's writes; a subject the saved plan leaves alone is left alone.
 */
import { sameJson } from '../reconcile/json-values.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { summarize } from '../reconcile/plan.js';
import type { LicenseService } from '../reconcile/ports.js';
import type { Manifest, Plan, PlanStep, RemovedManifest } from '../reconcile/types.js';
import { CHANGES as WRITES } from './apply.js';
import { plan, type Planned, type RunOptions, type SourceSet } from './pipeline.js';
import { validate } from './validate.js';
import type { SavedPlan } from './saved-plan.js';
import { templateChange } from './template-blobs.js';
import { kindOf, partOf, stepLabel, subjectName } from '../kinds/index.js';
import { ALLOWED_IN_USE } from '../reconcile/usage.js';
import { isLicenseStep, kindName } from '../reconcile/steps.js';

export async function verifySavedPlan(
  saved: SavedPlan,
  planFile: string,
  set: SourceSet,
  service: LicenseService,
  options: RunOptions,
): Promise<Planned> {
  const refusal = (message: string, subject: Partial<LicenseError> = {}) =>
    licenseError('STALE_PLAN', `${message}; nothing was sent. Run plan again.`, { file: planFile, ...subject });
  const refuse = (message: string, subject?: Partial<LicenseError>): Planned => ({
    ok: false,
    errors: [refusal(message, subject)],
  });
  // The plan's ignore rules are used (they only ever keep live values); a rule this apply has
  // and the plan lacks would write what it protects.
  const missing = (options.ignore ?? []).filter((rule) => !saved.ignore.includes(rule));
  if (missing.length > 0)
    return refuse(
      `was made without the ignore rules ${missing.join(' ')} that this apply has, so it would change what they protect`,
    );
  const validated = validate(set);
  if (!validated.ok) return validated;
  const where = saved.plan.commit ? `commit ${saved.plan.commit}` : 'the working tree';
  const writes = saved.plan.steps.filter((s) => WRITES.includes(s.action));
  const misplaced = wrongSubjects(saved.plan.steps, validated.manifests, where);
  if (misplaced) return refuse(misplaced.message, misplaced.subject);
  const deletes = writes.filter((s) => s.action === 'delete' && isLicenseStep(s));
  const again = await plan(
    {
      ...set,
      ...(saved.plan.scope ? { only: new Set(saved.plan.steps.map((s) => s.file)) } : {}),
      removed: deletes.map((s): RemovedManifest => ({
        file: s.file,
        licenseArn: s.licenseArn,
        homeRegion: s.desired.HomeRegion,
      })),
    },
    service,
    {
      ...options,
      ignore: saved.ignore,
      prune: writes.some((s) => s.action === 'delete'),
      // Each delete's region is searched again, as the plan searched it (the default region among them).
      regions: [...new Set([...(options.regions ?? []), ...deletes.map((s) => s.desired.HomeRegion)])],
    },
  );
  if (!again.ok) return again;
  // The same scope as when it was planned, so the same templates: each must be the blob it was.
  const template = templateChange(saved.templateBlobs, again.plan.templateBlobs ?? [], where);
  if (template) return refuse(template);
  const fresh = new Map(again.plan.steps.map((s) => [keyOf(s), s]));
  const twice = repeated(writes);
  if (twice)
    return refuse(
      `holds two steps for ${subjectName(twice)} (${stepLabel(twice)}), which plan never writes: it was edited`,
      twice.licenseArn ? { licenseArn: twice.licenseArn } : {},
    );
  const errors: LicenseError[] = [];
  const kept = new Set(saved.plan.steps.map(keyOf));
  // A subject that could not be read when planned has fewer steps than now (no grants, no tags read).
  const unread = new Set(saved.plan.steps.filter((s) => s.action === 'error').map((s) => s.file));
  const dropped = again.plan.steps.find((s) => !kept.has(keyOf(s)) && !unread.has(s.file));
  if (dropped)
    errors.push(
      refusal(
        `leaves out the step for ${subjectName(dropped)} (${stepLabel(dropped)}) that planning ${where} again gives: it was edited, or that changed since it was planned`,
      ),
    );
  const steps = saved.plan.steps.map((step): PlanStep => {
    const now = fresh.get(keyOf(step));
    if (!WRITES.includes(step.action)) {
      if (!now || now.action !== step.action) return leftAlone(step);
      if (!sameJson(recorded(now, false), recorded(step, false)))
        errors.push(refusal(`shows ${stepLabel(step)} otherwise than planning ${where} again: it was edited`));
      return now;
    }
    const problem = difference(step, now, where);
    if (problem)
      errors.push(refusal(problem.message, { ...subjectOf(step), ...(problem.aboutPlan ? { file: planFile } : {}) }));
    return now ?? step;
  });
  if (errors.length > 0) return { ok: false, errors };
  const verified: Plan = {
    steps,
    summary: summarize(steps),
    ...(saved.plan.commit ? { commit: saved.plan.commit } : {}),
  };
  return { ok: true, plan: verified };
}

/** The first step whose subject an earlier step of the same plan already has. */
function repeated(steps: readonly PlanStep[]): PlanStep | undefined {
  const seen = new Set<string>();
  return steps.find((step) => seen.size === seen.add(keyOf(step)).size);
}

/** Which step of the new plan a saved step is: its kind, its manifest, and its kind's key (a license's ARN may be new). */
function keyOf(step: PlanStep): string {
  return JSON.stringify([kindName(step), step.file, kindOf(step).key(step)]);
}

/**
 * Why a saved write is not the write the new plan makes, if it is not: stale
 * (the subject moved since, told about its manifest) or edited (told about the plan
 * file): its content, or, pin and content holding, its shown change or observed state.
 */
function difference(
  step: PlanStep,
  now: PlanStep | undefined,
  where: string,
): { message: string; aboutPlan?: true } | undefined {
  const part = partOf(step);
  const what = part ? `${part} of ${step.file}` : 'license';
  const stale = `the plan is stale: ${what} changed since it was planned (perhaps by applying this plan)`;
  if (step.action === 'create' && now?.adopted && isLicenseStep(step))
    return {
      message: `the plan is spent: ${step.file} was created since it was planned (perhaps by applying this plan) as ${now.licenseArn}; run plan again to record its ARN`,
    };
  // Not a change of the license: this apply does not allow what the plan was made allowing.
  if (now?.action === 'error' && now.error?.code === 'IN_USE' && step.note?.includes(ALLOWED_IN_USE))
    return {
      message: `the plan writes what this apply refuses: ${now.error.message}; the plan was made allowing it, so apply it with --allow-in-use (or allowBelowUsage)`,
    };
  if (!now || now.action !== step.action)
    return {
      message: `${stale}${now ? `: it is now planned as ${now.action}` : ''}${now?.error ? ` (${now.error.message})` : ''}`,
    };
  // A write with no version to pin (tags) is pinned by what was read.
  if (step.sourceVersion === undefined && !sameJson(now.observed ?? {}, step.observed ?? {})) return { message: stale };
  if (now.sourceVersion !== step.sourceVersion)
    return {
      message: `${stale}: planned against version ${step.sourceVersion ?? '?'}, now at version ${now.sourceVersion ?? '?'}`,
    };
  if (!sameJson(contentOf(now), contentOf(step))) {
    const subject = `${step.licenseArn || 'the new license'}${part ? ` ${part}` : ''}`;
    return { message: `${step.file}: the plan's content for ${subject} differs from ${where}`, aboutPlan: true };
  }
  if (sameJson(recorded(now), recorded(step))) return undefined;
  return {
    message: `${step.file}: the plan shows ${stepLabel(step)} otherwise than planning ${where} again: it was edited`,
    aboutPlan: true,
  };
}

/**
 * What a saved step records that `show` and apply's output print: its action, change and
 * content, and for a write the pin and the state it was planned against. A step that writes
 * nothing may have moved live since (a new version, another error): it is left alone, not
 * refused, so only a noop's content and empty change count (an error's description comes
 * from what was read). Not what moves with time alone either (usage counts, notes, a
 * cause measured against a base).
 */
function recorded(step: PlanStep, writes = true): unknown {
  if (!writes) return step.action === 'noop' ? [step.action, contentOf(step), step.patch] : [step.action];
  return [step.action, step.patch, contentOf(step), step.sourceVersion ?? null, step.observed ?? null];
}

/** What a write sends: the license's content, the grant's entry, the tags it leaves. */
function contentOf(step: PlanStep): unknown {
  return kindOf(step).content(step);
}

/**
 * A saved step that names a license no manifest at the commit declares, or puts it in another file.
 * Deletes (their manifest is gone) and steps that send nothing for a gone manifest are exempt.
 */
function wrongSubjects(
  steps: readonly PlanStep[],
  manifests: readonly Manifest[],
  where: string,
): { message: string; subject: Partial<LicenseError> } | undefined {
  const byArn = new Map(manifests.map((m) => [m.document.LicenseArn, m]));
  const files = new Set(manifests.map((m) => m.file));
  for (const step of steps) {
    if (!isLicenseStep(step) || step.licenseArn === '' || step.action === 'delete') continue;
    if (step.adopted) continue; // found by its marker: checked by planning again
    const manifest = byArn.get(step.licenseArn);
    const subject = { licenseArn: step.licenseArn };
    if (!manifest && !WRITES.includes(step.action) && !files.has(step.file)) continue; // sends nothing
    if (!manifest)
      return { message: `names license ${step.licenseArn}, which no manifest at ${where} declares`, subject };
    if (manifest.file !== step.file)
      return {
        message: `puts ${step.licenseArn} in ${step.file}, but at ${where} it is in ${manifest.file} (a saved plan names files from the folder it was made in: apply it from there)`,
        subject,
      };
  }
  return undefined;
}

/** A step the saved plan leaves alone, as apply runs it: its action, and its error (shown, escaped) bounded. */
function leftAlone(step: PlanStep): PlanStep {
  const error = step.error ? { ...step.error, message: step.error.message.slice(0, 1000) } : undefined;
  return { ...step, patch: [], adopted: false, ...(error ? { error } : {}) } as PlanStep;
}

function subjectOf(step: PlanStep): Partial<LicenseError> {
  return { file: step.file, ...(step.licenseArn ? { licenseArn: step.licenseArn } : {}) };
}
