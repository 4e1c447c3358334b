/**
 * `license-gitops import --all | ARN...`: one manifest per live license in --dir.
 * read managed manifests → read live → manifest from live → name → write → report.
 * Never overwrites: a license a manifest already manages (under --dir, or anywhere
 * in the manifest tree --dir is a subfolder of) is skipped (with --force that same file is rewritten), and a new file only gets a name no file has.
 * The files themselves are read in manifests/managed.ts and written in manifests/write.ts.
 */
import pLimit from 'p-limit';
import type { AwsLicenseService } from '../aws/license-service.js';
import { assignFileNames } from '../manifests/file-names.js';
import { readImportTemplate, templatedDocument, type ImportTemplate } from '../manifests/templated.js';
import { manifestFromLive } from '../manifests/from-live.js';
import { readManaged, type Managed } from '../manifests/managed.js';
import { escapeText } from '../render/escape.js';
import { newManifestPath, schemaLocator, writeManifest } from '../manifests/write.js';
import { formatError, licenseError, type LicenseError } from '../reconcile/errors.js';
import { isGoneStatus } from '../reconcile/gone.js';
import type { GrantsRead, LicenseDocument, LiveRead } from '../reconcile/types.js';
import { FORMAT_VERSION } from '../reconcile/plan-file.js';
import { painter } from '../render/style.js';
import { log, stdoutPaint, writeJson, type AwsArgs, type Io } from './context.js';
import { makeService } from './service.js';

export interface ImportArgs extends AwsArgs {
  all?: boolean;
  arns?: string[];
  force?: boolean;
  region?: string;
  /** A product template: each manifest names it and holds only what differs from it. */
  template?: string;
}

/** What import did with one license. */
export type ImportOutcome =
  /** A new manifest file was written. */
  | 'wrote'
  /** --force: the manifest already managing the license was rewritten from live. */
  | 'rewrote'
  /** A manifest already manages the license; it was left as it is. */
  | 'skipped'
  /** The license could not be read, expressed as a valid manifest, or written. */
  | 'failed';

export interface ImportResult {
  licenseArn: string;
  outcome: ImportOutcome;
  /** The manifest written, rewritten, or already managing the license. */
  file?: string;
  error?: LicenseError;
}

export async function importCommand(args: ImportArgs, io: Io): Promise<number> {
  const usage = usageError(args);
  if (usage) return report(io, args, [], [usage]);
  const managed = await readManaged(args.dir, args.manifestTree);
  if (Array.isArray(managed)) return report(io, args, [], managed);
  const template = args.template === undefined ? undefined : await readImportTemplate(args.template);
  if (Array.isArray(template)) return report(io, args, [], template);
  const service = await makeService(args, io);
  try {
    const region = await chooseRegion(args, io, service);
    if (typeof region !== 'string') return report(io, args, [], [region]);
    const found = args.all
      ? await listAll(service, region, args, io)
      : { reads: await readArns(service, args, region), deleted: 0 };
    if (!('reads' in found)) return report(io, args, [], [found]);
    const withGrants = await readGrantsOf(service, found.reads, args.concurrency);
    return report(io, args, await writeManifests(withGrants, managed, args, io, template), [], found.deleted);
  } finally {
    service.destroy();
  }
}

function usageError(args: ImportArgs): LicenseError | undefined {
  const arns = args.arns ?? [];
  if (args.all && arns.length > 0) return licenseError('USAGE', 'pass either --all or license ARNs, not both');
  if (!args.all && arns.length === 0)
    return licenseError('USAGE', 'name the licenses to import (license-gitops import ARN...) or pass --all');
  return undefined;
}

/** --region, else the SDK's region (AWS_REGION, AWS_DEFAULT_REGION, the profile), else a USAGE error. */
async function chooseRegion(args: ImportArgs, io: Io, service: AwsLicenseService): Promise<string | LicenseError> {
  const region = args.region || io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION || (await service.defaultRegion());
  const unset = 'no AWS region is configured; pass --region (e.g. --region us-east-1) or set AWS_REGION';
  if (!region) return licenseError('USAGE', unset);
  if (args.verbose) log(io, `reading licenses in ${region}`);
  return region;
}

/** One license asked for and its read (and, once read, its grants). */
interface Read {
  licenseArn: string;
  read: LiveRead;
  grants?: GrantsRead;
}

/** ListDistributedGrants for each license read, in its HomeRegion, --concurrency at a time. */
async function readGrantsOf(service: AwsLicenseService, reads: readonly Read[], concurrency: number): Promise<Read[]> {
  const limit = pLimit(concurrency);
  return Promise.all(
    reads.map((r) =>
      r.read.ok
        ? limit(async () => ({
            ...r,
            grants: await service.listGrants(r.licenseArn, String(r.read.ok && r.read.license.HomeRegion)),
          }))
        : r,
    ),
  );
}

/** Every license ListLicenses shows, deleted ones (which it keeps showing for months) left out and counted. */
async function listAll(
  service: AwsLicenseService,
  region: string,
  args: ImportArgs,
  io: Io,
): Promise<{ reads: Read[]; deleted: number } | LicenseError> {
  const listed = await service.listLicenses(region);
  if (!listed.ok) return listed.error;
  if (args.verbose) log(io, `ListLicenses in ${region}: ${listed.licenses.length} licenses`);
  const live = listed.licenses.filter((license) => !isGoneStatus(license.Status));
  const reads = live.map((license) => ({
    licenseArn: String(license.LicenseArn),
    read: { ok: true as const, license },
  }));
  return { reads, deleted: listed.licenses.length - live.length };
}

/** GetLicense for each distinct ARN, sent to `region` (reads work from any region), --concurrency at a time. */
async function readArns(service: AwsLicenseService, args: ImportArgs, region: string): Promise<Read[]> {
  const limit = pLimit(args.concurrency);
  const arns = [...new Set(args.arns ?? [])];
  return Promise.all(
    arns.map((licenseArn) => limit(async () => ({ licenseArn, read: await readArn(service, licenseArn, region) }))),
  );
}

async function readArn(service: AwsLicenseService, licenseArn: string, region: string): Promise<LiveRead> {
  if (!licenseArn.startsWith('arn:')) {
    const message = 'is not a license ARN; expected arn:aws:license-manager::<account>:license:l-…';
    return { ok: false, error: licenseError('USAGE', message, { licenseArn }) };
  }
  const read = await service.getLicense(licenseArn, region);
  if (read.ok) return { ok: true, license: { ...read.license, LicenseArn: read.license.LicenseArn ?? licenseArn } };
  if (read.error.code !== 'NOT_FOUND') return read;
  const message = `license not found (GetLicense in ${region}); check the ARN and that these credentials can see it`;
  return { ok: false, error: { ...read.error, message } };
}

/** A license to write: its manifest and, when --force rewrites it, the file already managing it. */
interface Pending {
  licenseArn: string;
  document: LicenseDocument;
  file?: string;
}

/** One result per read, in the order read; new files named together so names never collide. */
async function writeManifests(
  reads: readonly Read[],
  managed: Managed,
  args: ImportArgs,
  io: Io,
  template: ImportTemplate | undefined,
): Promise<ImportResult[]> {
  const decided = reads.map((read) => decide(read, managed, args.force));
  const fresh = decided.filter((d): d is Pending => 'document' in d && d.file === undefined);
  const names = assignFileNames(
    fresh.map((p) => ({ licenseArn: p.licenseArn, licenseName: p.document.LicenseName })),
    managed.taken,
  );
  const copied = (file: string) => log(io, `wrote ${file}, this version's manifest schema, for "$schema" to point at`);
  const schema = decided.some((d) => 'document' in d) ? await schemaLocator(args.dir, copied) : () => '';
  // A new file when nothing manages the license yet, else (--force) the managing file replaced whole.
  const write = async ({ licenseArn, document, file: managing }: Pending): Promise<ImportResult> => {
    const file = managing ?? newManifestPath(args.dir, names.get(licenseArn) as string);
    const written = template ? templatedDocument(document, template, file) : document;
    const outcome = managing === undefined ? 'wrote' : 'rewrote';
    const error = await writeManifest(licenseArn, written, file, outcome === 'wrote' ? 'create' : 'replace', schema);
    return error ? { licenseArn, outcome: 'failed', error } : { licenseArn, outcome, file };
  };
  const results: ImportResult[] = [];
  // One at a time, in the order read.
  for (const item of decided) results.push('document' in item ? await write(item) : item);
  return results;
}

/** A read that failed, a license already managed (without --force), or a manifest to write. */
function decide(
  { licenseArn, read, grants }: Read,
  managed: Managed,
  force: boolean | undefined,
): ImportResult | Pending {
  if (!read.ok) return { licenseArn, outcome: 'failed', error: { ...read.error, licenseArn } };
  const file = managed.claims.get(licenseArn);
  if (file !== undefined && !force) return { licenseArn, outcome: 'skipped', file };
  if (grants && !grants.ok) {
    const message = `its grants could not be read (${grants.error.message}), so no manifest was written; the credentials need license-manager:ListDistributedGrants`;
    return { licenseArn, outcome: 'failed', error: { ...grants.error, licenseArn, message } };
  }
  const built = manifestFromLive(read.license, grants?.grants);
  if (!built.ok) return { licenseArn, outcome: 'failed', error: { ...built.error, licenseArn } };
  return { licenseArn, document: built.document, ...(file !== undefined ? { file } : {}) };
}

const LABELS: Record<Exclude<ImportOutcome, 'failed'>, 'green' | 'yellow' | 'dim'> = {
  wrote: 'green',
  rewrote: 'yellow',
  skipped: 'dim',
};

/** One line per license (failures on stderr), a summary, or the JSON report; the exit code. */
function report(
  io: Io,
  args: ImportArgs,
  results: readonly ImportResult[],
  errors: readonly LicenseError[],
  deleted = 0,
): number {
  const failures = [...errors, ...results.flatMap((r) => (r.error ? [r.error] : []))];
  const red = painter(io.stderr, io.env);
  for (const error of failures) io.stderr.write(`${red('red', 'error')} ${escapeText(formatError(error))}\n`);
  const tally = tallied(results, deleted);
  if (args.json) writeJson(io, importJson(results, failures, tally));
  else if (errors.length === 0) {
    const paint = stdoutPaint(io);
    for (const r of results) {
      if (r.outcome === 'failed') continue;
      const label = paint(LABELS[r.outcome], r.outcome.padEnd(7));
      const line =
        r.outcome === 'skipped' ? `${r.licenseArn}  already managed in ${r.file}` : `${r.file}  ${r.licenseArn}`;
      io.stdout.write(`${label}  ${escapeText(line)}\n`);
    }
    const gone = deleted > 0 ? `, ${deleted} deleted ${deleted === 1 ? 'license' : 'licenses'} skipped` : '';
    const summary = `${tally.written} written, ${tally.rewritten} rewritten, ${tally.skipped} already managed, ${tally.failed} failed${gone}`;
    io.stdout.write(`${results.length > 0 ? '\n' : ''}${paint('bold', 'Import:')} ${summary}.\n`);
  }
  return failures.length > 0 ? 1 : 0;
}

/** `{formatVersion, imported: [{file, licenseArn, rewritten?}], skipped: [{file, licenseArn, reason}], errors, summary}`; `summary.deleted` counts the deleted licenses --all left out. */
function importJson(results: readonly ImportResult[], errors: readonly LicenseError[], summary: Tally): object {
  return {
    formatVersion: FORMAT_VERSION,
    imported: results
      .filter((r) => r.outcome === 'wrote' || r.outcome === 'rewrote')
      .map((r) => ({
        file: r.file,
        licenseArn: r.licenseArn,
        ...(r.outcome === 'rewrote' ? { rewritten: true } : {}),
      })),
    skipped: results
      .filter((r) => r.outcome === 'skipped')
      .map((r) => ({ file: r.file, licenseArn: r.licenseArn, reason: 'already managed' })),
    errors,
    summary,
  };
}

type Tally = Record<'written' | 'rewritten' | 'skipped' | 'failed' | 'deleted', number>;

/** How many licenses each outcome had, and how many deleted ones --all left out: the summary of both outputs. */
function tallied(results: readonly ImportResult[], deleted: number): Tally {
  const count = (outcome: ImportOutcome) => results.filter((r) => r.outcome === outcome).length;
  return {
    written: count('wrote'),
    rewritten: count('rewrote'),
    skipped: count('skipped'),
    failed: count('failed'),
    deleted,
  };
}
