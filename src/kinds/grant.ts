/**
 * Grants as a kind. Planned from the license steps: the grants of each license
 * whose manifest manages them (`Grants` present) are read with
 * ListDistributedGrants in its HomeRegion, then paired and planned
 * (reconcile/grant-plan.ts). Applies one grant step: CreateGrant (then its GrantArn is written back into
 * the manifest), one CreateGrantVersion pinned to the version read, or one
 * DeleteGrant pinned the same way. A failed or retried write is decided by
 * reading the grant again, never by the error's name: the grantee may have
 * accepted in between (a new version), and services answer a stale pin with a
 * conflict or with a validation error alike. Never throws.
 */
import pLimit from 'p-limit';
import { stepError, type LicenseError } from '../reconcile/errors.js';
import { comparableGrant } from '../reconcile/grant-normalize.js';
import { isGoneStatus } from '../reconcile/gone.js';
import { grantPath, planGrants, sameGrant } from '../reconcile/grant-plan.js';
import { createGrantRequest, deleteGrantRequest, grantVersionRequest } from '../reconcile/grant-request.js';
import type { ApplyResult } from '../reconcile/outcome.js';
import type { LicenseService, WriteFailure } from '../reconcile/ports.js';
import type { GrantStep, LicenseStep, LiveGrant, PlanStep } from '../reconcile/types.js';
import { interrupted, plannedError, recordArn, VERSIONED } from './kind.js';
import type { ApplyContext, Kind, PlanContext } from './kind.js';
import { outcomeOfFailedWrite } from '../run/classify.js';
import { createOnce, REFUSED } from '../run/create.js';
import { isLicenseStep } from '../reconcile/steps.js';

/** The grant steps of every license step whose manifest manages its grants, each license's read once. */
async function plan(planned: readonly PlanStep[], service: LicenseService, options: PlanContext): Promise<GrantStep[]> {
  const licenses = planned.filter(
    (s): s is LicenseStep => isLicenseStep(s) && s.action !== 'delete' && s.desired.Grants !== undefined,
  );
  const steps = await pLimit(options.concurrency).map(licenses, async (license) => {
    // A license created in this run has no grants yet; one that can't be planned says why on its own step.
    if (license.action === 'create' || license.action === 'error') return planGrants(license, undefined, options);
    const { licenseArn, desired } = license;
    const read = options.signal?.aborted ? interrupted() : await service.listGrants(licenseArn, desired.HomeRegion);
    return planGrants(license, read, options);
  });
  return steps.flat();
}

async function apply(step: GrantStep, context: ApplyContext): Promise<ApplyResult> {
  const { service, signal } = context;
  const unchanged: ApplyResult = { step, outcome: 'unchanged' };
  if (step.action === 'noop') return step.adopted ? recordGrantArn(step, unchanged, step.grant.arn ?? '') : unchanged;
  if (step.action === 'error') return plannedError(step);
  if (signal?.aborted) return skipped(step, 'the run was interrupted before this grant was written');
  switch (step.action) {
    case 'create':
      return create(step, context);
    case 'update':
      return update(step, service);
    case 'delete':
      return remove(step, service);
  }
}

/**
 * `license` is the result of this grant's license step, when the license is
 * created in this run: its grants can only be created once it exists.
 */
async function create(step: GrantStep, { service, parent: license, signal }: ApplyContext): Promise<ApplyResult> {
  const licenseArn = step.licenseArn || (license?.outcome === 'created' ? license.step.licenseArn : '');
  if (!licenseArn)
    return skipped(step, 'the license was not created, so its grants were not either; the next apply creates them');
  const region = step.desired.HomeRegion;
  // The plan's read of the license's grants named the deleted ones this create's token must cover.
  const request = createGrantRequest(step, licenseArn, step.grant.retired ?? []);
  // After a failure that may have been committed, the grant is looked for by its name and grantee.
  const created = await createOnce(
    () => service.createGrant(request, region),
    async (failed) => {
      const listed = await service.listGrants(licenseArn, region);
      const ours = listed.ok
        ? listed.grants.find((g) => !isGoneStatus(g.GrantStatus) && sameGrant(request, g))
        : undefined;
      const found = ours?.GrantArn
        ? { ok: true as const, grantArn: ours.GrantArn, version: String(ours.Version ?? '') }
        : undefined;
      return { found, again: !REFUSED.has(failed.error.cause ?? '') && listed.ok };
    },
    signal,
  );
  if (!created.ok) return { step, outcome: 'failed', error: about(step, created.error) };
  const options = await setOptions(step, service, licenseArn, created.grantArn, created.version);
  const made = { step: { ...step, licenseArn }, outcome: 'created' as const, newVersion: options.version };
  const result = await recordGrantArn(step, made, created.grantArn);
  return options.error && !result.error ? { ...result, error: options.error } : result;
}

/**
 * CreateGrant takes no Options: a new grant whose entry sets them gets one
 * CreateGrantVersion pinned to the version just created, so it converges in
 * one apply. (Status is the grantee's until they accept: a new grant is
 * PENDING_ACCEPT, and the entry's Status is written once it is theirs no more.)
 */
async function setOptions(
  step: GrantStep,
  service: LicenseService,
  licenseArn: string,
  grantArn: string,
  version: string,
): Promise<{ version: string; error?: LicenseError }> {
  const options = step.grant.entry?.Options;
  if (options === undefined || version === '') return { version };
  const follow: GrantStep = {
    ...step,
    licenseArn,
    action: 'update',
    sourceVersion: version,
    grant: { ...step.grant, arn: grantArn },
    patch: [{ op: 'add', path: `${grantPath(step.grant.name)}/Options`, value: options }],
  };
  const written = await service.createGrantVersion(grantVersionRequest(follow), step.desired.HomeRegion);
  if (written.ok) return { version: written.version };
  const message = `created, but setting its Options failed: ${written.error.message}; the next apply sets them`;
  return { version, error: about(step, { ...written.error, message }) };
}

async function update(step: GrantStep, service: LicenseService): Promise<ApplyResult> {
  const result = await service.createGrantVersion(grantVersionRequest(step), step.desired.HomeRegion);
  if (result.ok) return { step, outcome: 'updated', newVersion: result.version };
  return classify(step, service, result, (live) => {
    const { desired, observed } = comparableGrant(step.grant.entry!, live);
    return JSON.stringify(desired) === JSON.stringify(observed);
  });
}

async function remove(step: GrantStep, service: LicenseService): Promise<ApplyResult> {
  const result = await service.deleteGrant(deleteGrantRequest(step), step.desired.HomeRegion);
  if (result.ok) return { step, outcome: 'deleted' };
  return classify(step, service, result, (g: LiveGrant) => isGoneStatus(g.GrantStatus));
}

/**
 * A pinned write failed: read the grant again (classify.ts). It holds what we
 * wrote → ours landed (a lost reply, a retried request); it is at a version
 * after the pin → someone (the grantee accepting, another writer) changed it
 * after the plan: a conflict, and nothing was written over it; otherwise the
 * failure stands as reported.
 */
function classify(
  step: GrantStep,
  service: LicenseService,
  failed: WriteFailure,
  landed: (live: LiveGrant) => boolean,
): Promise<ApplyResult> {
  const pin = step.sourceVersion ?? '';
  return outcomeOfFailedWrite<LiveGrant>({
    step,
    reported: failed.error,
    reread: async () => {
      const read = await service.getGrant(step.grant.arn ?? '', step.desired.HomeRegion);
      return read.ok ? { ok: true, live: read.grant } : read;
    },
    holdsDesired: landed,
    about: (error) => about(step, error),
    changed: (now, live) =>
      `grant ${step.grant.name} changed after it was read (version ${pin} → ${now}${live.GrantStatus ? `, ${String(live.GrantStatus)}` : ''}), so nothing was written over it; run plan again to see the new state`,
  });
}

/** Writes the grant's ARN into its manifest entry; a failure to do so is reported on the result. */
async function recordGrantArn(step: GrantStep, result: ApplyResult, grantArn: string): Promise<ApplyResult> {
  const withArn = { ...(result.step as GrantStep), grant: { ...step.grant, arn: grantArn } };
  const recorded = await recordArn(grant, withArn, { ...result, step: withArn }, grantArn);
  return recorded.error ? { ...recorded, error: about(step, recorded.error) } : recorded;
}

function skipped(step: GrantStep, why: string): ApplyResult {
  return { step, outcome: 'skipped', error: stepError(step, 'INTERRUPTED', `not applied: ${why}`) };
}

/** The error, about this grant's manifest and license, its message naming the grant. */
function about(step: GrantStep, error: LicenseError): LicenseError {
  const named = error.message.includes(step.grant.name) ? error.message : `grant ${step.grant.name}: ${error.message}`;
  return { ...error, file: step.file, ...(step.licenseArn ? { licenseArn: step.licenseArn } : {}), message: named };
}

/** One grant step in JSON: its license, the grant's name and ARN, the pin on the grant's own version. */
function json(step: GrantStep, saved: boolean): object {
  const { name, arn, status, removed, entry, index, retired } = step.grant;
  const grant = {
    name,
    ...(arn ? { arn } : {}),
    ...(status ? { status } : {}),
    ...(removed ? { removed } : {}),
    ...(entry ? { entry } : {}),
    ...(index !== undefined ? { index } : {}),
    ...(retired?.length ? { retired } : {}),
  };
  return {
    kind: 'grant' as const,
    file: step.file,
    ...(step.licenseArn !== '' ? { licenseArn: step.licenseArn } : {}),
    grantName: name,
    ...(arn ? { grantArn: arn } : {}),
    action: step.action,
    ...(step.sourceVersion !== undefined ? { sourceVersion: step.sourceVersion } : {}),
    patch: step.patch,
    ...(status ? { status } : {}),
    ...(removed ? { removed: true } : {}),
    ...(step.adopted ? { adopted: true } : {}),
    ...(step.note ? { note: step.note } : {}),
    ...(step.error ? { error: step.error } : {}),
    ...(saved ? { desired: step.desired, grant, ...(step.observed ? { observed: step.observed } : {}) } : {}),
  };
}

export const grant: Kind<GrantStep> = {
  name: 'grant',
  noun: ['grant', 'grants'],
  part: (step) => `grant ${step.grant.name || '(all)'}`,
  // Live grants may share a name: one no entry claims (removed) is known by its ARN.
  key: (step) => (step.grant.removed ? `arn ${step.grant.arn ?? ''}` : step.grant.name),
  content: (step) => [step.desired.HomeRegion, step.grant.entry ?? null, step.grant.arn ?? null],
  arn: (step) => step.grant.arn,
  arnPointer: (step) => `/Grants/${step.grant.index ?? -1}/GrantArn`,
  arnPlacement: 'last',
  adopts: 'a grant of this name and principal exists, but its GrantArn never reached git',
  creates: (step) =>
    `CreateGrant of ${step.licenseArn === '' ? 'the new license, once created' : 'the license'} to ${step.grant.entry?.Principals[0] ?? ''} in ${step.desired.HomeRegion}; apply writes its GrantArn into the manifest`,
  deletes: () => 'not in the manifest: DeleteGrant (--prune)',
  json,
  jsonMember: 'grants',
  plan,
  apply,
  // A grant of a license created in this run waits for the license to exist.
  waitsForLicense: (step) => step.licenseArn === '',
  ...VERSIONED,
};
