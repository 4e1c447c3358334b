/**
 * Tags on licenses and grants: CreateLicense's and CreateGrant's `Tags`,
 * TagResource, UntagResource and ListTagsForResource. License Manager answers an unknown resource with
 * InvalidParameterValueException (the model lists no ResourceNotFound for them).
 */
import { fail, ok } from './errors.js';
import type { Answer, Handler, Input, OperationContext } from './operations.js';

export interface Tag {
  Key: string;
  Value: string;
}

/** Tags per resource ARN (license or grant), in the order they were first set. */
export class TagStore {
  readonly #tags = new Map<string, Map<string, string>>();

  /** Sets (or overwrites) tags on `arn`. */
  tag(arn: string, tags: readonly Partial<Tag>[]): void {
    const current = this.#tags.get(arn) ?? new Map<string, string>();
    for (const { Key, Value } of tags) if (typeof Key === 'string') current.set(Key, Value ?? '');
    this.#tags.set(arn, current);
  }

  untag(arn: string, keys: readonly string[]): void {
    const current = this.#tags.get(arn);
    for (const key of keys) current?.delete(key);
  }

  /** The tags of `arn` (copies), empty when it has none. */
  of(arn: string): Tag[] {
    return [...(this.#tags.get(arn) ?? new Map<string, string>())].map(([Key, Value]) => ({ Key, Value }));
  }
}

const MAX_TAGS = 50;

/** A tag operation on `ResourceArn`, handled once it names a license or a grant this account issued. */
function onResource(handle: (arn: string, input: Input, ctx: OperationContext) => Answer): Handler {
  return (input, ctx) => {
    const arn = input.ResourceArn as string;
    if (ctx.store.has(arn) || ctx.grants.has(arn)) return handle(arn, input, ctx);
    return fail('InvalidParameterValueException', `Resource ${arn} does not exist`);
  };
}

export const TAG_HANDLERS = {
  TagResource: onResource((arn, input, ctx) => {
    const tags = input.Tags as Tag[];
    const keys = new Set([...ctx.tags.of(arn).map((t) => t.Key), ...tags.map((t) => t.Key)]);
    if (keys.size > MAX_TAGS) return fail('ValidationException', `A resource can have at most ${MAX_TAGS} tags`);
    ctx.tags.tag(arn, tags);
    return ok({});
  }),
  UntagResource: onResource((arn, input, ctx) => {
    ctx.tags.untag(arn, input.TagKeys as string[]);
    return ok({});
  }),
  ListTagsForResource: onResource((arn, _input, ctx) => ok({ Tags: ctx.tags.of(arn) })),
} satisfies Record<string, Handler>;
