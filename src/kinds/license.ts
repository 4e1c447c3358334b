/**
 * Licenses as a kind: one CreateLicenseVersion per `update`, pinned to the
 * version observed at plan time, with a ClientToken derived from the pin and
 * the content so a retried or repeated call never makes a second version; one
 * CreateLicense per `create` (run/create.ts) and one pinned DeleteLicense per
 * `delete` (run/delete.ts). An adopted license's ARN is written back into its
 * manifest. A write that failed is decided by reading the license again
 * (run/classify.ts), never by the error's name.
 */
import { licenseError } from '../reconcile/errors.js';
import { diff } from '../reconcile/diff.js';
import { isGoneStatus } from '../reconcile/gone.js';
import { normalize } from '../reconcile/normalize.js';
import type { ApplyResult } from '../reconcile/outcome.js';
import type { LicenseService } from '../reconcile/ports.js';
import { versionRequest } from '../reconcile/request.js';
import type { LicenseStep, LiveLicense } from '../reconcile/types.js';
import { outcomeOfFailedWrite } from '../run/classify.js';
import { applyCreate } from '../run/create.js';
import { applyDelete } from '../run/delete.js';
import { COMMIT_TAG, commitTag } from '../run/marker.js';
import { recordArn } from '../run/record.js';
import type { ApplyContext, Kind } from './kind.js';

async function apply(step: LicenseStep, context: ApplyContext): Promise<ApplyResult> {
  const { service, signal, manifestDir, commit } = context;
  switch (step.action) {
    case 'noop':
      return recordAdopted(step, { step, outcome: 'unchanged' });
    case 'error':
      if (step.error?.code === 'INTERRUPTED') return { step, outcome: 'skipped', error: step.error };
      return { step, outcome: 'failed', ...(step.error ? { error: step.error } : {}) };
  }
  if (signal?.aborted) return skipped(step);
  switch (step.action) {
    case 'create':
      return applyCreate(step, service, {
        ...(manifestDir !== undefined ? { manifestDir } : {}),
        ...(commit ? { commit } : {}),
        ...(signal ? { signal } : {}),
        writeVersion: (created) => service.createLicenseVersion(versionRequest(created), created.desired.HomeRegion),
        record: (created, result) => recordArn(license, created, result, created.licenseArn),
      });
    case 'delete':
      return applyDelete(step, service);
    case 'update':
      return recordAdopted(step, await tagCommit(await update(step, service), service, commit));
  }
}

/** An adopted license's ARN goes into its manifest once the step converged. */
async function recordAdopted(step: LicenseStep, result: ApplyResult): Promise<ApplyResult> {
  if (!step.adopted || (result.outcome !== 'updated' && result.outcome !== 'unchanged')) return result;
  return recordArn(license, step, result, step.licenseArn);
}

async function update(step: LicenseStep, service: LicenseService): Promise<ApplyResult> {
  const request = versionRequest(step);
  const region = step.desired.HomeRegion;
  const result = await service.createLicenseVersion(request, region);
  if (result.ok) return { step, outcome: 'updated', newVersion: result.version };
  const subject = { file: step.file, licenseArn: step.licenseArn };
  const { SourceVersion: pin, ClientToken: _token, ...sent } = request;
  const wanted = normalize(sent);
  return outcomeOfFailedWrite<LiveLicense>({
    step,
    makes: 'updated',
    pin,
    reported: result.error,
    reread: async () => {
      const read = await service.getLicense(step.licenseArn, region);
      return read.ok ? { ok: true, live: read.license } : read;
    },
    holdsDesired: (live) => diff(normalize(live), wanted).length === 0,
    about: (error) => ({ ...error, ...subject }),
    changed: (now) =>
      `the license changed after it was read (planned against version ${pin}, now at version ${now} with other content), so nothing was written; run plan again to see the new state`,
    // Nothing after the pin, but deleted since, or gone: said so, rather than the write's failure.
    explain: (live, rereadError) => {
      if (isGoneStatus(live?.Status)) {
        const message = `the license is ${String(live?.Status)}; it was deleted after it was read, so nothing was written`;
        const error = licenseError('DELETED', message, { ...subject, cause: result.error.cause });
        return { step, outcome: 'failed', error };
      }
      if (rereadError?.code === 'NOT_FOUND') return { step, outcome: 'failed', error: { ...rereadError, ...subject } };
      return undefined;
    },
  });
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
  return { ...result, error: { ...tagged.error, file: step.file, licenseArn: step.licenseArn, message } };
}

function skipped(step: LicenseStep): ApplyResult {
  const error = licenseError('INTERRUPTED', 'not applied: the run was interrupted before this license was written', {
    file: step.file,
    licenseArn: step.licenseArn,
  });
  return { step, outcome: 'skipped', error };
}

export const license: Kind<LicenseStep> = {
  name: 'license',
  noun: ['license', 'licenses'],
  subjectName: (step) => step.desired?.LicenseName ?? '',
  label: (step) => step.file,
  arn: (step) => (step.licenseArn === '' ? undefined : step.licenseArn),
  arnPointer: () => '/LicenseArn',
  arnPlacement: 'first',
  apply,
  waitsForLicense: () => false,
  pin: (step) => `pinned to version ${step.sourceVersion ?? ''}`,
  updated: (result) => `version ${result.step.sourceVersion ?? ''} → ${result.newVersion ?? ''}`,
};
