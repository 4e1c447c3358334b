/**
 * Which commit declared each version of a license: pure matching for
 * `history`. A version holds a commit's manifest when the plan would say
 * nothing is to change between them (the same normalization and ignore rules
 * as `plan`). Of the commits whose manifest a version holds, the newest one
 * committed before the version was made declared it; when none was committed
 * before it (clocks disagree), the oldest of them.
 */
import { codeUnitOrder } from './json-values.js';
import { plannedWrite } from './request.js';
import type { LicenseDocument, LiveLicense } from './types.js';

/** A commit that touched the manifest, with the manifest it left (none when deleted or unreadable). */
export interface ManifestCommit {
  commit: string;
  author: string;
  authorDate: string;
  committerDate: string;
  path: string;
  document?: LicenseDocument;
}

/**
 * How a version is tied to a commit. A closed vocabulary.
 */
export type MatchKind =
  /** The license's `license-gitops:commit` tag names the commit, and this is the newest version holding its manifest. */
  | 'tag'
  /** The version holds the manifest of this commit (by normalized content). */
  | 'content'
  /** No commit read declared it: it was made outside this repository (or before the commits read). */
  | 'none';

export interface VersionMatch {
  version: string;
  /** When the version was made, as an ISO 8601 instant (the service may answer epoch seconds). */
  createTime?: string;
  match: MatchKind;
  /** The declaring commit, for `tag` and `content`. */
  commit?: ManifestCommit;
}

export interface MatchOptions {
  /** The ignore rules of the manifest: what apply leaves as it is live is not compared. */
  ignore?: readonly string[];
  /** The commit the license's `license-gitops:commit` tag names. */
  taggedCommit?: string;
}

/** Each version (newest first) with the commit that declared it; `commits` newest first. */
export function matchVersions(
  versions: readonly LiveLicense[],
  commits: readonly ManifestCommit[],
  options: MatchOptions = {},
): VersionMatch[] {
  const ignore = options.ignore ?? [];
  const newestFirst = [...versions].sort((a, b) => compareVersions(String(b.Version ?? ''), String(a.Version ?? '')));
  // The tag names the commit apply last wrote: the newest version holding its manifest is that write.
  let tagUsed = false;
  return newestFirst.map((live) => {
    const made = createdAt(live.CreateTime);
    const base = { version: String(live.Version ?? ''), ...(made ? { createTime: made } : {}) };
    const holding = commits.filter((c) => c.document && plannedWrite(live, c.document, ignore).patch.length === 0);
    const tagged = tagUsed ? undefined : holding.find((c) => c.commit === options.taggedCommit);
    if (tagged) {
      tagUsed = true;
      return { ...base, match: 'tag', commit: tagged };
    }
    // The newest of `holding` committed at or before the version was made, else the oldest.
    // Git dates are whole seconds: a commit in the version's second came before it.
    const second = Math.floor(Date.parse(base.createTime ?? '') / 1000) * 1000;
    const before = holding.find((c) => !(Date.parse(c.committerDate) > second));
    const declaring = Number.isNaN(second) ? holding.at(-1) : (before ?? holding.at(-1));
    return declaring ? { ...base, match: 'content', commit: declaring } : { ...base, match: 'none' };
  });
}

/** Versions are whole numbers as strings ("10" after "9"); anything else compares as text. */
export function compareVersions(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
  return codeUnitOrder(a, b);
}

/**
 * A CreateTime as an ISO 8601 instant: License Manager answers epoch seconds
 * as a string ("1735689600"), the emulator an instant; anything else unknown.
 */
export function createdAt(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || text === '') return undefined;
  const ms = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text);
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : undefined;
}
