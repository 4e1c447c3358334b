/**
 * The user tags of a license and of each of its grants, as a kind: read with
 * ListTagsForResource only where a manifest manages them (`Tags` present),
 * written with TagResource / UntagResource. A license or a grant created in
 * this run gets its tags in the create call itself (CreateLicense's and
 * CreateGrant's `Tags`), so it has no tag step.
 *
 * Tags have no version to pin. Apply reads them again right before it writes:
 * if they moved since the plan read them, nothing is written (a conflict); a
 * failed write is decided by reading them again.
 */
import pLimit from 'p-limit';
import type { ApplyResult } from '../reconcile/outcome.js';
import type { LicenseService } from '../reconcile/ports.js';
import { ignoreRules } from '../reconcile/diff.js';
import { sameJson } from '../reconcile/json-values.js';
import { planTags, tagChanges, tagError, userTags, type TagOwner } from '../reconcile/tags.js';
import type { PlanStep, TagStep } from '../reconcile/types.js';
import { interrupted, plannedError, type ApplyContext, type Kind, type PlanContext } from './kind.js';

/** The resources of the steps planned so far whose manifest manages their tags and that exist now. */
function owners(planned: readonly PlanStep[]): TagOwner[] {
  return planned.flatMap((step): TagOwner[] => {
    if (step.action !== 'noop' && step.action !== 'update') return [];
    const base = { file: step.file, licenseArn: step.licenseArn, document: step.desired };
    if (step.kind === 'grant') {
      const { entry, arn, name, removed } = step.grant;
      return entry?.Tags !== undefined && arn && !removed ? [{ ...base, arn, grant: name, tags: entry.Tags }] : [];
    }
    if (step.kind === 'tags' || step.desired.Tags === undefined || step.licenseArn === '') return [];
    return [{ ...base, arn: step.licenseArn, tags: step.desired.Tags }];
  });
}

async function plan(planned: readonly PlanStep[], service: LicenseService, options: PlanContext): Promise<TagStep[]> {
  const steps = await pLimit(options.concurrency).map(owners(planned), async (owner) => {
    const region = owner.document.HomeRegion;
    const read = options.signal?.aborted ? interrupted() : await service.listTags(owner.arn, region);
    return planTags(owner, read, ignoreRules(options, owner.file));
  });
  return steps.filter((s): s is TagStep => s !== undefined);
}

async function apply(step: TagStep, { service, signal }: ApplyContext): Promise<ApplyResult> {
  if (step.action === 'error') return plannedError(step);
  if (signal?.aborted)
    return { step, outcome: 'skipped', error: tagError(step, 'INTERRUPTED', 'not applied: the run was interrupted') };
  const region = step.desired.HomeRegion;
  const { arn, want } = step.tags;
  const observed = observedTags(step);
  // No version to pin: read right before writing, and write nothing over a change made since the plan.
  const now = await service.listTags(arn, region);
  if (!now.ok)
    return { step, outcome: 'failed', error: tagError(step, now.error.code, now.error.message, now.error.cause) };
  if (sameJson(userTags(now.tags), want)) return { step, outcome: 'updated' };
  if (!sameJson(userTags(now.tags), observed)) {
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

/** The user tags the plan read, from its observed document. */
function observedTags(step: TagStep): Record<string, string> {
  const observed = step.observed ?? {};
  const tags =
    step.tags.grant === undefined
      ? observed.Tags
      : (observed.Grants as Record<string, { Tags?: unknown }> | undefined)?.[step.tags.grant]?.Tags;
  return (tags ?? {}) as Record<string, string>;
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
  part: (step) => (step.tags.grant === undefined ? 'tags' : `grant ${step.tags.grant} tags`),
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
    const { set, remove } = tagChanges(observedTags(result.step as TagStep), (result.step as TagStep).tags.want);
    return [
      set.length ? `TagResource ${set.map((t) => t.Key).join(', ')}` : '',
      remove.length ? `UntagResource ${remove.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
  },
};
