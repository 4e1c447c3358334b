/**
 * The git edge: what is committed, what changed, what is dirty, a file's
 * commits. Paths going in and out are relative to the repository's top level,
 * with forward slashes.
 */
import { simpleGit, type SimpleGit } from 'simple-git';
import { readBlobs, type Blob } from './blobs.js';

export interface ChangedFiles {
  /** Added or modified between the two commits. */
  changed: string[];
  /** Deleted between the two commits. */
  deleted: string[];
}

export interface FileCommit {
  /** The full commit hash. */
  commit: string;
  author: string;
  /** When it was written (author date, ISO 8601). */
  authorDate: string;
  /** When it was committed (committer date, ISO 8601): a version it declared was made after this. */
  committerDate: string;
  /** The file's path after the commit (top-level relative). */
  path: string;
  /** The file's blob after the commit; absent when the commit deleted it. */
  oid?: string;
}

/** The `--format` the parser reads: a record separator, then the fields apart by unit separators. */
const LOG_FORMAT = '%x1e%H%x1f%an%x1f%aI%x1f%cI';

const NO_OBJECT = /^0+$/;

/**
 * Parses `git log --raw -z --format=LOG_FORMAT` output. A commit with no raw
 * line for the file (a merge, which `--raw` leaves out) is skipped.
 */
function parseFileLog(out: string): FileCommit[] {
  const commits: FileCommit[] = [];
  for (const record of out.split('\x1e')) {
    const end = record.indexOf('\0');
    if (end < 0) continue;
    const [commit = '', author = '', authorDate = '', committerDate = ''] = record.slice(0, end).split('\x1f');
    const fields = record
      .slice(end + 1)
      .replace(/^\n/, '')
      .split('\0');
    const raw = fields[0] ?? '';
    if (!raw.startsWith(':')) continue;
    const [, , , newOid = '', status = ''] = raw.slice(1).split(' ');
    // A rename or copy names the old path, then the new one.
    const path = /^[RC]/.test(status) ? fields[2] : fields[1];
    if (!path || !/^[0-9a-f]{40}$/.test(commit)) continue;
    commits.push({
      commit,
      author,
      authorDate,
      committerDate,
      path,
      ...(NO_OBJECT.test(newOid) || status.startsWith('D') ? {} : { oid: newOid }),
    });
  }
  return commits;
}

export interface TreeFile {
  path: string;
  /** `100644`, `100755`, `120000` (a symbolic link), `160000` (a submodule). */
  mode: string;
  /** `blob`, or `commit` for a submodule. */
  type: string;
  /** The object id, for `readBlobs`. */
  oid: string;
  symlink: boolean;
}

export class GitRepository {
  private constructor(
    private readonly git: SimpleGit,
    /** Absolute path of the working tree's top level. */
    readonly top: string,
    /** The commit HEAD named when the repository was opened; undefined before the first commit. */
    readonly head: string | undefined,
  ) {}

  /**
   * The repository containing the directory `where`, and the commit its HEAD names, in one
   * call of git; undefined when it is not in a repository (or doesn't exist).
   */
  static async open(where: string): Promise<GitRepository | undefined> {
    let git: SimpleGit;
    try {
      git = simpleGit({ baseDir: where });
    } catch {
      return undefined; // `where` does not exist
    }
    const both = await git
      .raw(['rev-parse', '--show-toplevel', '--verify', '-q', '--end-of-options', 'HEAD^{commit}'])
      .catch(() => undefined);
    const [top, head] = both?.trim().split('\n') ?? [];
    if (top && head) return new GitRepository(simpleGit({ baseDir: top }), top, head);
    try {
      // Before the first commit (HEAD names none) the combined call fails: ask for the top alone.
      const alone = (await git.revparse(['--show-toplevel'])).trim();
      return new GitRepository(simpleGit({ baseDir: alone }), alone, undefined);
    } catch {
      return undefined;
    }
  }

  /** The full commit id `ref` names; throws with git's message when it names none. */
  async resolve(ref: string): Promise<string> {
    return (await this.git.revparse(['--verify', '--end-of-options', `${ref}^{commit}`])).trim();
  }

  /**
   * Uncommitted or untracked files under `dir`, and files git is told not to
   * look at (skip-worktree, assume-unchanged), whose edits `git status` hides.
   * A rename or copy names both its paths. `hidden` may come from a
   * `workingFiles` listing already asked for.
   */
  async dirtyFiles(
    dir: string,
    hidden: Promise<string[]> = this.workingFiles(dir).then((w) => w.hidden),
  ): Promise<string[]> {
    const [status, flagged] = await Promise.all([
      this.git.raw(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', dir]),
      hidden,
    ]);
    const fields = status.split('\0');
    const dirty: string[] = [];
    for (let i = 0; i < fields.length; i++) {
      const entry = fields[i]!;
      if (entry.length < 4) continue;
      dirty.push(entry.slice(3));
      if (/[RC]/.test(entry.slice(0, 2)) && i + 1 < fields.length) dirty.push(fields[++i]!); // the path it came from
    }
    return [...new Set([...dirty, ...flagged])];
  }

  /**
   * Files under `dir` git would commit (tracked, and untracked but not ignored),
   * and those of them marked skip-worktree (`S`) or assume-unchanged (a
   * lower-case tag): one `git ls-files` for both.
   */
  async workingFiles(dir: string): Promise<{ files: string[]; hidden: string[] }> {
    const out = await this.git.raw(['ls-files', '-v', '-z', '--cached', '--others', '--exclude-standard', '--', dir]);
    const entries = out.split('\0').filter((entry) => entry.length > 2);
    const hidden = entries
      .filter((entry) => entry[0] === 'S' || /[a-z]/.test(entry[0]!))
      .map((entry) => entry.slice(2));
    return { files: [...new Set(entries.map((entry) => entry.slice(2)))], hidden };
  }

  /** Every file under `dir` at `commit`: its mode, type and object id (`git ls-tree -z`, so any path is safe). */
  async listFiles(commit: string, dir: string): Promise<TreeFile[]> {
    return parseTree(await this.git.raw(['ls-tree', '-r', '-z', '--end-of-options', commit, '--', dir]));
  }

  /** Those of `paths` (exact file paths, never patterns) that `commit` holds, with their modes and object ids. */
  async filesAt(commit: string, paths: readonly string[]): Promise<TreeFile[]> {
    if (paths.length === 0) return [];
    const out = await this.git.raw([
      '--literal-pathspecs',
      'ls-tree',
      '-z',
      '--end-of-options',
      commit,
      '--',
      ...paths,
    ]);
    const wanted = new Set(paths);
    return parseTree(out).filter((file) => wanted.has(file.path));
  }

  /** Files under `dir` added, modified or deleted from `base` to `head` (renames count as delete + add). */
  async changedFiles(base: string, head: string, dir: string): Promise<ChangedFiles> {
    const out = await this.git.raw(['diff', '--name-status', '-z', '--no-renames', base, head, '--', dir]);
    const fields = out.split('\0').filter(Boolean);
    const result: ChangedFiles = { changed: [], deleted: [] };
    for (let i = 0; i + 1 < fields.length; i += 2) {
      (fields[i] === 'D' ? result.deleted : result.changed).push(fields[i + 1]!);
    }
    return result;
  }

  /** Files renamed (moved) from `base` to `head` anywhere in the repository: old path → new path. */
  async renamedFiles(base: string, head: string): Promise<Map<string, string>> {
    const out = await this.git.raw(['diff', '--name-status', '-z', '-M', '--diff-filter=R', base, head]);
    const fields = out.split('\0').filter(Boolean);
    const renamed = new Map<string, string>();
    for (let i = 0; i + 2 < fields.length; i += 3) renamed.set(fields[i + 1]!, fields[i + 2]!);
    return renamed;
  }

  /**
   * The last `max` commits of `head` that touched `file` (followed across renames), newest first.
   * With `--raw -z` each names the blob the file held after it (by object id, for `readBlobs`)
   * and the path it had then, whatever the path holds.
   */
  async fileLog(head: string, file: string, max: number): Promise<FileCommit[]> {
    const out = await this.git.raw([
      '--literal-pathspecs',
      'log',
      '--follow',
      '--raw',
      '--no-abbrev',
      '-z',
      `--format=${LOG_FORMAT}`,
      `--max-count=${max}`,
      '--end-of-options',
      head,
      '--',
      file,
    ]);
    return parseFileLog(out);
  }

  /** The blobs `oids` name (object ids from `listFiles`, never paths); one over `maxBytes` is not read. */
  readBlobs(oids: readonly string[], maxBytes: number): Promise<Blob[]> {
    return readBlobs(this.top, oids, maxBytes);
  }
}

/** `git ls-tree -z` output: `<mode> <type> <oid>\t<path>` entries, NUL-terminated, so any path is safe. */
function parseTree(out: string): TreeFile[] {
  return out
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const tab = entry.indexOf('\t');
      const [mode = '', type = '', oid = ''] = entry.slice(0, tab).split(' ');
      return { path: entry.slice(tab + 1), mode, type, oid, symlink: mode === '120000' };
    });
}
