/**
 * The git edge: what is committed, what changed, what is dirty. Paths going in
 * and out are relative to the repository's top level, with forward slashes.
 */
import { spawn } from 'node:child_process';
import type { SimpleGit } from 'simple-git';

export interface ChangedFiles {
  /** Added or modified between the two commits. */
  changed: string[];
  /** Deleted between the two commits. */
  deleted: string[];
}

export interface TreeFile {
  path: string;
  symlink: boolean;
}

export class GitRepository {
  private constructor(
    private readonly git: SimpleGit,
    /** Absolute path of the working tree's top level. */
    readonly top: string,
  ) {}

  /** The repository containing the directory `where`, or undefined when it is not in one (or doesn't exist). */
  static async open(where: string): Promise<GitRepository | undefined> {
    const { simpleGit } = await import('simple-git'); // loaded only by commands that use git
    try {
      const git = simpleGit({ baseDir: where });
      const top = (await git.revparse(['--show-toplevel'])).trim();
      return new GitRepository(simpleGit({ baseDir: top }), top);
    } catch {
      return undefined;
    }
  }

  /** The full commit id `ref` names; throws with git's message when it names none. */
  async resolve(ref: string): Promise<string> {
    return (await this.git.revparse(['--verify', '--end-of-options', `${ref}^{commit}`])).trim();
  }

  /** Uncommitted or untracked files under `dir`. */
  async dirtyFiles(dir: string): Promise<string[]> {
    const out = await this.git.raw(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', dir]);
    return out
      .split('\0')
      .filter((entry) => entry.length > 3)
      .map((entry) => entry.slice(3));
  }

  /** Every file under `dir` at `commit`, and whether it is a symbolic link. */
  async listFiles(commit: string, dir: string): Promise<TreeFile[]> {
    const out = await this.git.raw(['ls-tree', '-r', '-z', commit, '--', dir]);
    return out
      .split('\0')
      .filter(Boolean)
      .map((entry) => {
        const tab = entry.indexOf('\t');
        return { path: entry.slice(tab + 1), symlink: entry.startsWith('120000 ') };
      });
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

  /**
   * The contents of `paths` at `commit`, read through one `git cat-file --batch`
   * process: simple-git offers no batch read, and one process per file would
   * make large repositories slow.
   */
  readFiles(commit: string, paths: readonly string[]): Promise<Map<string, string>> {
    return catFileBatch(
      this.top,
      paths.map((p) => `${commit}:${p}`),
    ).then((blobs) => new Map(paths.map((p, i) => [p, blobs[i] ?? ''])));
  }
}

function catFileBatch(cwd: string, objects: readonly string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file exited with ${code}`));
      resolve(parseBatch(Buffer.concat(chunks), objects.length));
    });
    child.stdin.end(objects.map((o) => `${o}\n`).join(''));
  });
}

/** Splits `git cat-file --batch` output: `<oid> <type> <size>\n<content>\n` or `<name> missing\n`. */
function parseBatch(out: Buffer, count: number): string[] {
  const texts: string[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const size = Number(header.split(' ')[2]);
    if (header.endsWith(' missing') || !Number.isFinite(size)) {
      texts.push('');
      continue;
    }
    texts.push(out.subarray(at, at + size).toString('utf8'));
    at += size + 1;
  }
  return texts;
}
