/**
 * What a run will do to each license: nothing, one pinned update, or an error.
 * The plan carries the pin: an update holds the Version observed at read time.
 */
import { licenseError, type LicenseError } from './errors.js';
import { plannedWrite } from './request.js';
import type { LiveLicense, Manifest, Pairing, Plan, PlanOptions, PlanStep, PlanSummary } from './types.js';

/** Live statuses a new version can't be created from. */
const DELETED_STATUSES: readonly string[] = ['DELETED', 'PENDING_DELETE'];

/** The step for one manifest and its read. */
export function planLicense(pairing: Pairing, options: PlanOptions = {}): PlanStep {
  const { manifest, read } = pairing;
  const base = { file: manifest.file, licenseArn: manifest.document.LicenseArn, desired: manifest.document, patch: [] };
  if (!read) return { ...base, action: 'error', error: notRead(manifest) };
  if (!read.ok) return { ...base, action: 'error', error: withSubject(read.error, manifest) };
  const problem = unplannable(read.license, manifest);
  if (problem) return { ...base, action: 'error', error: problem };
  const ignore = [...(options.ignore ?? []), ...(options.ignoreFor?.(manifest.file) ?? [])];
  const { desired, observed, patch } = plannedWrite(read.license, manifest.document, ignore);
  const sourceVersion = read.license.Version;
  if (patch.length === 0) return { ...base, action: 'noop', sourceVersion };
  return { ...base, action: 'update', sourceVersion, patch, observed, desired };
}

/** One step per pairing, in manifest order, and their counts. */
export function buildPlan(pairings: Pairing[], options: PlanOptions = {}): Plan {
  const steps = pairings.map((pairing) => planLicense(pairing, options));
  return { steps, summary: summarize(steps) };
}

/** How many steps have each action. */
export function summarize(steps: PlanStep[]): PlanSummary {
  const counts: PlanSummary = { update: 0, noop: 0, error: 0 };
  for (const step of steps) counts[step.action] += 1;
  return counts;
}

/** Why a license that was read can't get a new version, if it can't. */
function unplannable(live: LiveLicense, manifest: Manifest): LicenseError | undefined {
  const subject = { file: manifest.file, licenseArn: manifest.document.LicenseArn };
  if (typeof live.Status === 'string' && DELETED_STATUSES.includes(live.Status)) {
    return licenseError('DELETED', `the license is ${live.Status}; a deleted license can't get a new version`, subject);
  }
  const liveRegion = live.HomeRegion;
  const desiredRegion = manifest.document.HomeRegion;
  if (typeof liveRegion === 'string' && liveRegion !== desiredRegion) {
    return licenseError(
      'WRONG_REGION',
      `HomeRegion can't be changed by a new version: live is ${liveRegion}, manifest says ${desiredRegion}`,
      subject,
    );
  }
  if (typeof live.Version !== 'string' || live.Version === '') {
    return licenseError('READ_FAILED', 'the live license has no Version to pin the update to', subject);
  }
  return undefined;
}

function notRead(manifest: Manifest): LicenseError {
  return licenseError('READ_FAILED', 'the license was not read (was its HomeRegion reachable?)', {
    file: manifest.file,
    licenseArn: manifest.document.LicenseArn,
  });
}

/** The read's error, with the manifest's file and ARN filled in where missing. */
function withSubject(error: LicenseError, manifest: Manifest): LicenseError {
  return { ...error, file: error.file ?? manifest.file, licenseArn: error.licenseArn ?? manifest.document.LicenseArn };
}
