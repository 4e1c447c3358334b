/**
 * Writing a value back into a manifest file in place: the LicenseArn of a license
 * apply just created (and, for grants, a GrantArn). Only the one member changes:
 * formatting, key order, comments and line endings stay as they were, and the
 * result is checked to still be valid JSON before it replaces the file
 * atomically. Writes to one file are serialized, so several ARNs recorded in the
 * same manifest by one run never overwrite each other.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { applyEdits, findNodeAtLocation, modify, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { pointerSegments } from './positions.js';
import { replaceFile } from './write.js';

/** Where a new member goes among its siblings. */
export type Placement =
  /** First (after `$schema` when the object has one): where a LicenseArn reads best. */
  | 'first'
  /** After the last member. */
  | 'last';

export type TextEdit = { ok: true; text: string; changed: boolean } | { ok: false; message: string };

/**
 * Sets the value at `pointer` (RFC 6901) in a manifest's text, changing nothing
 * else. The parent must exist. A member that already holds the same value is no
 * change; one holding another value is refused (someone recorded something else).
 */
export function setInText(text: string, pointer: string, value: unknown, placement: Placement = 'first'): TextEdit {
  const root = parseTree(text);
  if (!root || root.type !== 'object') return { ok: false, message: 'is no longer a JSON object' };
  const location = resolvePath(root, pointerSegments(pointer));
  if (!location) return { ok: false, message: `has no place for ${pointer} (its parent is gone)` };
  const existing = findNodeAtLocation(root, location);
  if (existing) {
    if (existing.type === typeof value && existing.value === value) return { ok: true, text, changed: false };
    return { ok: false, message: `already has ${pointer} = ${JSON.stringify(existing.value)}; it was left as it is` };
  }
  const edits = modify(text, location, value, {
    formattingOptions: formatting(text),
    getInsertionIndex: (keys) => (placement === 'last' ? keys.length : keys[0] === '$schema' ? 1 : 0),
  });
  const next = applyEdits(text, edits);
  const check = parseTree(next);
  if (!check || findNodeAtLocation(check, location)?.value !== value)
    return { ok: false, message: `could not be edited to hold ${pointer}` };
  return { ok: true, text: next, changed: true };
}

/** Per-file queue: one write-back at a time to each file. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Records `value` at `pointer` in `file` (a path as shown to users, relative to
 * the working directory). Returns a WRITE_BACK_FAILED error naming the file, and
 * saying what to write by hand, when it could not.
 */
export async function writeBack(
  file: string,
  pointer: string,
  value: string,
  placement: Placement = 'first',
): Promise<LicenseError | undefined> {
  const absolute = path.resolve(file);
  const previous = queues.get(absolute) ?? Promise.resolve();
  const run = previous.then(() => writeBackNow(file, absolute, pointer, value, placement));
  const settled = run.catch(() => undefined);
  queues.set(absolute, settled);
  void settled.then(() => {
    if (queues.get(absolute) === settled) queues.delete(absolute);
  });
  return run;
}

async function writeBackNow(
  file: string,
  absolute: string,
  pointer: string,
  value: string,
  placement: Placement,
): Promise<LicenseError | undefined> {
  const fail = (why: string, cause?: string) => {
    const message = `${why}; record it by hand: "${pointer.slice(1)}": ${JSON.stringify(value)}`;
    return licenseError('WRITE_BACK_FAILED', message, { file, fault: 'user', ...(cause ? { cause } : {}) });
  };
  const couldNot = (what: string) => (error: NodeJS.ErrnoException) => {
    const code = error.code ?? 'ERROR';
    return fail(`the manifest could not be ${what} (${code})`, code);
  };
  const text = await readFile(absolute, 'utf8').catch(couldNot(`read to record ${pointer}`));
  if (typeof text !== 'string') return text;
  const edit = setInText(text, pointer, value, placement);
  if (!edit.ok) return fail(`the manifest ${edit.message}`);
  if (!edit.changed) return undefined;
  return replaceFile(absolute, edit.text).then(() => undefined, couldNot('written'));
}

/** jsonc-parser's path for the pointer: array indices as numbers; undefined when a parent is missing. */
function resolvePath(root: Node, segments: readonly string[]): JSONPath | undefined {
  const location: JSONPath = [];
  for (const segment of segments) {
    const parent = findNodeAtLocation(root, location);
    if (parent?.type === 'array' && /^(0|[1-9]\d*)$/.test(segment)) location.push(Number(segment));
    else if (parent?.type === 'object') location.push(segment);
    else return undefined;
  }
  return location;
}

/** The file's own indentation and line ending, for the inserted member. */
function formatting(text: string): { tabSize: number; insertSpaces: boolean; eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return indent.startsWith('\t')
    ? { tabSize: 1, insertSpaces: false, eol }
    : { tabSize: indent.length, insertSpaces: true, eol };
}
