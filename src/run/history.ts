/**
 * `history`: a license's versions, each tied to the commit of its manifest
 * that declared it (reconcile/history.ts), from one ListLicenseVersions read,
 * one ListTagsForResource (the `license-gitops:commit` tag) and one
 * `git log --follow` of the manifest. Everything read is bounded.
 */
import path from 'node:path';
import { realpath } from 'node:fs/promises';
import { GitRepository } from '../git/repository.js';
import { MAX_MANIFEST_BYTES } from '../manifests/source.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { isRecord } from '../reconcile/normalize.js';
import { matchVersions, type ManifestCommit, type VersionMatch } from '../reconcile/history.js';
import type { TagsRead } from '../reconcile/ports.js';
import type { LicenseDocument } from '../reconcile/types.js';
import type { VersionsRead } from '../aws/versions.js';
import { toPosix } from '../paths.js';
import { COMMIT_TAG } from './marker.js';

/** The reads history makes of License Manager. */
export interface HistoryService {
  listLicenseVersions(licenseArn: string, region: string, max: number): Promise<VersionsRead>;
  listTags(resourceArn: string, region: string): Promise<TagsRead>;
}

/** Versions listed at most, whatever --limit says: the service may list them oldest first. */
export const MAX_VERSIONS_READ = 1000;

export interface HistoryRequest {
  /** The manifest, as the user names it. */
  file: string;
  licenseArn: string;
  region: string;
  /** Versions shown and commits read, at most. */
  limit: number;
  ignore: readonly string[];
}

export interface LicenseHistory {
  file: string;
  licenseArn: string;
  /** Newest first, at most `limit`. */
  versions: VersionMatch[];
  /** The commit the `license-gitops:commit` tag names, when it is set. */
  taggedCommit?: string;
  /** Commits of the manifest read (newest first); `commitsTruncated` when --limit stopped the log. */
  commitsRead: number;
  commitsTruncated: boolean;
  /** More versions exist than were read or shown. */
  versionsTruncated: boolean;
  /** Things the user should know that are not errors (the tag could not be read). */
  notes: string[];
}

export type HistoryRead = { ok: true; history: LicenseHistory } | { ok: false; errors: LicenseError[] };

export async function readHistory(request: HistoryRequest, service: HistoryService): Promise<HistoryRead> {
  const { file, licenseArn, region, limit } = request;
  const subject = { file, licenseArn };
  const [commits, versions, tags] = await Promise.all([
    manifestCommits(file, limit),
    service.listLicenseVersions(licenseArn, region, MAX_VERSIONS_READ),
    service.listTags(licenseArn, region),
  ]);
  if (!commits.ok) return { ok: false, errors: [{ ...commits.error, ...subject }] };
  if (!versions.ok) return { ok: false, errors: [{ ...versions.error, ...subject }] };
  const taggedCommit = tags.ok ? tags.tags[COMMIT_TAG] : undefined;
  const notes = tags.ok
    ? []
    : [`the license's tags could not be read (${tags.error.message}); matched by content only`];
  const matched = matchVersions(versions.versions, commits.commits, {
    ignore: request.ignore,
    ...(taggedCommit ? { taggedCommit } : {}),
  });
  return {
    ok: true,
    history: {
      file,
      licenseArn,
      versions: matched.slice(0, limit),
      ...(taggedCommit ? { taggedCommit } : {}),
      commitsRead: commits.commits.length,
      commitsTruncated: commits.commits.length >= limit,
      versionsTruncated: versions.truncated || matched.length > limit,
      notes,
    },
  };
}

type CommitsRead = { ok: true; commits: ManifestCommit[] } | { ok: false; error: LicenseError };

/** The manifest at each of its last `limit` commits from HEAD, followed across renames. */
async function manifestCommits(file: string, limit: number): Promise<CommitsRead> {
  const absolute = await realpath(path.resolve(file)).catch(() => path.resolve(file));
  const repo = await GitRepository.open(path.dirname(absolute));
  if (!repo) {
    const message = `${file} is not in a git repository, so no commit can be matched to its versions; run history inside the repository that holds the manifest`;
    return { ok: false, error: licenseError('USAGE', message, { file }) };
  }
  let head: string;
  try {
    head = await repo.resolve('HEAD');
  } catch {
    return { ok: true, commits: [] }; // no commit yet: no version can come from one
  }
  const relative = toPosix(path.relative(repo.top, absolute));
  const log = await repo.fileLog(head, relative, limit);
  const wanted = log.filter((c) => c.oid !== undefined);
  const blobs = await repo.readBlobs(
    wanted.map((c) => c.oid!),
    MAX_MANIFEST_BYTES,
  );
  const documents = new Map(wanted.map((c, i) => [c.commit, documentOf(blobs[i])]));
  return {
    ok: true,
    commits: log.map(({ oid: _oid, ...c }) => {
      const document = documents.get(c.commit);
      return document ? { ...c, document } : c;
    }),
  };
}

/** A committed manifest's document; none when it is not a JSON object (it declared nothing). */
function documentOf(blob: { ok: true; bytes: Buffer } | { ok: false } | undefined): LicenseDocument | undefined {
  if (!blob?.ok) return undefined;
  try {
    const value: unknown = JSON.parse(blob.bytes.toString('utf8'));
    return isRecord(value) ? (value as unknown as LicenseDocument) : undefined;
  } catch {
    return undefined;
  }
}
