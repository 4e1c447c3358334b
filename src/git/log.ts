/**
 * A manifest's commits, newest first: `git log --follow --raw -z`, so each
 * commit names the blob the file held after it (by object id, read with
 * `readBlobs`) and the path it had then, whatever the path holds.
 */

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
export const LOG_FORMAT = '%x1e%H%x1f%an%x1f%aI%x1f%cI';

const NO_OBJECT = /^0+$/;

/**
 * Parses `git log --raw -z --format=LOG_FORMAT` output. A commit with no raw
 * line for the file (a merge, which `--raw` leaves out) is skipped.
 */
export function parseFileLog(out: string): FileCommit[] {
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
