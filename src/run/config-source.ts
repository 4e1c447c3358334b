/**
 * Which configuration a run obeys, and whether a commit vouches for it. The
 * file is found as in the working tree (`--config`, else license-gitops.json
 * from the working directory up to the git top level) and, at the same time,
 * in the commit reconciled (HEAD or --ref) by the same search. What is read is
 * either the working tree's text or the commit's blob, by object id, like the
 * manifests. Whether the two agree is reported (`uncommitted`), never decided
 * here: apply refuses a configuration no commit vouches for unless --allow-dirty.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import {
  CONFIG_FILE,
  MAX_CONFIG_BYTES,
  directoryBound,
  findConfig,
  parseConfig,
  readConfig,
  type Config,
} from '../config/load.js';
import { blobId } from '../git/blobs.js';
import { GitRepository, type TreeFile } from '../git/repository.js';
import { isOutside, shownPath, toPosix } from '../paths.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';

/** Where the configuration came from. */
export interface ConfigOrigin {
  /** The file read, from the repository's top level with `/` (absolute outside git); absent when there is none. */
  path?: string;
  /** The git object id of the text read (`blobId`, in git or not): a saved plan names exactly the configuration it was made with. */
  blob?: string;
  /** Why the commit does not hold the configuration the working tree has, when it does not. */
  uncommitted?: Uncommitted;
  /** Whether a commit holds exactly the configuration read (or, with none, holds none either). */
  vouched: boolean;
}

/** A configuration file (as shown to the user) and what keeps a commit from vouching for it, as a clause. */
export interface Uncommitted {
  file: string;
  clause: string;
}

export interface ConfigSourceOptions {
  cwd: string;
  /** `--config FILE`, relative to `cwd`. */
  file?: string;
  /** Read the commit's blob (`commit`) or the file on disk (`working-tree`). */
  from: 'commit' | 'working-tree';
  /** The commit compared with and, with `from: 'commit'`, read: this ref, else HEAD. */
  ref?: string;
}

export type ConfigRead = { ok: true; config: Config; origin: ConfigOrigin } | { ok: false; errors: LicenseError[] };

const NONE: Config = { ignore: [], ignoreFiles: [] };

export async function readRunConfig(options: ConfigSourceOptions): Promise<ConfigRead> {
  const cwd = await realpath(path.resolve(options.cwd)).catch(() => path.resolve(options.cwd));
  const onDisk = options.file ? path.resolve(cwd, options.file) : await findConfig(cwd);
  const repo = await GitRepository.open(cwd);
  const commit = options.ref === undefined ? repo?.head : await repo?.resolve(options.ref).catch(() => undefined);
  if (!repo || (onDisk && isOutside(path.relative(repo.top, onDisk)))) {
    // No commit can hold this file: it is read from disk, and vouched for only when there is none.
    if (!onDisk) return none({ vouched: true });
    const shown = shownPath(onDisk, cwd);
    const clause = repo ? 'is outside the repository' : 'is not in a git repository';
    const text = await readConfig(onDisk, shown, Boolean(options.file));
    const blob = typeof text === 'string' ? { blob: blobId(text) } : {};
    const origin = { path: toPosix(onDisk), ...blob, uncommitted: { file: shown, clause }, vouched: false };
    return fromText(text, onDisk, cwd, origin, await directoryBound(onDisk));
  }
  const candidates = options.file ? [onDisk!] : foldersUp(cwd, repo.top).map((dir) => path.join(dir, CONFIG_FILE));
  const committed = commit ? await committedConfig(repo, commit, candidates) : undefined;
  if (committed && !('oid' in committed)) return { ok: false, errors: [committed] };
  const diskText = onDisk ? await readConfig(onDisk, shownPath(onDisk, cwd), Boolean(options.file)) : undefined;
  if (typeof diskText === 'object') return { ok: false, errors: [diskText] };
  const commitText = committed ? await blobText(repo, committed) : undefined;
  if (typeof commitText === 'object') return { ok: false, errors: [commitText] };
  const atCommit = committed ? path.join(repo.top, committed.path) : undefined;
  const uncommitted = mismatch(onDisk, diskText, atCommit, commitText, cwd, options.ref ?? 'HEAD');
  const [file, text] = options.from === 'commit' ? [atCommit, commitText] : [onDisk, diskText];
  const origin: ConfigOrigin = {
    ...(file && text !== undefined ? { path: toPosix(path.relative(repo.top, file)), blob: blobId(text, commit) } : {}),
    ...(uncommitted ? { uncommitted } : {}),
    vouched: options.from === 'commit' ? commit !== undefined : uncommitted === undefined && commit !== undefined,
  };
  return file && text !== undefined ? fromText(text, file, cwd, origin, repo.top) : none(origin);
}

/** Why the working tree's configuration is not the commit's, or undefined when it is. */
function mismatch(
  onDisk: string | undefined,
  diskText: string | undefined,
  atCommit: string | undefined,
  commitText: string | undefined,
  cwd: string,
  ref: string,
): Uncommitted | undefined {
  const shown = (file: string) => shownPath(file, cwd);
  if (!onDisk && !atCommit) return undefined;
  if (!atCommit)
    return { file: shown(onDisk!), clause: `is not committed at ${ref} (untracked, ignored, or added since)` };
  if (!onDisk) return { file: shown(atCommit), clause: `is committed at ${ref} but missing from the working tree` };
  if (onDisk !== atCommit)
    return { file: shown(onDisk), clause: `is not committed at ${ref}, where the nearest is ${shown(atCommit)}` };
  if (lines(diskText!) === lines(commitText!)) return undefined;
  return { file: shown(onDisk), clause: ref === 'HEAD' ? 'has uncommitted changes' : `differs from ${ref}'s` };
}

/** Line ends don't change JSON: a checkout that turns LF into CRLF leaves the configuration as committed. */
const lines = (text: string) => text.replace(/\r\n/g, '\n');

/** The nearest of `candidates` (absolute, nearest first) that `commit` holds; an error when it holds it as a link. */
async function committedConfig(
  repo: GitRepository,
  commit: string,
  candidates: string[],
): Promise<TreeFile | LicenseError | undefined> {
  const relative = candidates.map((file) => toPosix(path.relative(repo.top, file)));
  const held = await repo.filesAt(commit, relative);
  const nearest = relative.map((p) => held.find((f) => f.path === p)).find((f) => f !== undefined);
  if (!nearest || (nearest.type === 'blob' && !nearest.symlink)) return nearest;
  const message = `${nearest.path} is not a file in commit ${commit} (a link or a submodule)`;
  return licenseError('CONFIG_INVALID', message, { file: nearest.path });
}

async function blobText(repo: GitRepository, file: TreeFile): Promise<string | LicenseError> {
  const [blob] = await repo.readBlobs([file.oid], MAX_CONFIG_BYTES);
  if (blob?.ok) return blob.bytes.toString('utf8');
  const why = blob?.reason === 'too-large' ? `is larger than ${MAX_CONFIG_BYTES} bytes` : 'could not be read from git';
  return licenseError('CONFIG_INVALID', `the configuration ${why}`, { file: file.path });
}

/** `cwd` and each folder above it, up to and including `top`. */
function foldersUp(cwd: string, top: string): string[] {
  const folders: string[] = [];
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    folders.push(dir);
    if (dir === top || path.dirname(dir) === dir || isOutside(path.relative(top, dir))) return folders;
  }
}

function fromText(
  text: string | LicenseError,
  file: string,
  cwd: string,
  origin: ConfigOrigin,
  within: string,
): ConfigRead {
  if (typeof text !== 'string') return { ok: false, errors: [text] };
  const parsed = parseConfig(text, file, shownPath(file, cwd), within);
  return parsed.ok ? { ok: true, config: parsed.config, origin } : { ok: false, errors: parsed.errors };
}

function none(origin: ConfigOrigin): ConfigRead {
  return { ok: true, config: NONE, origin };
}
