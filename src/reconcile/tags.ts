/**
 * User tags in comparable form, and the tag step of one resource. Tags are a
 * set of keys: compared keyed by Key (`/Tags/<Key>`), the reserved ones
 * (`aws:`, and the `license-gitops:` marker) never part of either side. An
 * ignored key keeps its live value, as for every kind (`carryIgnored`).
 */
import jsonpatch from 'fast-json-patch';
import { stepError, type ErrorCode, type LicenseError } from './errors.js';
import { codeUnitOrder, setOwn } from './json-values.js';
import type { TagsRead } from './ports.js';
import { carryIgnored } from './diff.js';
import type { Comparable, LicenseDocument, Tag, TagStep } from './types.js';

/**
 * The reserved prefix `key` starts with, if any: keys a manifest can't set and the tool never
 * reads as drift or removes. AWS reserves `aws:` in any letter case; the marker is `license-gitops:`.
 */
export function reservedPrefix(key: string): 'aws:' | 'license-gitops:' | undefined {
  if (key.slice(0, 4).toLowerCase() === 'aws:') return 'aws:';
  return key.startsWith('license-gitops:') ? 'license-gitops:' : undefined;
}

/** The user tags of a tag list or a listing, keyed by Key, reserved keys left out. */
export function userTags(tags: readonly Tag[] | Readonly<Record<string, string>>): Record<string, string> {
  const entries = Array.isArray(tags) ? tags.map((t) => [t.Key, t.Value] as const) : Object.entries(tags);
  const keyed: Record<string, string> = {};
  for (const [key, value] of [...entries].sort(([a], [b]) => codeUnitOrder(a, b)))
    if (reservedPrefix(key) === undefined) setOwn(keyed, key, value);
  return keyed;
}

/** Whose tags, as the plan names them. */
export interface TagOwner {
  file: string;
  licenseArn: string;
  /** The manifest (its name and HomeRegion). */
  document: LicenseDocument;
  /** The tagged resource. */
  arn: string;
  /** For a grant's tags: its GrantName. */
  grant?: string;
  /** What the manifest declares. */
  tags: readonly Tag[];
}

/** The tag step of one resource, or none when its tags already match. */
export function planTags(owner: TagOwner, live: TagsRead, ignore: readonly string[] = []): TagStep | undefined {
  const at = (tags: Record<string, string>): Comparable =>
    owner.grant === undefined ? { Tags: tags } : { Grants: { [owner.grant]: { Tags: tags } } };
  const base = {
    kind: 'tags' as const,
    file: owner.file,
    licenseArn: owner.licenseArn,
    desired: owner.document,
    patch: [],
  };
  const subject = { arn: owner.arn, ...(owner.grant === undefined ? {} : { grant: owner.grant }) };
  if (!live.ok) {
    const whose = owner.grant === undefined ? "the license's tags" : `grant ${owner.grant}'s tags`;
    const message = `${whose} could not be read: ${live.error.message}`;
    const error = { ...live.error, file: owner.file, licenseArn: owner.licenseArn, message };
    return { ...base, tags: { ...subject, want: {} }, action: 'error', error };
  }
  const observed = at(userTags(live.tags));
  const sent = carryIgnored(at(userTags(owner.tags)), observed, ignore);
  const patch = jsonpatch.compare(observed, sent);
  if (patch.length === 0) return undefined;
  const want = (
    owner.grant === undefined ? sent.Tags : (sent.Grants as Record<string, Comparable>)[owner.grant]?.Tags
  ) as Record<string, string> | undefined;
  return { ...base, action: 'update', patch, observed, tags: { ...subject, want: want ?? {} } };
}

/** The calls that turn `live` user tags into `want`: TagResource for new and changed keys, UntagResource for the rest. */
export function tagChanges(
  live: Readonly<Record<string, string>>,
  want: Readonly<Record<string, string>>,
): { set: Tag[]; remove: string[] } {
  const current = userTags(live);
  const set = Object.entries(want)
    .filter(([key, value]) => current[key] !== value)
    .map(([Key, Value]) => ({ Key, Value }));
  const remove = Object.keys(current).filter((key) => !Object.hasOwn(want, key));
  return { set, remove };
}

/** An error about a tag step's resource. */
export function tagError(step: TagStep, code: ErrorCode, message: string, cause?: string): LicenseError {
  const who = step.tags.grant === undefined ? 'tags' : `grant ${step.tags.grant} tags`;
  return stepError(step, code, `${who}: ${message}`, cause);
}
