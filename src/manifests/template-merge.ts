/**
 * Product templates: a manifest merged over the template it names. RFC 7386
 * JSON Merge Patch (null deletes a member, objects merge, anything else
 * replaces), except that keyed lists merge item by item: an item whose key is
 * in both is itself merge-patched, a new one is appended (template's items
 * first), and `{"Name": "x", "$remove": true}` drops one. Pure; never mutates its inputs.
 */
import { isRecord, sameJson, setOwn } from '../reconcile/json-values.js';

/** Lists merged item by item, and the member that keys their items (no prototype: `toString` is no list). */
export const KEYED_LISTS: Readonly<Record<string, string>> = Object.assign(
  Object.create(null) as Record<string, string>,
  {
    Entitlements: 'Name',
    LicenseMetadata: 'Name',
    Grants: 'GrantName',
    Tags: 'Key',
  },
);

/** The item member that drops an item of a keyed list: `{"Name": "x", "$remove": true}`. */
export const REMOVE = '$remove';

export type JsonObject = Record<string, unknown>;

/** The license: `patch` (the manifest) merged over `target` (the template); `member`: whose value they are, for keyed lists. */
export function mergeTemplate(target: unknown, patch: unknown, member?: string): unknown {
  const key = member === undefined ? undefined : KEYED_LISTS[member];
  if (key !== undefined && Array.isArray(patch)) return mergeKeyed(Array.isArray(target) ? target : [], patch, key);
  if (!isRecord(patch)) return patch;
  const result: JsonObject = isRecord(target) ? { ...target } : {};
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete result[name];
    else setOwn(result, name, mergeTemplate(result[name], value, name));
  }
  return result;
}

/**
 * Keyed lists item by item, patch items in order: a `$remove` drops the item,
 * an item with a key already there is merged into it, any other is appended.
 * A key removed and listed again is appended afresh (that is how a patch reorders).
 */
function mergeKeyed(target: readonly unknown[], patch: readonly unknown[], key: string): unknown[] {
  const result = [...target];
  for (const item of patch) {
    const name = isRecord(item) ? item[key] : undefined;
    const at = typeof name === 'string' ? result.findIndex((t) => isRecord(t) && t[key] === name) : -1;
    if (isRecord(item) && item[REMOVE] === true) {
      if (at >= 0) result.splice(at, 1);
      continue;
    }
    const plain = isRecord(item) && REMOVE in item ? withoutRemove(item) : item;
    if (at >= 0) result[at] = mergeTemplate(result[at], plain);
    else result.push(mergeTemplate(undefined, plain));
  }
  return result;
}

function withoutRemove(item: JsonObject): JsonObject {
  const { [REMOVE]: _dropped, ...rest } = item;
  return rest;
}

/**
 * The patch that turns `target` (a template) into `license`: what a templated
 * manifest needs to hold (`import --template`). For a license without nulls and
 * with unique string keys in its keyed lists, `mergeTemplate(target, diff) = license`.
 */
export function diffFromTemplate(target: JsonObject, license: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const name of Object.keys(target)) if (!(name in license)) setOwn(patch, name, null);
  for (const [name, value] of Object.entries(license)) {
    if (name in target && sameJson(target[name], value)) continue;
    setOwn(patch, name, diffValue(name in target ? target[name] : undefined, value, name));
  }
  return patch;
}

function diffValue(target: unknown, value: unknown, member: string): unknown {
  const key = KEYED_LISTS[member];
  if (key !== undefined && Array.isArray(value)) return diffKeyed(Array.isArray(target) ? target : [], value, key);
  if (isRecord(target) && isRecord(value)) return diffFromTemplate(target, value);
  return value;
}

/** Changed and new items by key; when the order can't be kept by appending, every template item is removed and all listed. */
function diffKeyed(target: readonly unknown[], license: readonly unknown[], key: string): unknown[] {
  const keyOf = (item: unknown) =>
    isRecord(item) && typeof item[key] === 'string' ? (item[key] as string) : undefined;
  const targetKeys = target.map(keyOf);
  const licenseKeys = license.map(keyOf);
  const kept = targetKeys.filter((k) => k !== undefined && licenseKeys.includes(k));
  // The merge keeps the template's items in place and appends the others: the license must start with the kept ones, in order.
  const inOrder =
    targetKeys.every((k) => k !== undefined) &&
    licenseKeys.every((k) => k !== undefined) &&
    kept.every((k, i) => licenseKeys[i] === k);
  if (!inOrder) {
    const removes = targetKeys.flatMap((k) => (k === undefined ? [] : [{ [key]: k, [REMOVE]: true }]));
    return [...removes, ...license];
  }
  const patch: unknown[] = [];
  for (const k of targetKeys) if (k !== undefined && !licenseKeys.includes(k)) patch.push({ [key]: k, [REMOVE]: true });
  license.forEach((item, i) => {
    const k = licenseKeys[i]!;
    const at = targetKeys.indexOf(k);
    if (at < 0) patch.push(item);
    else if (!sameJson(target[at], item))
      patch.push({ [key]: k, ...diffFromTemplate(target[at] as JsonObject, item as JsonObject) });
  });
  return patch;
}
