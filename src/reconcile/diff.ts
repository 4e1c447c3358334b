/**
 * RFC 6902 patches between two comparable documents, and the one ignore
 * mechanism every kind shares: an ignored RFC 6901 pointer keeps its **live**
 * value (absent where it is absent live), so an ignored member is left as it
 * is, as Terraform's `ignore_changes` and Argo CD's `RespectIgnoreDifferences`
 * do. The patch is computed against that very content, so it is exactly what
 * apply will send. Nothing here mutates its inputs.
 */
import jsonpatch from 'fast-json-patch';
import { licenseError, type LicenseError } from './errors.js';
import { isRecord, setOwn } from './json-values.js';
import type { Comparable, Operation, PlanOptions } from './types.js';

/** A pointer segment that matches any key or index. */
export const WILDCARD = '*';

/**
 * The operations turning `observed` into `desired`, with `observed`'s value at
 * every `ignore` pointer. Throws a `USAGE` LicenseError for a malformed
 * pointer; `checkIgnore` finds those up front.
 */
export function diff(observed: Comparable, desired: Comparable, ignore: readonly string[] = []): Operation[] {
  const bad = ignore.find((pointer) => !parsePointer(pointer));
  if (bad !== undefined) throw malformed(bad);
  return jsonpatch.compare(observed, carryIgnored(desired, observed, ignore));
}

/** The ignore rules for one manifest (by its file as shown): the run's, then its own from the config file. */
export function ignoreRules(options: PlanOptions, file: string): string[] {
  return [...(options.ignore ?? []), ...(options.ignoreFor?.(file) ?? [])];
}

/**
 * `wanted` with `observed`'s value at every ignored pointer (absent where it is
 * absent live). Both are in comparable form; a malformed pointer is skipped
 * (`checkIgnore` reports it up front).
 */
export function carryIgnored(wanted: Comparable, observed: Comparable, ignore: readonly string[]): Comparable {
  return ignore.reduce<unknown>((acc, pointer) => {
    const segments = parsePointer(pointer);
    return segments ? carry(acc, observed, segments) : acc;
  }, wanted) as Comparable;
}

/** The malformed ignore pointers, as USAGE errors (empty when all are well-formed). */
export function checkIgnore(ignore: readonly string[]): LicenseError[] {
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

function malformed(pointer: string): LicenseError {
  return licenseError(
    'USAGE',
    `ignore rule ${JSON.stringify(pointer)} is not a JSON pointer: it must start with "/" and escape "~" as "~0" and "/" as "~1"`,
  );
}

/**
 * `target` with `source`'s value at `segments` (removed where `source` has none); `*` matches any key.
 * An array's entries are keyed by index, so one pass serves lists and objects.
 */
function carry(target: unknown, source: unknown, segments: readonly string[]): unknown {
  const [head, ...rest] = segments;
  if (head === undefined) return source;
  // Only into a container both sides have. One new to live (an entitlement the manifest adds) is sent as the
  // manifest has it, since nothing live is there to keep; one the manifest drops goes, and the patch shows it.
  const list = Array.isArray(target) && Array.isArray(source);
  if (!list && !(isRecord(target) && isRecord(source))) return target;
  const from = source as Record<string, unknown>;
  const into = target as Record<string, unknown>;
  const keys = head === WILDCARD ? [...new Set([...Object.keys(into), ...Object.keys(from)])] : [head];
  // Spread defines own members, so a key named `__proto__` stays data.
  const copy: Record<string, unknown> = { ...into };
  for (const key of keys) {
    const value = Object.hasOwn(from, key) ? from[key] : undefined;
    if (rest.length > 0) {
      if (Object.hasOwn(into, key)) setOwn(copy, key, carry(into[key], value, rest));
    } else if (value === undefined) {
      delete copy[key];
    } else {
      setOwn(copy, key, value);
    }
  }
  if (!list) return copy;
  // Back into a list, in index order: an index only live has is appended, one live lacks is gone.
  return Object.keys(copy)
    .filter((key) => /^(0|[1-9]\d*)$/.test(key))
    .sort((a, b) => Number(a) - Number(b))
    .map((key) => copy[key]);
}
