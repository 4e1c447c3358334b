/**
 * Rules for `Tags` (of a license and of each grant) the JSON Schema can't say
 * well: keys are unique, and the reserved prefixes are refused with a reason.
 */
import { keyedPointer, shortJson, toPointer } from './messages.js';
import { repeatedKeys } from './grant-rules.js';
import type { Finding } from './rules.js';
import { reservedPrefix } from '../reconcile/normalize.js';

/** Every `Tags` list of a manifest, with the pointer segments that lead to it. */
function tagLists(doc: Record<string, unknown>): { at: (string | number)[]; tags: unknown[] }[] {
  const lists: { at: (string | number)[]; tags: unknown[] }[] = [];
  if (Array.isArray(doc.Tags)) lists.push({ at: ['Tags'], tags: doc.Tags });
  if (Array.isArray(doc.Grants))
    doc.Grants.forEach((grant, index) => {
      const tags = (grant as { Tags?: unknown } | null)?.Tags;
      if (Array.isArray(tags)) lists.push({ at: ['Grants', index, 'Tags'], tags });
    });
  return lists;
}

/** Tags are keyed by Key (plan paths are /Tags/<Key>); one resource can't carry a key twice. */
export function uniqueTagKeys(doc: Record<string, unknown>): Finding[] {
  return tagLists(doc).flatMap(({ at, tags }) => repeatedKeys(tags, at, 'Key', 'tag keys must be unique'));
}

/** `aws:` keys belong to AWS and `license-gitops:` keys to this tool's marker: a manifest can't set either. */
export function noReservedTagKeys(doc: Record<string, unknown>): Finding[] {
  return tagLists(doc).flatMap(({ at, tags }) =>
    tags.flatMap((tag, index) => {
      const key = (tag as { Key?: unknown } | null)?.Key;
      const prefix = typeof key === 'string' ? reservedPrefix(key) : undefined;
      if (prefix === undefined) return [];
      const pointer = toPointer([...at, index, 'Key']);
      const why =
        prefix === 'aws:'
          ? 'keys starting with aws: (in any letter case) are reserved for AWS'
          : "keys starting with license-gitops: are the marker license-gitops tags its own creations with; they are never read as drift nor removed, and a manifest can't set them";
      return [{ pointer, message: `${keyedPointer(doc, pointer)} ${shortJson(key)}: ${why}` }];
    }),
  );
}

export const TAG_RULES = [uniqueTagKeys, noReservedTagKeys] as const;
