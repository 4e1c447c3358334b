/**
 * The manifests a commit holds, read through git: the tree listed with
 * `git ls-tree -z` and each blob read by its object id, so nothing in the
 * working tree (ignored, untracked, skip-worktree or assume-unchanged files,
 * uncommitted edits) can get in, and no path is ever parsed from a line.
 * Files are selected by the same rule as the directory walk (`isManifestPath`),
 * bounded by the same size, and must be UTF-8.
 */
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { MAX_MANIFEST_BYTES, isManifestPath } from '../manifests/source.js';
import type { GitRepository, TreeFile } from './repository.js';

interface TreeProblem {
  path: string;
  /** What is wrong, as a clause following the file name. */
  clause: string;
}

interface TreeRead {
  /** Each file's path from the repository's top level (with `/`), and its text. */
  files: { path: string; text: string }[];
  problems: TreeProblem[];
  /** Whether `dir` is a folder of the commit at all (git keeps no empty folder, so: whether anything is in it). */
  folder: boolean;
}

/** Every manifest under `dir` (top-level relative, `.` for the top) at `commit`. */
export async function readTreeManifests(repo: GitRepository, commit: string, dir: string): Promise<TreeRead> {
  const listed = await repo.listFiles(commit, dir);
  const byPath = new Map(listed.map((f) => [f.path, f]));
  const selected = listed.filter((f) => isManifestPath(below(dir, f.path)));
  const problems: TreeProblem[] = [];
  // A link's blob is its target, resolved below; a submodule is a folder to the directory walk, which skips it.
  const blobs = selected.filter((f) => f.type === 'blob');
  const texts = await readAll(repo, blobs, problems);
  const links = selected.filter((f) => f.symlink && texts.has(f.path));
  const linked = await resolveLinks(repo, links, texts, byPath, dir, problems);
  const files: TreeRead['files'] = [];
  for (const file of selected) {
    const bytes = file.symlink ? linked.get(file.path) : texts.get(file.path);
    if (!bytes) continue;
    if (!isUtf8(bytes)) problems.push({ path: file.path, clause: 'is not UTF-8 text' });
    else files.push({ path: file.path, text: bytes.toString('utf8') });
  }
  // Git keeps no empty folder: `dir` is one when something lies below it (a file, link or submodule at `dir` is not).
  return { files, problems, folder: dir === '.' || listed.some((f) => f.path.startsWith(`${dir}/`)) };
}

/**
 * A committed symbolic link to a regular `*.json` file inside the manifest
 * directory is read as that file, as the directory walk does; one pointing
 * anywhere else is refused.
 */
async function resolveLinks(
  repo: GitRepository,
  links: readonly TreeFile[],
  texts: ReadonlyMap<string, Buffer>,
  byPath: ReadonlyMap<string, TreeFile>,
  dir: string,
  problems: TreeProblem[],
): Promise<Map<string, Buffer>> {
  const targets: { path: string; oid: string }[] = [];
  for (const link of links) {
    const text = texts.get(link.path)!.toString('utf8');
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(link.path), text));
    const file = byPath.get(target);
    const inside =
      !path.posix.isAbsolute(text) &&
      target !== '..' &&
      !target.startsWith('../') &&
      (dir === '.' || target.startsWith(`${dir}/`));
    if (!file || file.type !== 'blob' || file.symlink || !inside || !isManifestPath(below(dir, target))) {
      problems.push({
        path: link.path,
        clause: 'is a symbolic link in git to something other than a manifest inside the manifest directory',
      });
    } else targets.push({ path: link.path, oid: file.oid });
  }
  return readAll(repo, targets, problems);
}

/** The bytes of each blob by its `path`; one that can't be read (or is too large) is a problem. */
async function readAll(
  repo: GitRepository,
  wanted: readonly { path: string; oid: string }[],
  problems: TreeProblem[],
): Promise<Map<string, Buffer>> {
  const oids = wanted.map((w) => w.oid);
  const blobs = await repo.readBlobs(oids, MAX_MANIFEST_BYTES);
  const read = new Map<string, Buffer>();
  wanted.forEach((w, i) => {
    const blob = blobs[i]!;
    if (blob.ok) read.set(w.path, blob.bytes);
    else
      problems.push({
        path: w.path,
        clause:
          blob.reason === 'too-large'
            ? `is larger than ${MAX_MANIFEST_BYTES} bytes; a manifest is a few KB`
            : 'could not be read from git',
      });
  });
  return read;
}

/** `file` relative to `dir` (both top-level relative). */
function below(dir: string, file: string): string {
  return dir === '.' || dir === '' ? file : file.startsWith(`${dir}/`) ? file.slice(dir.length + 1) : file;
}
