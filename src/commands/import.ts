/**
 * `license-gitops import --all | ARN...`: one manifest per live license in --dir.
 * read managed manifests → read live → manifest from live → name → write → report.
 * Never overwrites: a license a manifest already manages is skipped (with --force
 * that same file is rewritten), and a new file only gets a name no file has.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import type { AwsLicenseService } from '../aws/license-service.js';
import { assignFileNames } from '../manifests/file-names.js';
import { manifestFromLive, renderManifest, SCHEMA_ID } from '../manifests/from-live.js';
import { printable } from '../manifests/messages.js';
import { readManifestDir } from '../manifests/source.js';
import { formatError, licenseError, type LicenseError } from '../reconcile/errors.js';
import type { LicenseDocument, LiveRead } from '../reconcile/types.js';
import { FORMAT_VERSION } from '../render/json.js';
import { painter } from '../render/style.js';
import { log, makeService, stdoutPaint, writeJson, type AwsArgs, type Io } from './context.js';

export interface ImportArgs extends AwsArgs {
  all?: boolean;
  arns?: string[];
  force?: boolean;
  region?: string;
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
  const managed = await readManaged(args.dir);
  if (Array.isArray(managed)) return report(io, args, [], managed);
  const service = await makeService(args, io);
  try {
    const region = await chooseRegion(args, io, service);
    if (typeof region !== 'string') return report(io, args, [], [region]);
    const reads = args.all ? await listAll(service, region, args, io) : await readArns(service, args, region);
    if (!Array.isArray(reads)) return report(io, args, [], [reads]);
    return report(io, args, await writeManifests(reads, managed, args), []);
  } finally {
    service.destroy();
  }
}

function usageError(args: ImportArgs): LicenseError | undefined {
  const arns = args.arns ?? [];
  if (args.all && arns.length > 0) return licenseError('USAGE', 'pass either --all or license ARNs, not both');
  if (!args.all && arns.length === 0) {
    return licenseError('USAGE', 'name the licenses to import (license-gitops import ARN...) or pass --all');
  }
  return undefined;
}

/** What --dir already holds. */
interface Managed {
  /** LicenseArn → the first manifest (in path order) that claims it, anywhere under --dir. */
  claims: Map<string, string>;
  /** Every name in --dir itself, where new manifests go. */
  taken: string[];
}

/** Every manifest under --dir, parsed just enough to learn its LicenseArn. Fails closed on unreadable files. */
async function readManaged(dir: string): Promise<Managed | LicenseError[]> {
  const exists = await stat(dir).then(
    (info) => info.isDirectory() || 'file',
    () => false,
  );
  if (exists === 'file') return [licenseError('USAGE', `"${dir}" is not a directory; pass --dir`)];
  if (!exists) return { claims: new Map(), taken: [] };
  const { sources, errors } = await readManifestDir(dir);
  if (errors.length > 0) {
    const why = `import reads every manifest under ${dir} to find the licenses already managed; fix or move this file`;
    return errors.map((error) => ({ ...error, message: `${error.message}; ${why}` }));
  }
  const claims = new Map<string, string>();
  for (const { file, text } of sources) {
    const arn = claimedArn(text);
    if (arn !== undefined && !claims.has(arn)) claims.set(arn, file);
  }
  return { claims, taken: await readdir(dir) };
}

/** The LicenseArn a manifest claims; a file that isn't JSON (being edited) is searched for the member. */
function claimedArn(text: string): string | undefined {
  try {
    const value = JSON.parse(text) as { LicenseArn?: unknown } | null;
    return typeof value?.LicenseArn === 'string' ? value.LicenseArn : undefined;
  } catch {
    return /"LicenseArn"\s*:\s*"([^"\\]+)"/.exec(text)?.[1];
  }
}

/** --region, else the SDK's region (AWS_REGION, AWS_DEFAULT_REGION, the profile), else a USAGE error. */
async function chooseRegion(args: ImportArgs, io: Io, service: AwsLicenseService): Promise<string | LicenseError> {
  const region = args.region || io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION || (await service.defaultRegion());
  if (!region) {
    return licenseError(
      'USAGE',
      'no AWS region is configured; pass --region (e.g. --region us-east-1) or set AWS_REGION',
    );
  }
  if (args.verbose) log(io, `reading licenses in ${region}`);
  return region;
}

/** One license asked for and its read. */
interface Read {
  licenseArn: string;
  read: LiveRead;
}

async function listAll(
  service: AwsLicenseService,
  region: string,
  args: ImportArgs,
  io: Io,
): Promise<Read[] | LicenseError> {
  const listed = await service.listLicenses(region);
  if (!listed.ok) return listed.error;
  if (args.verbose) log(io, `ListLicenses in ${region}: ${listed.licenses.length} licenses`);
  return listed.licenses.map((license) => ({ licenseArn: String(license.LicenseArn), read: { ok: true, license } }));
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
async function writeManifests(reads: readonly Read[], managed: Managed, args: ImportArgs): Promise<ImportResult[]> {
  const decided = reads.map(({ licenseArn, read }): ImportResult | Pending => {
    if (!read.ok) return { licenseArn, outcome: 'failed', error: { ...read.error, licenseArn } };
    const file = managed.claims.get(licenseArn);
    if (file !== undefined && !args.force) return { licenseArn, outcome: 'skipped', file };
    const built = manifestFromLive(read.license);
    if (!built.ok) return { licenseArn, outcome: 'failed', error: { ...built.error, licenseArn } };
    return { licenseArn, document: built.document, ...(file !== undefined ? { file } : {}) };
  });
  const fresh = decided.filter((d): d is Pending => 'document' in d && d.file === undefined);
  const names = assignFileNames(
    fresh.map((p) => ({ licenseArn: p.licenseArn, licenseName: p.document.LicenseName })),
    managed.taken,
  );
  const schema = await schemaLocator();
  const results: ImportResult[] = [];
  for (const item of decided) {
    if (!('document' in item)) {
      results.push(item);
      continue;
    }
    const file = item.file ?? shown(path.join(args.dir, names.get(item.licenseArn) as string));
    results.push(await writeManifest(item, file, item.file === undefined ? 'wrote' : 'rewrote', schema));
  }
  return results;
}

/** Writes one manifest: a new file only if none exists, a rewrite by replacing the file whole. */
async function writeManifest(
  item: Pending,
  file: string,
  outcome: 'wrote' | 'rewrote',
  schema: (file: string) => string,
): Promise<ImportResult> {
  const text = renderManifest(item.document, schema(file));
  try {
    await mkdir(path.dirname(file), { recursive: true });
    if (outcome === 'wrote') await writeFile(file, text, { flag: 'wx' });
    else await replaceFile(file, text);
    return { licenseArn: item.licenseArn, outcome, file };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const message =
      code === 'EEXIST'
        ? `${file} appeared while importing; it was left as it is, run import again`
        : `${file} could not be written (${code})`;
    return {
      licenseArn: item.licenseArn,
      outcome: 'failed',
      error: licenseError('WRITE_FAILED', message, { file, licenseArn: item.licenseArn, cause: code, fault: 'user' }),
    };
  }
}

/** Writes beside the file, then renames over it, so a crash never leaves half a manifest. */
async function replaceFile(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * `$schema` for a manifest at `file`: the relative path to schemas/license.schema.json
 * when the working tree has one (looking up from the working directory to the git
 * top), else the schema's `$id` URL.
 */
async function schemaLocator(): Promise<(file: string) => string> {
  const local = await findSchemaFile(process.cwd());
  if (local === undefined) return () => SCHEMA_ID;
  return (file) => toPosix(path.relative(path.dirname(path.resolve(file)), local));
}

async function findSchemaFile(start: string): Promise<string | undefined> {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'schemas', 'license.schema.json');
    if (await isFile(candidate)) return candidate;
    const atTop = (await stat(path.join(dir, '.git')).catch(() => undefined)) !== undefined;
    if (atTop || path.dirname(dir) === dir) return undefined;
  }
}

function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
}

const LABELS: Record<Exclude<ImportOutcome, 'failed'>, 'green' | 'yellow' | 'dim'> = {
  wrote: 'green',
  rewrote: 'yellow',
  skipped: 'dim',
};

/** One line per license (failures on stderr), a summary, or the JSON report; the exit code. */
function report(io: Io, args: ImportArgs, results: readonly ImportResult[], errors: readonly LicenseError[]): number {
  const failures = [...errors, ...results.flatMap((r) => (r.error ? [r.error] : []))];
  const red = painter(io.stderr, io.env);
  for (const error of failures) io.stderr.write(`${red('red', 'error')} ${printable(formatError(error))}\n`);
  const count = (outcome: ImportOutcome) => results.filter((r) => r.outcome === outcome).length;
  if (args.json) writeJson(io, importJson(results, failures));
  else if (errors.length === 0) {
    const paint = stdoutPaint(io);
    for (const r of results) {
      if (r.outcome === 'failed') continue;
      const label = paint(LABELS[r.outcome], r.outcome.padEnd(7));
      const line =
        r.outcome === 'skipped' ? `${r.licenseArn}  already managed in ${r.file}` : `${r.file}  ${r.licenseArn}`;
      io.stdout.write(`${label}  ${printable(line)}\n`);
    }
    const summary = `${count('wrote')} written, ${count('rewrote')} rewritten, ${count('skipped')} already managed, ${count('failed')} failed`;
    io.stdout.write(`${results.length > 0 ? '\n' : ''}${paint('bold', 'Import:')} ${summary}.\n`);
  }
  return failures.length > 0 ? 1 : 0;
}

/** `{formatVersion, imported: [{file, licenseArn, rewritten?}], skipped: [{file, licenseArn, reason}], errors, summary}`. */
function importJson(results: readonly ImportResult[], errors: readonly LicenseError[]): object {
  const of = (outcome: ImportOutcome) => results.filter((r) => r.outcome === outcome);
  return {
    formatVersion: FORMAT_VERSION,
    imported: results
      .filter((r) => r.outcome === 'wrote' || r.outcome === 'rewrote')
      .map((r) => ({
        file: r.file,
        licenseArn: r.licenseArn,
        ...(r.outcome === 'rewrote' ? { rewritten: true } : {}),
      })),
    skipped: of('skipped').map((r) => ({ file: r.file, licenseArn: r.licenseArn, reason: 'already managed' })),
    errors,
    summary: {
      written: of('wrote').length,
      rewritten: of('rewrote').length,
      skipped: of('skipped').length,
      failed: of('failed').length,
    },
  };
}

/** The path relative to the working directory when inside it, with `/` separators. */
function shown(file: string): string {
  const absolute = path.resolve(file);
  const relative = path.relative(process.cwd(), absolute);
  const outside =
    relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return toPosix(outside ? absolute : relative);
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
