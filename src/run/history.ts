/**
 * `history`: a license's versions, each tied to the commit of its manifest
 * that declared it (reconcile/history.ts), from one ListLicenseVersions read,
 * one ListTagsForResource (the `license-gitops:commit` tag) and one
 * `git log --follow` of the manifest. Everything read is bounded.
 */
import { isRecord } from '../reconcile/json-values.js';
import pLimit from 'p-limit';
import path from 'node:path';
import { realpath } from 'node:fs/promises';
import { GitRepository, type FileCommit } from '../git/repository.js';
import { mergeTemplate } from '../manifests/template-merge.js';
import { resolveRef } from '../manifests/templates.js';
import { MAX_DEPTH } from '../manifests/syntax.js';
import { nestsDeeperThan } from './saved-plan.js';
import { MAX_MANIFEST_BYTES } from '../manifests/source.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { matchVersions, type ManifestCommit, type VersionMatch } from '../reconcile/history.js';
import type { TagsRead } from '../reconcile/ports.js';
import type { LicenseDocument } from '../reconcile/types.js';
import type { VersionsRead } from '../aws/calls.js';
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
  const matched = matchVersions(versions.versions, commits.commits, { ignore: request.ignore, taggedCommit });
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

/** Template files followed, at most: a manifest names one, and may have named others before. */
const MAX_TEMPLATES = 5;

/**
 * The license at each of the manifest's last `limit` commits from HEAD (followed
 * across renames): the manifest as committed, over the product template it names
 * as committed then. A commit that changed only the template counts too: it
 * declared a new license for this manifest.
 */
async function manifestCommits(file: string, limit: number): Promise<CommitsRead> {
  const absolute = await realpath(path.resolve(file)).catch(() => path.resolve(file));
  const repo = await GitRepository.open(path.dirname(absolute));
  if (!repo) {
    const message = `${file} is not in a git repository, so no commit can be matched to its versions; run history inside the repository that holds the manifest`;
    return { ok: false, error: licenseError('USAGE', message, { file }) };
  }
  const head = repo.head;
  if (head === undefined) return { ok: true, commits: [] }; // no commit yet: no version can come from one
  const log = await repo.fileLog(head, toPosix(path.relative(repo.top, absolute)), limit);
  const oids = log.map((c) => c.oid);
  const manifests = await readDocuments(repo, oids);
  const templates = [...new Set(log.flatMap((c) => templateOf(c.path, manifests.get(c.oid)) ?? []))];
  if (templates.length === 0)
    return { ok: true, commits: log.map(({ oid, ...c }) => withDocument(c, manifests.get(oid))) };
  return { ok: true, commits: await renderedCommits(repo, head, log, templates.slice(0, MAX_TEMPLATES), limit) };
}

/** The manifest's and its templates' commits, newest first, each with the license rendered as committed there. */
async function renderedCommits(
  repo: GitRepository,
  head: string,
  log: readonly FileCommit[],
  templates: readonly string[],
  limit: number,
): Promise<ManifestCommit[]> {
  const newest = (a: FileCommit, b: FileCommit) => Date.parse(b.committerDate) - Date.parse(a.committerDate);
  const own = [...log].sort(newest);
  const seen = new Set(own.map((c) => c.commit));
  const templateOnly = (await Promise.all(templates.map((t) => repo.fileLog(head, t, limit)))).flat().flatMap((c) => {
    // The manifest, as the newest of its commits at or before this one left it.
    const manifest = own.find((m) => Date.parse(m.committerDate) <= Date.parse(c.committerDate));
    if (!manifest || seen.has(c.commit)) return [];
    seen.add(c.commit);
    return [{ ...c, path: manifest.path }];
  });
  const commits = [...own, ...templateOnly].sort(newest).slice(0, limit);
  const files = await pLimit(8).map(commits, (c) => repo.filesAt(c.commit, [c.path, ...templates]));
  const byOid = await readDocuments(repo, [...new Set(files.flatMap((tree) => tree.map((f) => f.oid)))]);
  return commits.map(({ oid: _oid, ...c }, i) => {
    const at = (file: string) => byOid.get(files[i]!.find((f) => f.path === file && !f.symlink)?.oid);
    const manifest = at(c.path);
    const template = templateOf(c.path, manifest);
    return withDocument(c, template === undefined ? manifest : rendered(manifest!, at(template)));
  });
}

/** The template file (top-level relative) a committed manifest names; none for a path outside the repository. */
function templateOf(manifestPath: string, document: LicenseDocument | undefined): string | undefined {
  const ref = (document as { $template?: unknown } | undefined)?.$template;
  if (typeof ref !== 'string' || !ref.endsWith('.json') || ref.startsWith('/')) return undefined;
  const target = resolveRef(manifestPath, ref);
  return target.startsWith('../') || target === manifestPath ? undefined : target;
}

/** The manifest over its template; none when the template is missing (the commit declared no license). */
function rendered(manifest: LicenseDocument, template: LicenseDocument | undefined): LicenseDocument | undefined {
  if (!template) return undefined;
  const { $schema: _s, ...base } = template as unknown as Record<string, unknown>;
  const { $template: _t, ...patch } = manifest as unknown as Record<string, unknown>;
  return mergeTemplate(base, patch) as LicenseDocument;
}

function withDocument(c: Omit<FileCommit, 'oid'>, document: LicenseDocument | undefined): ManifestCommit {
  return document ? { ...c, document } : c;
}

/** Committed manifests' documents, by blob; none for a blob that is absent (or undefined) or not a JSON object. */
async function readDocuments(
  repo: GitRepository,
  oids: readonly (string | undefined)[],
): Promise<Map<string | undefined, LicenseDocument | undefined>> {
  const wanted = oids.filter((oid): oid is string => oid !== undefined);
  const blobs = await repo.readBlobs(wanted, MAX_MANIFEST_BYTES);
  return new Map(wanted.map((oid, i) => [oid, documentOf(blobs[i])]));
}

/** A committed manifest's document; none when it is not a JSON object (it declared nothing). */
function documentOf(blob: { ok: true; bytes: Buffer } | { ok: false } | undefined): LicenseDocument | undefined {
  if (!blob?.ok) return undefined;
  const text = blob.bytes.toString('utf8');
  // Nested past what any manifest may be, it declared nothing (and would overflow the walks that compare it).
  if (nestsDeeperThan(text, MAX_DEPTH)) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? (value as unknown as LicenseDocument) : undefined;
  } catch {
    return undefined;
  }
}
