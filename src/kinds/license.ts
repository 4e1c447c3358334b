/**
 * Licenses as a kind: one CreateLicenseVersion per `update`, pinned to the
 * version observed at plan time, with a ClientToken derived from the pin and
 * the content so a retried or repeated call never makes a second version; one
 * CreateLicense per `create`, exactly once (run/create.ts), and one pinned
 * DeleteLicense per `delete`. A new or adopted license's ARN is written back
 * into its manifest. A write that failed is decided by reading the license
 * again (run/classify.ts), never by the error's name.
 */
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { diff } from '../reconcile/diff.js';
import { isGoneStatus } from '../reconcile/gone.js';
import { normalize } from '../reconcile/normalize.js';
import { activeGrants } from '../reconcile/plan.js';
import type { ApplyResult } from '../reconcile/outcome.js';
import type { LicenseService } from '../reconcile/ports.js';
import { versionRequest } from '../reconcile/request.js';
import type { LicenseStep, LiveLicense } from '../reconcile/types.js';
import { CreatedLicenses } from '../run/adopt.js';
import { outcomeOfFailedWrite, type Reread } from '../run/classify.js';
import { createOnce, REFUSED } from '../run/create.js';
import { COMMIT_TAG, commitTag, createRequest, manifestKey } from '../run/marker.js';
import { plannedError, recordArn, VERSIONED, type ApplyContext, type Kind } from './kind.js';

async function apply(step: LicenseStep, context: ApplyContext): Promise<ApplyResult> {
  const { service, signal, commit } = context;
  if (step.action === 'noop') return recordAdopted(step, { step, outcome: 'unchanged' });
  if (step.action === 'error') return plannedError(step);
  if (signal?.aborted) {
    const message = 'not applied: the run was interrupted before this license was written';
    return { step, outcome: 'skipped', error: licenseError('INTERRUPTED', message, subjectOf(step)) };
  }
  switch (step.action) {
    case 'create':
      return create(step, context);
    case 'delete':
      return remove(step, service);
    case 'update':
      return recordAdopted(step, await tagCommit(await update(step, service), service, commit));
  }
}

/** An adopted license's ARN goes into its manifest once the step converged. */
async function recordAdopted(step: LicenseStep, result: ApplyResult): Promise<ApplyResult> {
  if (!step.adopted || (result.outcome !== 'updated' && result.outcome !== 'unchanged')) return result;
  return recordArn(license, step, result, step.licenseArn);
}

/**
 * CreateLicense in the manifest's HomeRegion with the marker tags and a
 * ClientToken derived from the manifest; after a failure the license is looked
 * for by its token tag before another attempt is made.
 */
async function create(step: LicenseStep, { service, manifestDir, commit, signal }: ApplyContext): Promise<ApplyResult> {
  const region = step.desired.HomeRegion;
  const finder = new CreatedLicenses(service, new Set(), 4);
  // The plan found the deleted licenses earlier creates of this manifest made: the token covers them.
  const request = createRequest(step.desired, manifestKey(step.file, manifestDir), step.retired ?? [], commit);
  const created = await createOnce(
    () => service.createLicense(request, region),
    async (failed) => {
      if (REFUSED.has(failed.error.cause ?? '')) return { again: false };
      // The attempt may have been committed with its reply lost: look before trying again.
      const found = await finder.byToken(step.desired, request.ClientToken);
      const live = found.ok ? found.marked[0]?.license : undefined;
      if (!live) return { again: found.ok };
      const version = String(live.Version ?? '1');
      const status = String(live.Status ?? '');
      return { found: { ok: true, licenseArn: live.LicenseArn!, version, status }, again: false };
    },
    signal,
  );
  if (!created.ok) return { step, outcome: 'failed', error: { ...created.error, file: step.file } };
  // A status CreateLicense can't set (DEACTIVATED) gets one version pinned to the new license's.
  let version = created.version;
  let error: LicenseError | undefined;
  if (created.status && created.status !== step.desired.Status) {
    const pinned = { ...step, licenseArn: created.licenseArn, sourceVersion: created.version };
    const written = await service.createLicenseVersion(versionRequest(pinned), region);
    if (written.ok) version = written.version;
    else {
      const message = `created, but setting Status ${step.desired.Status} failed: ${written.error.message}; the next apply sets it`;
      error = { ...written.error, ...subjectOf(pinned), message };
    }
  }
  const made = { ...step, licenseArn: created.licenseArn };
  const outcome: ApplyResult = { step: made, outcome: 'created', newVersion: version };
  const result = await recordArn(license, made, outcome, made.licenseArn);
  return result.error || !error ? result : { ...result, error };
}

async function update(step: LicenseStep, service: LicenseService): Promise<ApplyResult> {
  const request = versionRequest(step);
  const result = await service.createLicenseVersion(request, step.desired.HomeRegion);
  if (result.ok) return { step, outcome: 'updated', newVersion: result.version };
  const { SourceVersion: pin, ClientToken: _token, ...sent } = request;
  const wanted = normalize(sent);
  return outcomeOfFailedWrite<LiveLicense>({
    step,
    reported: result.error,
    reread: () => reread(step, service),
    holdsDesired: (live) => diff(normalize(live), wanted).length === 0,
    changed: (now) =>
      `the license changed after it was read (planned against version ${pin}, now at version ${now} with other content), so nothing was written; run plan again to see the new state`,
    // Nothing after the pin, but deleted since, or gone: said so, rather than the write's failure.
    explain: (live, rereadError) => {
      if (isGoneStatus(live?.Status)) {
        const message = `the license is ${String(live?.Status)}; it was deleted after it was read, so nothing was written`;
        const error = licenseError('DELETED', message, { ...subjectOf(step), cause: result.error.cause });
        return { step, outcome: 'failed', error };
      }
      if (rereadError?.code === 'NOT_FOUND')
        return { step, outcome: 'failed', error: { ...rereadError, ...subjectOf(step) } };
      return undefined;
    },
  });
}

/**
 * DeleteLicense pinned to the version read at plan time. It has no ClientToken,
 * so after a failed or retried call the license is read again: PENDING_DELETE or
 * DELETED at the pin or later, or no license to read at all (a service may stop
 * showing deleted licenses), means the delete happened (ours with its reply
 * lost, or a retry that found it done); a later version with other content is a
 * conflict; anything else, the error as reported.
 */
async function remove(step: LicenseStep, service: LicenseService): Promise<ApplyResult> {
  const pin = step.sourceVersion ?? '';
  const result = await service.deleteLicense(step.licenseArn, pin, step.desired.HomeRegion);
  if (result.ok) return { step, outcome: 'deleted' };
  return outcomeOfFailedWrite<LiveLicense>({
    step,
    reported: result.error,
    reread: () => reread(step, service),
    holdsDesired: (live) => isGoneStatus(live.Status),
    changed: (now) =>
      `the license changed after it was read (the plan pinned version ${pin}, it is now at version ${now}), so it was not deleted; run plan again to see the new state`,
  });
}

async function reread(step: LicenseStep, service: LicenseService): Promise<Reread<LiveLicense>> {
  const read = await service.getLicense(step.licenseArn, step.desired.HomeRegion);
  return read.ok ? { ok: true, live: read.license } : read;
}

/**
 * After a version was written: the license's `license-gitops:commit` tag names
 * the commit it came from. A failure to tag leaves the version (the write that
 * matters) and says so; history then matches it by content.
 */
async function tagCommit(result: ApplyResult, service: LicenseService, commit: string | undefined) {
  if (result.outcome !== 'updated' || !commit) return result;
  const { step } = result;
  const tagged = await service.tagResource(step.licenseArn, [commitTag(commit)], step.desired.HomeRegion);
  if (tagged.ok) return result;
  const message = `version ${result.newVersion ?? ''} was written, but tagging the license with its commit (${COMMIT_TAG}) failed: ${tagged.error.message}; history matches the version by its content instead`;
  return { ...result, error: { ...tagged.error, ...subjectOf(step), message } };
}

const subjectOf = (step: { file: string; licenseArn: string }) => ({ file: step.file, licenseArn: step.licenseArn });

/** What deleting the license does: DeleteLicense, and whether active grants hold it. */
function deletes(step: LicenseStep): string {
  const grants = step.activeGrants ?? 0;
  const held = grants === 0 ? 'no active grants' : `${activeGrants(grants)} (--force-delete-granted)`;
  return `its manifest is gone: DeleteLicense "${step.desired.LicenseName}" in ${step.desired.HomeRegion}; ${held}`;
}

/** One license step in JSON; `licenseArn` is absent for a license not created yet. */
function json(step: LicenseStep, saved: boolean): object {
  return {
    file: step.file,
    ...(step.licenseArn !== '' ? { licenseArn: step.licenseArn } : {}),
    action: step.action,
    ...(step.cause ? { cause: step.cause } : {}),
    ...(step.sourceVersion !== undefined ? { sourceVersion: step.sourceVersion } : {}),
    patch: step.patch,
    ...(step.adopted ? { adopted: true } : {}),
    ...(step.activeGrants !== undefined ? { activeGrants: step.activeGrants } : {}),
    ...(step.usage?.length ? { usage: step.usage } : {}),
    ...(saved && step.retired?.length ? { retired: step.retired } : {}),
    ...(step.note ? { note: step.note } : {}),
    ...(step.error ? { error: step.error } : {}),
    ...(saved ? { desired: step.desired, ...(step.observed ? { observed: step.observed } : {}) } : {}),
  };
}

export const license: Kind<LicenseStep> = {
  name: 'license',
  noun: ['license', 'licenses'],
  part: () => '',
  // A retirement is its license's: one created for a file may outlive what the file declares.
  key: (step) => (step.action === 'delete' ? step.licenseArn : ''),
  content: (step) => step.desired,
  arn: (step) => (step.licenseArn === '' ? undefined : step.licenseArn),
  arnPointer: () => '/LicenseArn',
  arnPlacement: 'first',
  adopts: 'created by license-gitops from this manifest, but its ARN never reached git',
  creates: (step) =>
    `a new license in ${step.desired.HomeRegion} (CreateLicense); apply writes its LicenseArn into the manifest`,
  deletes,
  json,
  apply,
  waitsForLicense: () => false,
  ...VERSIONED,
};
