/**
 * `license-gitops history FILE|ARN [--limit N] [--json]`: a license's
 * versions, newest first, each with the commit of its manifest that declared
 * it, or flagged as made outside the repository. Given an ARN, the manifest
 * under --dir that declares it is followed. Read-only.
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { claimedArn, declaredRegion } from '../manifests/managed.js';
import { readManifest, readManifestDir } from '../manifests/source.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { historyJson, renderHistory } from '../render/history.js';
import { readHistory } from '../run/history.js';
import { gitHubAccess, pullRequestsOf, type PullRequestRef } from '../run/pull-requests.js';
import { fail, log, printReport, type AwsArgs, type Io } from './context.js';
import { makeService } from './service.js';

interface HistoryArgs extends AwsArgs {
  target: string;
  limit: number;
}

export async function historyCommand(args: HistoryArgs, io: Io): Promise<number> {
  const found = await findManifest(args);
  if (!found.ok) return fail(io, args, found.errors);
  const { file, licenseArn, region } = found;
  const ignore = [...(args.ignore ?? []), ...(args.ignoreFor?.(file) ?? [])];
  const service = makeService(args, io);
  try {
    const read = await readHistory({ file, licenseArn, region, limit: args.limit, ignore }, service);
    if (!read.ok) return fail(io, args, read.errors);
    const commits = read.history.versions.flatMap((v) => (v.commit ? [v.commit.commit] : []));
    const pulls = await pullRequests(commits, io);
    printReport(io, args, historyJson(read.history, pulls, region), (paint) =>
      renderHistory(read.history, pulls, paint),
    );
    return 0;
  } finally {
    service.destroy();
  }
}

type Found = { ok: true; file: string; licenseArn: string; region: string } | { ok: false; errors: LicenseError[] };

/** The manifest named (FILE), or the one under --dir declaring the ARN, with its LicenseArn and HomeRegion. */
async function findManifest(args: HistoryArgs): Promise<Found> {
  if (args.target.startsWith('arn:')) return byArn(args.target, args.dir);
  const text = await readFile(args.target, 'utf8').catch(() => undefined);
  if (text === undefined) {
    const message = 'could not be read; name a manifest file or a LicenseArn';
    return { ok: false, errors: [licenseError('USAGE', message, { file: args.target })] };
  }
  const licenseArn = claimedArn(text);
  if (!licenseArn) {
    const message =
      'declares no LicenseArn, so it has no versions: a license not created yet (apply creates it), or a product template (name a manifest that uses it)';
    return { ok: false, errors: [licenseError('USAGE', message, { file: args.target })] };
  }
  return located(args.target, licenseArn, text);
}

async function byArn(arn: string, dir: string): Promise<Found> {
  const { sources, errors } = await readManifestDir(path.resolve(dir));
  const declaring = sources.filter((s) => claimedArn(s.text) === arn);
  if (declaring.length === 1) return located(declaring[0]!.file, arn, declaring[0]!.text);
  if (declaring.length > 1) {
    const files = declaring.map((s) => s.file).join(', ');
    const message = `${files} all declare this LicenseArn; keep it in one manifest, then ask again`;
    return { ok: false, errors: [licenseError('DUPLICATE_ARN', message, { licenseArn: arn })] };
  }
  if (errors.length > 0) return { ok: false, errors };
  const message = `no manifest under ${dir} declares this LicenseArn; history follows a license through the commits of its manifest (import it first, or pass --dir)`;
  return { ok: false, errors: [licenseError('NOT_FOUND', message, { licenseArn: arn })] };
}

function located(file: string, licenseArn: string, text: string): Found {
  // A license lives in its HomeRegion (its manifest's, else its template's); an ARN names its region too (the demo's leave it empty).
  const region = declaredRegion(text) || templateRegion(file, text) || licenseArn.split(':')[3] || '';
  if (region) return { ok: true, file, licenseArn, region };
  const message =
    'names no HomeRegion (nor does its template), so where to read the license is unknown; add HomeRegion';
  return { ok: false, errors: [licenseError('USAGE', message, { file, licenseArn })] };
}

/** The HomeRegion of the product template the manifest names, if it names one that can be read. */
function templateRegion(file: string, text: string): string | undefined {
  let ref: unknown;
  try {
    ref = (JSON.parse(text) as { $template?: unknown } | null)?.$template;
  } catch {
    return undefined;
  }
  if (typeof ref !== 'string' || !ref.endsWith('.json') || path.isAbsolute(ref)) return undefined;
  const absolute = path.resolve(path.dirname(file), ref);
  // A regular file only: a FIFO or a device would block or never end.
  if (!statSync(absolute, { throwIfNoEntry: false })?.isFile()) return undefined;
  const template = readManifest(absolute, ref);
  return 'text' in template ? declaredRegion(template.text) : undefined;
}

/** Pull requests of the matched commits, when GitHub access is given; a failure is a note, never an error. */
async function pullRequests(commits: string[], io: Io): Promise<Map<string, PullRequestRef>> {
  const access = gitHubAccess(io.env);
  if (!access || commits.length === 0) return new Map();
  const { found, problem } = await pullRequestsOf(commits, access);
  if (problem) log(io, `note: pull requests not looked up further: ${problem}`);
  return found;
}
