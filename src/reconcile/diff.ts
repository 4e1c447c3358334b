/**
 * RFC 6902 patches between two comparable documents, with ignore rules as
 * RFC 6901 JSON pointers removed from both sides first (as Flux does).
 * Nothing here mutates its inputs: removal copies along the pointer's path,
 * and `compare` only reads.
 */
import jsonpatch from 'fast-json-patch';
import { licenseError, type LicenseError } from './errors.js';
import type { Comparable, Operation } from './types.js';

/** A pointer segment that matches any key or index. */
export const WILDCARD = '*';

/**
 * The operations turning `observed` into `desired`, after removing every
 * `ignore` pointer from both. Throws a `USAGE` LicenseError for a malformed
 * pointer; `checkIgnore` finds those up front.
 */
export function diff(observed: Comparable, desired: Comparable, ignore: string[] = []): Operation[] {
  const rules = ignore.map(parseRule);
  const strip = (doc: Comparable): Comparable =>
    rules.reduce<Comparable>((acc, segments) => removeAt(acc, segments) as Comparable, doc);
  return jsonpatch.compare(strip(observed), strip(desired));
}

/** The malformed ignore pointers, as USAGE errors (empty when all are well-formed). */
export function checkIgnore(ignore: string[]): LicenseError[] {
  return ignore.flatMap((pointer) => (parsePointer(pointer) ? [] : [malformed(pointer)]));
}

/** RFC 6901: `''` is the whole document; otherwise `/`-separated segments with `~1` for `/` and `~0` for `~`. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/') || /~(?![01])/.test(pointer)) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parseRule(pointer: string): string[] {
  const segments = parsePointer(pointer);
  if (!segments) throw malformed(pointer);
  return segments;
}

function malformed(pointer: string): LicenseError {
  return licenseError(
    'USAGE',
    `ignore rule ${JSON.stringify(pointer)} is not a JSON pointer: it must start with "/" and escape "~" as "~0" and "/" as "~1"`,
  );
}

/** A copy of `value` without what `segments` points at; the whole document becomes `{}`. */
function removeAt(value: unknown, segments: string[]): unknown {
  const [head, ...rest] = segments;
  if (head === undefined) return {};
  if (typeof value !== 'object' || value === null) return value;
  // An array's entries are keyed by index, so one pass serves lists and objects.
  const kept = Object.entries(value).flatMap(([key, child]): [string, unknown][] => {
    if (head !== WILDCARD && key !== head) return [[key, child]];
    return rest.length === 0 ? [] : [[key, removeAt(child, rest)]];
  });
  return Array.isArray(value) ? kept.map(([, child]) => child) : Object.fromEntries(kept);
}
