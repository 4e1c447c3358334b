/**
 * Applying a create: CreateLicense in the manifest's HomeRegion with the marker
 * tags and a ClientToken derived from the manifest, then the new LicenseArn
 * written back into the manifest file.
 *
 * Exactly once, whatever the service does with a repeated ClientToken: each
 * attempt is a single call, and after any failure that may have been committed
 * (a lost reply, a time-out, a 5xx) the license is looked for by its token tag
 * before another attempt is made.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { ApplyResult } from '../reconcile/outcome.js';
import type { LicenseService, WriteResult } from '../reconcile/ports.js';
import type { LicenseStep } from '../reconcile/types.js';
import { CreatedLicenses } from './adopt.js';
import { createRequest, manifestKey } from './marker.js';

/** Errors that say the request was refused as such: retrying can't help and nothing was created. */
export const REFUSED: ReadonlySet<string> = new Set([
  'ValidationException',
  'InvalidParameterValueException',
  'AccessDeniedException',
  'AuthorizationException',
  'ResourceLimitExceededException',
  'RedirectException',
  'ConflictException',
  'CredentialsProviderError',
]);

export interface CreateOptions {
  manifestDir?: string;
  /** The commit applied, tagged on the new license (`license-gitops:commit`). */
  commit?: string;
  /** CreateLicense attempts, each followed by a search when it failed (default 4). */
  attempts?: number;
  /** Base of the exponential backoff between attempts, in milliseconds (default 200). */
  backoffMs?: number;
  signal?: AbortSignal;
  /** Sends one pinned CreateLicenseVersion for a step (apply's own), for a status CreateLicense can't set. */
  writeVersion: (step: LicenseStep) => Promise<WriteResult>;
  /** Writes the new ARN (`step.licenseArn`) into the manifest, onto `result`. */
  record: (step: LicenseStep, result: ApplyResult) => Promise<ApplyResult>;
}

export async function applyCreate(
  step: LicenseStep,
  service: LicenseService,
  options: CreateOptions,
): Promise<ApplyResult> {
  const subject = { file: step.file };
  const region = step.desired.HomeRegion;
  const key = manifestKey(step.file, options.manifestDir);
  const finder = new CreatedLicenses(service, new Set(), 4);
  // The plan found the deleted licenses earlier creates of this manifest made: the token covers them.
  const request = createRequest(step.desired, key, step.retired ?? [], options.commit);
  const attempts = options.attempts ?? 4;
  let last: LicenseError | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(backoff(attempt, options.backoffMs ?? 200));
    const result = await service.createLicense(request, region);
    if (result.ok)
      return finish(step, options, { arn: result.licenseArn, version: result.version, status: result.status });
    last = { ...result.error, ...subject };
    if (REFUSED.has(result.error.cause ?? '')) break;
    // The attempt may have been committed with its reply lost: look before trying again.
    const found = await finder.byToken(region, request.ProductSKU, request.Beneficiary, request.ClientToken);
    const [license] = found.ok ? found.marked : [];
    if (license)
      return finish(step, options, {
        arn: license.license.LicenseArn!,
        version: String(license.license.Version ?? '1'),
        status: String(license.license.Status ?? ''),
      });
    if (!found.ok || options.signal?.aborted) break;
  }
  return { step, outcome: 'failed', error: last ?? licenseError('WRITE_FAILED', 'CreateLicense failed', subject) };
}

/**
 * After CreateLicense: a status CreateLicense can't set (DEACTIVATED) gets one
 * version pinned to the new license's, then the ARN is written back.
 */
async function finish(
  step: LicenseStep,
  options: CreateOptions,
  created: { arn: string; version: string; status?: string | undefined },
): Promise<ApplyResult> {
  let version = created.version;
  let error: LicenseError | undefined;
  if (created.status && created.status !== step.desired.Status) {
    const written = await options.writeVersion({ ...step, licenseArn: created.arn, sourceVersion: created.version });
    if (written.ok) version = written.version;
    else
      error = {
        ...written.error,
        file: step.file,
        licenseArn: created.arn,
        message: `created, but setting Status ${step.desired.Status} failed: ${written.error.message}; the next apply sets it`,
      };
  }
  const made = { ...step, licenseArn: created.arn };
  const result = await options.record(made, { step: made, outcome: 'created', newVersion: version });
  return result.error || !error ? result : { ...result, error };
}

export function backoff(attempt: number, base: number): number {
  const ceiling = base * 2 ** (attempt - 2);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
