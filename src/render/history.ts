/** `history` output: one line per version, newest first, and the same as JSON. Outside text is escaped here. */
import type { VersionMatch } from '../reconcile/history.js';
import type { LicenseHistory } from '../run/history.js';
import type { PullRequestRef } from '../run/pull-requests.js';
import { escapeText } from './escape.js';
import { FORMAT_VERSION } from '../reconcile/plan-file.js';
import type { Paint } from './style.js';
import { count } from './summary.js';

type PullRequests = ReadonlyMap<string, PullRequestRef>;

export function renderHistory(history: LicenseHistory, pulls: PullRequests, paint: Paint): string {
  const lines = [`${paint('bold', escapeText(history.file))}  ${escapeText(history.licenseArn)}`];
  for (const v of history.versions) lines.push(versionLine(v, history, pulls, paint));
  if (history.versions.length === 0) lines.push('no version listed');
  const outside = history.versions.filter((v) => v.match === 'none').length;
  const shown = count(history.versions.length, 'version');
  const more = history.versionsTruncated ? ' (newest shown; --limit for more)' : '';
  const commits = `${count(history.commitsRead, 'commit')} of the manifest read`;
  lines.push('', `${shown}${more}, ${outside} not from this repository; ${commits}.`);
  for (const note of history.notes) lines.push(`note: ${escapeText(note)}`);
  return `${lines.join('\n')}\n`;
}

function versionLine(v: VersionMatch, history: LicenseHistory, pulls: PullRequests, paint: Paint): string {
  const head = `version ${escapeText(v.version)}, ${escapeText(v.createTime ?? 'time unknown')}`;
  if (!v.commit) {
    const where = history.commitsTruncated
      ? `not from the last ${history.commitsRead} commits of the manifest read (--limit for more)`
      : 'not from this repository';
    return `${paint('yellow', '?')} ${head}: ${where}`;
  }
  const c = v.commit;
  const by = v.match === 'tag' ? ' (named by its license-gitops:commit tag)' : '';
  const pr = pulls.get(c.commit);
  const pull = pr ? `, pull request #${pr.number} ${escapeText(pr.title)}` : '';
  return `${paint('green', '=')} ${head}: commit ${c.commit.slice(0, 12)} by ${escapeText(c.author)}, ${escapeText(c.authorDate)}${by}${pull}`;
}

/** The JSON form: every version with its match; commits in full. */
export function historyJson(history: LicenseHistory, pulls: PullRequests, region: string): object {
  return {
    formatVersion: FORMAT_VERSION,
    file: history.file,
    licenseArn: history.licenseArn,
    region,
    ...(history.taggedCommit ? { taggedCommit: history.taggedCommit } : {}),
    versions: history.versions.map((v) => ({
      version: v.version,
      ...(v.createTime ? { createTime: v.createTime } : {}),
      match: v.match,
      fromRepository: v.match !== 'none',
      ...(v.commit
        ? {
            commit: {
              hash: v.commit.commit,
              author: v.commit.author,
              authorDate: v.commit.authorDate,
              committerDate: v.commit.committerDate,
              path: v.commit.path,
            },
          }
        : {}),
      ...(v.commit && pulls.get(v.commit.commit) ? { pullRequest: pulls.get(v.commit.commit) } : {}),
    })),
    commitsRead: history.commitsRead,
    commitsTruncated: history.commitsTruncated,
    versionsTruncated: history.versionsTruncated,
    notes: history.notes,
  };
}
