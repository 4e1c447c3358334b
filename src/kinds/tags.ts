/**
 * The user tags of a license and of each of its grants, as a kind: read with
 * ListTagsForResource only where a manifest manages them (`Tags` present),
 * written with TagResource / UntagResource. A license or a grant created in
 * this run gets its tags in the create call itself (CreateLicense's and
 * CreateGrant's `Tags`), so it has no tag step.
 *
 * Tags are a set of keys: compared keyed by Key (`/Tags/<Key>`), the reserved
 * ones (`aws:`, and the `license-gitops:` marker) never part of either side
 * (`userTags`). An ignored key keeps its live value, as for every kind
 * (`carryIgnored`).
 *
 * Tags have no version to pin. Apply reads them again right before it writes:
 * if they moved since the plan read them, nothing is written (a conflict); a
 * failed write is decided by reading them again.
 */
import jsonpatch from 'fast-json-patch';
import pLimit from 'p-limit';
import { carryIgnored, ignoreRules } from '../reconcile/diff.js';
import { stepError, type ErrorCode, type LicenseError } from '../reconcile/errors.js';
import { sameJson } from '../reconcile/json-values.js';
import { userTags } from '../reconcile/normalize.js';
import type { ApplyResult } from '../reconcile/outcome.js';
import type { LicenseService, TagsRead } from '../reconcile/ports.js';
import type { Comparable, LicenseDocument, PlanStep, Tag, TagStep, TagSubject } from '../reconcile/types.js';
import { interrupted, plannedError, type ApplyContext, type Kind, type PlanContext } from './kind.js';

/** Whose tags, as the plan names them, and what the manifest declares. */
interface TagOwner {
  file: string;
  licenseArn: string;
  /** The manifest (its name and HomeRegion). */
  desired: LicenseDocument;
  /** The tagged resource, and for a grant's tags the grant's name. */
  subject: Omit<TagSubject, 'want'>;
  tags: readonly Tag[];
}

/** User tags by key, as `userTags` gives them. */
type UserTags = Readonly<Record<string, string>>;

/** The resources of the steps planned so far whose manifest manages their tags and that exist now. */
function owners(planned: readonly PlanStep[]): TagOwner[] {
  return planned.flatMap((step): TagOwner[] => {
    if (step.action !== 'noop' && step.action !== 'update') return [];
    const base = { file: step.file, licenseArn: step.licenseArn, desired: step.desired };
    if (step.kind === 'grant') {
      const { entry, arn, name: grant, removed } = step.grant;
      if (entry?.Tags === undefined || !arn || removed) return [];
      return [{ ...base, subject: { arn, grant }, tags: entry.Tags }];
    }
    if (step.kind === 'tags' || step.desired.Tags === undefined || step.licenseArn === '') return [];
    return [{ ...base, subject: { arn: step.licenseArn }, tags: step.desired.Tags }];
  });
}

async function plan(planned: readonly PlanStep[], service: LicenseService, options: PlanContext): Promise<TagStep[]> {
  const steps = await pLimit(options.concurrency).map(owners(planned), async (owner) => {
    const region = owner.desired.HomeRegion;
    const read = options.signal?.aborted ? interrupted() : await service.listTags(owner.subject.arn, region);
    return planTags(owner, read, ignoreRules(options, owner.file));
  });
  return steps.filter((s): s is TagStep => s !== undefined);
}

/** The tag step of one resource, or none when its tags already match. */
function planTags(owner: TagOwner, live: TagsRead, ignore: readonly string[]): TagStep | undefined {
  const { subject, tags: declared, ...owned } = owner;
  const at = (tags: Record<string, string>): Comparable =>
    subject.grant === undefined ? { Tags: tags } : { Grants: { [subject.grant]: { Tags: tags } } };
  const base = { kind: 'tags' as const, ...owned, patch: [] };
  if (!live.ok) {
    const whose = subject.grant === undefined ? "the license's tags" : `grant ${subject.grant}'s tags`;
    const message = `${whose} could not be read: ${live.error.message}`;
    const error = { ...live.error, file: owner.file, licenseArn: owner.licenseArn, message };
    return { ...base, tags: { ...subject, want: {} }, action: 'error', error };
  }
  const observed = at(userTags(live.tags));
  const sent = carryIgnored(at(userTags(declared)), observed, ignore);
  const patch = jsonpatch.compare(observed, sent);
  if (patch.length === 0) return undefined;
  return { ...base, action: 'update', patch, observed, tags: { ...subject, want: tagsIn(sent, subject.grant) } };
}

/** The user tags a tag step's comparable document holds (`/Tags` or `/Grants/<grant>/Tags`); none when absent. */
function tagsIn(doc: Comparable | undefined, grant: string | undefined): Record<string, string> {
  const holder = grant === undefined ? doc : (doc?.Grants as Record<string, Comparable> | undefined)?.[grant];
  return (holder?.Tags ?? {}) as Record<string, string>;
}

/** The calls that turn `live` user tags into `want`: TagResource for new and changed keys, UntagResource for the rest. */
function tagChanges(live: UserTags, want: UserTags): { set: Tag[]; remove: string[] } {
  const current = userTags(live);
  const set = Object.entries(want)
    .filter(([key, value]) => current[key] !== value)
    .map(([Key, Value]) => ({ Key, Value }));
  const remove = Object.keys(current).filter((key) => !Object.hasOwn(want, key));
  return { set, remove };
}

async function apply(step: TagStep, { service, signal }: ApplyContext): Promise<ApplyResult> {
  if (step.action === 'error') return plannedError(step);
  if (signal?.aborted)
    return { step, outcome: 'skipped', error: tagError(step, 'INTERRUPTED', 'not applied: the run was interrupted') };
  const region = step.desired.HomeRegion;
  const { arn, want } = step.tags;
  // No version to pin: read right before writing, and write nothing over a change made since the plan.
  const now = await service.listTags(arn, region);
  if (!now.ok)
    return { step, outcome: 'failed', error: tagError(step, now.error.code, now.error.message, now.error.cause) };
  if (sameJson(userTags(now.tags), want)) return { step, outcome: 'updated' };
  if (!sameJson(userTags(now.tags), tagsIn(step.observed, step.tags.grant))) {
    const message =
      'the tags changed after they were read, so nothing was written over them; run plan again to see the new state';
    return { step, outcome: 'conflict', error: tagError(step, 'CONFLICT', message) };
  }
  const { set, remove } = tagChanges(now.tags, want);
  const tagged = set.length > 0 ? await service.tagResource(arn, set, region) : { ok: true as const };
  const untagged = tagged.ok && remove.length > 0 ? await service.untagResource(arn, remove, region) : tagged;
  if (untagged.ok) return { step, outcome: 'updated' };
  // A reply lost after the write landed: the tags read again are the witness.
  const again = await service.listTags(arn, region);
  if (again.ok && sameJson(userTags(again.tags), want)) return { step, outcome: 'updated' };
  const { code, message, cause } = untagged.error;
  return { step, outcome: 'failed', error: tagError(step, code, message, cause) };
}

/** The part of its manifest a tag step is about: `tags`, or `grant <name> tags`. */
const part = (step: TagStep): string => (step.tags.grant === undefined ? 'tags' : `grant ${step.tags.grant} tags`);

/** An error about a tag step's resource. */
function tagError(step: TagStep, code: ErrorCode, message: string, cause?: string): LicenseError {
  return stepError(step, code, `${part(step)}: ${message}`, cause);
}

/** One tag step in JSON: the tagged resource, and for a grant's tags the grant's name. */
function json(step: TagStep, saved: boolean): object {
  return {
    kind: 'tags' as const,
    file: step.file,
    licenseArn: step.licenseArn,
    resourceArn: step.tags.arn,
    ...(step.tags.grant !== undefined ? { grantName: step.tags.grant } : {}),
    action: step.action,
    ...(step.cause ? { cause: step.cause } : {}),
    patch: step.patch,
    ...(step.note ? { note: step.note } : {}),
    ...(step.error ? { error: step.error } : {}),
    ...(saved ? { desired: step.desired, tags: step.tags, ...(step.observed ? { observed: step.observed } : {}) } : {}),
  };
}

export const tags: Kind<TagStep> = {
  name: 'tags',
  noun: ['tag set', 'tag sets'],
  part,
  key: (step) => step.tags.grant ?? '',
  content: (step) => [step.desired.HomeRegion, step.tags.arn, step.tags.want],
  arn: (step) => step.tags.arn,
  arnPointer: () => undefined,
  arnPlacement: 'last',
  json,
  jsonMember: 'tags',
  plan,
  apply,
  waitsForLicense: () => false,
  pin: () => 'no version to pin: read again right before the write',
  updated: (result) => {
    const step = result.step as TagStep;
    const { set, remove } = tagChanges(tagsIn(step.observed, step.tags.grant), step.tags.want);
    return [
      set.length ? `TagResource ${set.map((t) => t.Key).join(', ')}` : '',
      remove.length ? `UntagResource ${remove.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
  },
};
