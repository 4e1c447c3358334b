/**
 * Which manifests a run reconciles: the working tree (default) or a commit
 * (`--ref`), optionally limited to those changed since a base (`--changed-since`).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigChange } from '../config/change.js';
import { GitRepository } from '../git/repository.js';
import { claimedArn, declaredRegion } from '../manifests/managed.js';
import { MAX_MANIFEST_BYTES, readManifestDir, type ManifestSource } from '../manifests/source.js';
import { readTreeManifests } from '../git/tree.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { RemovedManifest } from '../reconcile/types.js';
import { emptiedByGit, missingDir, notAFolderError } from './manifest-folder.js';
import { PathMap } from './path-map.js';
import type { SourceSet } from './pipeline.js';

export interface SourceOptions {
  dir: string;
  cwd?: string;
  /** Read manifests as committed at this ref instead of the working tree. */
  ref?: string;
  /** Limit the run to manifests added or changed between this ref and HEAD (or --ref). */
  changedSince?: string;
  /**
   * Attribute each planned license to a change of its manifest since this ref, or to
   * drift (`plan --base`); unlike `changedSince`, nothing is left out of the plan.
   */
  base?: string;
  /** With `base`: how the configuration changed since it (settings.ts reads it), a cause like a manifest's change. */
  configChange?: ConfigChange;
  /**
   * Read HEAD's manifests through git, not the working tree (apply): what is
   * committed is what is applied. `dirty` still lists uncommitted changes.
   */
  committed?: boolean;
  /**
   * A saved plan is applied as reviewed: its deletes may be of the last manifests,
   * whose folder git removed with them, and what it plans is checked against the
   * commit anyway (verify-plan.ts).
   */
  folderMayBeGone?: boolean;
}

export interface ManifestSet extends SourceSet {
  /** Uncommitted or untracked manifests in the working tree (empty with --ref). */
  dirty: string[];
  /** Manifests deleted since --changed-since (or --base). */
  removed: RemovedManifest[];
  /** Whether the manifests are in a git repository at all. */
  inGit: boolean;
  /** The repository's top level (absolute), when they are. */
  top?: string;
}

export async function loadManifestSet(options: SourceOptions): Promise<ManifestSet> {
  const cwd = options.cwd ?? process.cwd();
  // The repository holding the manifests, found from the directory, or the nearest folder above it
  // that exists: git removes a folder with its last file, so a prune of the last manifest leaves none.
  const repo = await GitRepository.open(await nearestExisting(path.resolve(cwd, options.dir)));
  if (!repo) {
    if (options.ref || options.changedSince || options.base)
      return usage('--ref, --changed-since and --base need a git repository; run inside one');
    return { ...(await readManifestDir(path.resolve(cwd, options.dir))), dirty: [], removed: [], inGit: false };
  }
  const paths = new PathMap(repo.top, cwd, options.dir);
  const head = options.ref ? await resolveOrError(repo, options.ref, '--ref') : repo.head;
  if (typeof head === 'object') return { ...head, inGit: true };
  const base = options.ref
    ? await fromCommit(repo, head!, paths)
    : options.committed
      ? await committedHead(repo, head, paths)
      : await fromWorkingTree(repo, paths, cwd, options.dir);
  const source = 'workingTree' in base && base.workingTree ? { workingTree: true } : head ? { commit: head } : {};
  const missing = await missingDir(cwd, options, 'folder' in base ? base.folder : undefined, head);
  const errors = [...base.errors, ...missing];
  const read: ManifestSet = { removed: [], inGit: true, ...base, ...source, errors, top: repo.top };
  // The working tree's own changes are changes too, when it is what is reconciled.
  const uncommitted = options.ref || options.committed ? [] : read.dirty;
  const attributed = options.base ? await sinceRef(repo, options.base, '--base', head, paths, uncommitted) : undefined;
  if (attributed && 'errors' in attributed) return { ...read, ...attributed };
  const withBase = attributed
    ? {
        ...read,
        base: options.base,
        // A manifest deleted since the base changed too: pruning its license is the pull request's doing.
        changed: new Set([...attributed.changed, ...attributed.removed.map((r) => r.file)]),
        removed: attributed.removed,
        ...(options.configChange ? { configChange: options.configChange } : {}),
      }
    : read;
  if (!options.changedSince) return emptiedByGit(withBase, attributed?.moved);
  const narrowed = await sinceRef(repo, options.changedSince, '--changed-since', head, paths, []);
  if ('errors' in narrowed) return { ...withBase, ...narrowed };
  return emptiedByGit({ ...withBase, only: narrowed.changed, removed: narrowed.removed }, narrowed.moved);
}

/** Manifests added or changed (and deleted) between `ref` and the commit reconciled, plus `uncommitted` ones. */
async function sinceRef(
  repo: GitRepository,
  ref: string,
  option: string,
  head: string | undefined,
  paths: PathMap,
  uncommitted: readonly string[],
): Promise<
  { changed: Set<string>; removed: RemovedManifest[]; moved: () => Promise<string[]> } | { errors: LicenseError[] }
> {
  const since = await resolveOrError(repo, ref, option);
  if (typeof since === 'object') return { errors: since.errors };
  const changes = await repo.changedFiles(since, head ?? 'HEAD', paths.gitDir);
  const changed = new Set([...changes.changed.filter(paths.selects).map((p) => paths.user(p)), ...uncommitted]);
  const deleted = changes.deleted.filter(paths.selects);
  const removed = await removedManifests(repo, since, deleted, paths);
  // Deleted manifests that git sees moved elsewhere (`old → new`), asked only when their folder is gone.
  const moved = async () => {
    const renamed = await repo.renamedFiles(since, head ?? 'HEAD');
    return deleted.flatMap((p) => {
      const to = renamed.get(p);
      return to === undefined ? [] : [`${paths.user(p)} → ${paths.user(to)}`];
    });
  };
  return { changed, removed, moved };
}

/**
 * The working tree, as git would commit it: the files the directory walk finds
 * that git tracks or would add, so a git-ignored file is never read. Files git
 * is told not to look at count as uncommitted changes.
 */
async function fromWorkingTree(repo: GitRepository, paths: PathMap, cwd: string, dir: string) {
  const listing = repo.workingFiles(paths.gitDir);
  const hidden = listing.then((w) => w.hidden);
  const [read, dirtyFiles, working] = await Promise.all([
    readManifestDir(path.resolve(cwd, dir)),
    repo.dirtyFiles(paths.gitDir, hidden),
    listing,
  ]);
  const selected = new Set(working.files.map((p) => paths.user(p)));
  const dirty = dirtyFiles.filter(paths.selects).map((p) => paths.user(p));
  // Git lists a link or a submodule at the folder itself, and nothing below it: no manifest it holds is committed.
  const notAFolder = working.files.includes(paths.gitDir) ? [notAFolderError(dir, 'in git')] : [];
  return {
    sources: read.sources.filter((s) => selected.has(s.file)),
    errors: [...notAFolder, ...read.errors.filter((e) => !e.file || !isManifest(e.file) || selected.has(e.file))],
    dirty,
    ...(dirty.length > 0 ? { workingTree: true } : {}),
  };
}

/** HEAD's manifests through git; before the first commit there are none. */
async function committedHead(repo: GitRepository, head: string | undefined, paths: PathMap) {
  const dirty = (await repo.dirtyFiles(paths.gitDir)).filter(paths.selects).map((p) => paths.user(p));
  if (!head) return { sources: [], errors: [], dirty };
  return { ...(await fromCommit(repo, head, paths)), dirty };
}

/** The manifests as committed at `commit`, read by object id (`git/tree.ts`). */
async function fromCommit(repo: GitRepository, commit: string, paths: PathMap) {
  const read = await readTreeManifests(repo, commit, paths.gitDir);
  const errors: LicenseError[] = read.problems.map((p) =>
    licenseError('MANIFEST_UNREADABLE', `${paths.user(p.path)} ${p.clause}`, { file: paths.user(p.path) }),
  );
  const sources: ManifestSource[] = read.files.map((f) => ({ file: paths.user(f.path), text: f.text }));
  return { sources, errors, dirty: [] as string[], folder: read.folder };
}

async function removedManifests(repo: GitRepository, since: string, deleted: string[], paths: PathMap) {
  const gone = new Set(deleted);
  const listed = (await repo.listFiles(since, paths.gitDir)).filter((f) => gone.has(f.path) && f.type === 'blob');
  const oids = listed.map((f) => f.oid);
  const blobs = await repo.readBlobs(oids, MAX_MANIFEST_BYTES);
  const texts = new Map(listed.map((f, i) => [f.path, blobs[i]!]));
  return deleted.map((p): RemovedManifest => {
    const blob = texts.get(p);
    const text = blob?.ok ? blob.bytes.toString('utf8') : '';
    const licenseArn = claimedArn(text);
    const homeRegion = declaredRegion(text);
    return { file: paths.user(p), ...(licenseArn ? { licenseArn } : {}), ...(homeRegion ? { homeRegion } : {}) };
  });
}

async function resolveOrError(repo: GitRepository, ref: string, option: string): Promise<string | ManifestSet> {
  try {
    return await repo.resolve(ref);
  } catch {
    return usage(
      `${option} ${ref} names no commit in this repository; fetch it (actions/checkout: fetch-depth: 0) or fix the ref`,
    );
  }
}

function usage(message: string): ManifestSet {
  return { sources: [], errors: [licenseError('USAGE', message)], dirty: [], removed: [], inGit: false };
}

const isManifest = (p: string) => p.endsWith('.json');

/** `dir`, or the nearest folder above it that exists. */
async function nearestExisting(dir: string): Promise<string> {
  for (let at = dir; ; at = path.dirname(at)) {
    const found = await stat(at).catch(() => undefined);
    if (found?.isDirectory()) return at;
    if (path.dirname(at) === at) return at;
  }
}

/** The commit `ref` (default HEAD) names in the repository around `where`, if any. */
export async function commitOf(ref?: string, where = process.cwd()): Promise<{ commit?: string }> {
  const repo = await GitRepository.open(await nearestExisting(where));
  if (!repo) return {};
  if (ref === undefined) return repo.head ? { commit: repo.head } : {};
  try {
    return { commit: await repo.resolve(ref) };
  } catch {
    return {};
  }
}

/**
 * Apply reconciles what is committed: uncommitted manifests are refused, and so
 * is a directory outside any git repository (nothing says what is committed),
 * with how to proceed (`outsideGit`: what to do when there is no git repository at all).
 */
export function dirtyTreeError(
  set: ManifestSet,
  dir: string,
  howToProceed: string,
  outsideGit = howToProceed,
): LicenseError | undefined {
  if (!set.inGit && set.errors.length === 0) {
    const message = `${dir} is not in a git repository, so nothing says what is committed; apply reconciles what is committed. ${outsideGit}`;
    return licenseError('DIRTY_TREE', message);
  }
  if (set.dirty.length === 0) return undefined;
  const message = `${dir} has uncommitted changes (${set.dirty.join(', ')}); apply reconciles what is committed. ${howToProceed}`;
  return licenseError('DIRTY_TREE', message);
}
