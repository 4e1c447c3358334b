/**
 * What a run will do to each license: create it, nothing, one pinned update,
 * one pinned delete, or an error. The plan carries the pin: an update or a
 * delete holds the Version observed at read time.
 */
import { isGoneStatus } from './gone.js';
import { licenseError, stepError, type LicenseError } from './errors.js';
import { diff, ignoreRules } from './diff.js';
import { sortedMembers } from './json-values.js';
import { normalize, userTags } from './normalize.js';
import { plannedWrite } from './request.js';
import { createdAt } from './history.js';
import { tally } from './outcome.js';
import { instant } from './expiry.js';
import { immutableChange, serviceStatusNote } from './immutable.js';
import type {
  Comparable,
  LicenseDocument,
  LicenseStep,
  LiveLicense,
  Manifest,
  Pairing,
  Plan,
  PlanOptions,
  PlanStep,
  PlanSummary,
  Retirement,
} from './types.js';

/** The step for one manifest and its read (or, for a manifest without an ARN, the license found by its marker). */
export function planLicense(pairing: Pairing, options: PlanOptions = {}): LicenseStep {
  const { manifest, read } = pairing;
  const licenseArn = manifest.document.LicenseArn ?? (read?.ok ? (read.license.LicenseArn ?? '') : '');
  const adopted = pairing.adopted && read?.ok ? { adopted: true } : {};
  const base = { file: manifest.file, licenseArn, desired: manifest.document, patch: [], ...adopted };
  if (!manifest.document.LicenseArn && !pairing.adopted && !read)
    return { ...base, action: 'create', patch: diff({}, createdContent(manifest.document)) };
  if (!read) {
    const message = 'the license was not read (was its HomeRegion reachable?)';
    return { ...base, action: 'error', error: stepError(base, 'READ_FAILED', message) };
  }
  if (!read.ok) return { ...base, action: 'error', error: withSubject(read.error, manifest) };
  const problem = unplannable(read.license, manifest, licenseArn);
  if (problem) return { ...base, action: 'error', error: problem };
  const note = serviceStatusNote(read.license);
  // A status License Manager set is reported (the note), not drift to write back: a new version keeps
  // it (Status is a required member), unless the manifest renews an expired license by moving
  // Validity.End, which writes the manifest's Status too, and the patch shows it.
  const keepStatus = note !== undefined && !renews(read.license, manifest.document);
  const ignore = [...ignoreRules(options, manifest.file), ...(keepStatus ? ['/Status'] : [])];
  const sourceVersion = read.license.Version;
  const made = createdAt(read.license.CreateTime);
  const noted = { ...base, ...(note ? { note } : {}), ...(made ? { sourceCreateTime: made } : {}) };
  const { desired, observed, patch } = plannedWrite(read.license, manifest.document, ignore);
  if (patch.length === 0) return { ...noted, action: 'noop', sourceVersion };
  return { ...noted, action: 'update', sourceVersion, patch, observed, desired };
}

/**
 * What CreateLicense sets, in comparable form: the content a version holds, and the members
 * only a create sends (ProductSKU, Beneficiary, the user tags), so the plan shows each.
 */
function createdContent(document: LicenseDocument): Comparable {
  const { ProductSKU, Beneficiary, Tags } = document;
  const content: Comparable = {
    ...normalize(document),
    ...(ProductSKU !== undefined ? { ProductSKU } : {}),
    ...(Beneficiary !== undefined ? { Beneficiary } : {}),
    ...(Tags !== undefined && Tags.length > 0 ? { Tags: userTags(Tags) } : {}),
  };
  return sortedMembers(content);
}

/** An EXPIRED license whose manifest moves Validity.End: a renewal. */
function renews(live: LiveLicense, document: Manifest['document']): boolean {
  const end = (v: unknown) => instant(String((v as { End?: unknown } | undefined)?.End ?? ''));
  return live.Status === 'EXPIRED' && end(live.Validity) !== end(document.Validity);
}

/**
 * The step for a license whose manifest is gone, with --prune: one DeleteLicense
 * pinned to the version read now. Already deleted is nothing to do; a license
 * with active grants is refused unless the options allow it.
 */
export function planRetirement(retirement: Retirement, options: PlanOptions = {}): LicenseStep {
  const { file, licenseArn, read, document } = retirement;
  const subject = { file, licenseArn };
  const base = { file, licenseArn, desired: document, patch: [] };
  if (!read)
    return { ...base, action: 'error', error: licenseError('READ_FAILED', 'the license was not read', subject) };
  if (!read.ok) {
    if (read.error.code === 'NOT_FOUND' || read.error.code === 'DELETED') return { ...base, action: 'noop' };
    return { ...base, action: 'error', error: { ...read.error, ...subject } };
  }
  const { Status, Version } = read.license;
  if (isGoneStatus(Status))
    return { ...base, action: 'noop', ...(typeof Version === 'string' ? { sourceVersion: Version } : {}) };
  const unpinned = unversioned(read.license, 'delete', subject);
  if (unpinned) return { ...base, action: 'error', error: unpinned };
  const grants = retirement.activeGrants ?? 0;
  // Version is a string here: `unversioned` said so.
  const step = { ...base, sourceVersion: String(Version), activeGrants: grants };
  if (grants > 0 && !options.forceDeleteGranted) {
    const message = `its manifest is gone, but the license still has ${activeGrants(grants)}; deleting it takes the license away from their grantees, so prune refuses (pass --force-delete-granted to delete it anyway)`;
    return { ...step, action: 'error', error: licenseError('HAS_GRANTS', message, subject) };
  }
  return { ...step, action: 'delete' };
}

/**
 * One license step per pairing, in manifest order, then one per retirement,
 * and their counts. The steps of the other kinds follow from these (src/kinds/).
 */
export function buildPlan(pairings: Pairing[], options: PlanOptions = {}, retirements: Retirement[] = []): Plan {
  const steps: PlanStep[] = [
    ...pairings.map((pairing) => planLicense(pairing, options)),
    ...retirements.map((retirement) => planRetirement(retirement, options)),
  ];
  return { steps, summary: summarize(steps) };
}

/** How many steps have each action. */
export function summarize(steps: readonly PlanStep[]): PlanSummary {
  const zero = { create: 0, update: 0, delete: 0, noop: 0, error: 0 };
  return tally(zero, steps, (step) => step.action);
}

/** Why a license that was read can't get a new version, if it can't. */
function unplannable(live: LiveLicense, manifest: Manifest, licenseArn: string): LicenseError | undefined {
  const subject = { file: manifest.file, licenseArn };
  if (isGoneStatus(live.Status)) {
    return licenseError('DELETED', `the license is ${live.Status}; a deleted license can't get a new version`, subject);
  }
  return immutableChange(live, manifest.document, subject) ?? unversioned(live, 'update', subject);
}

/** A live license without a Version, which no `write` can be pinned to (SourceVersion), as an error. */
function unversioned(
  live: LiveLicense,
  write: 'update' | 'delete',
  subject: { file: string; licenseArn: string },
): LicenseError | undefined {
  if (typeof live.Version === 'string' && live.Version !== '') return undefined;
  return licenseError('READ_FAILED', `the live license has no Version to pin the ${write} to`, subject);
}

/** `1 active grant`, `3 active grants`: what holds a license a prune would delete. */
export const activeGrants = (count: number): string => `${count} active ${count === 1 ? 'grant' : 'grants'}`;

/** The read's error, with the manifest's file and ARN filled in where missing. */
function withSubject(error: LicenseError, manifest: Manifest): LicenseError {
  return { ...error, file: error.file ?? manifest.file, licenseArn: error.licenseArn ?? manifest.document.LicenseArn };
}
