/**
 * Parses manifest text into a value and a jsonc-parser tree (for positions).
 * Never throws: broken, truncated, binary or hostile input yields errors.
 */
import { setOwn } from '../reconcile/json-values.js';
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { licenseError, type ErrorCode, type LicenseError } from '../reconcile/errors.js';
import { createLocator, type Locator, type Position } from './positions.js';
import { describeSyntaxError, MAX_DEPTH, tooDeepAt } from './syntax.js';
import { keepsExactly, needsCarefulParse } from './screen.js';
import { keyedPointer, shortJson, toPointer, within } from './messages.js';
import type { ManifestSource } from './source.js';

export interface ParsedManifest {
  /** The manifest's object; absent when the text is not a well-formed JSON object. */
  value?: Record<string, unknown>;
  /** Maps pointers and offsets of this text to line:column. */
  locator: Locator;
  /** Problems found while parsing, each with file, line and column. */
  errors: LicenseError[];
}

const PARSE_OPTIONS = { disallowComments: true, allowTrailingComma: false } as const;
const BOM = '\uFEFF';
/** jsonc-parser's ParseErrorCode.ValueExpected (an ambient const enum, unreadable under isolatedModules). */
const VALUE_EXPECTED = 4;

/**
 * Parses one manifest (or another JSON object file, named by `noun` in messages):
 * the quick path for clean text, the careful one to explain problems.
 */
export function parseManifest(source: ManifestSource, noun = 'the manifest'): ParsedManifest {
  return quickParse(source.text) ?? carefulParse(source, noun);
}

/**
 * Native JSON.parse (iterative, so deep input can't overflow it) for text that
 * needs no explaining; the tree for positions is built only if a later check asks.
 */
function quickParse(text: string): ParsedManifest | undefined {
  if (text.startsWith(BOM)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || needsCarefulParse(text, value))
    return undefined;
  const locator = createLocator(text, () => parseTree(text, [], PARSE_OPTIONS));
  return { value: value as Record<string, unknown>, locator, errors: [] };
}

/** jsonc-parser with positions; syntax problems stop at the first (later ones are mostly echoes of it). */
function carefulParse(source: ManifestSource, noun: string): ParsedManifest {
  const hasBom = source.text.startsWith(BOM);
  // Editors hide the BOM, so positions are counted without it.
  const text = hasBom ? source.text.slice(1) : source.text;
  const deepAt = tooDeepAt(text);
  const syntax: ParseError[] = [];
  const root = deepAt === undefined ? parseTree(text, syntax, PARSE_OPTIONS) : undefined;
  const locator = createLocator(text, root);
  const errors: LicenseError[] = [];
  const report = (code: ErrorCode, message: string, offset: number) =>
    errors.push(licenseError(code, message, { file: source.file, ...locator.at(offset) }));

  if (hasBom)
    report('MANIFEST_SYNTAX', 'the file starts with a byte order mark (BOM); save it as UTF-8 without BOM', 0);
  if (deepAt !== undefined) {
    report('MANIFEST_SYNTAX', `nesting is deeper than ${MAX_DEPTH} levels`, deepAt);
    return { locator, errors };
  }
  const first = syntax[0];
  if (first || !root) {
    const { message, offset } = describeSyntaxError(text, first ?? { error: VALUE_EXPECTED, offset: 0, length: 0 });
    report('MANIFEST_SYNTAX', message, offset);
    return { locator, errors };
  }
  if (root.type !== 'object') {
    const kind = root.type === 'array' ? 'an array' : `a ${root.type}`;
    report('MANIFEST_SCHEMA', `${noun} must be a JSON object {...}, not ${kind}`, root.offset);
    return { locator, errors };
  }
  const found: Found[] = [];
  const value = toObject(root, { text, found, at: locator.at, path: [] });
  // Pointers are named as plans name them (`/Entitlements/seats/MaxCount`) once the whole value is known.
  for (const f of found) report('MANIFEST_SYNTAX', f.message(keyedPointer(value, toPointer(f.path))), f.offset);
  return { value, locator, errors };
}

/** A syntax problem found on the walk; its message is made from the name-keyed pointer of `path`. */
interface Found {
  path: string[];
  message: (pointer: string) => string;
  offset: number;
}

/** What the tree walk needs: the text, where to keep what it finds, and the path to the current node. */
interface Walk {
  text: string;
  found: Found[];
  at: (offset: number) => Position;
  path: string[];
}

/** Builds the value from the tree, reporting duplicate keys and unsafe numbers on the way. */
function toValue(node: Node, walk: Walk): unknown {
  if (node.type === 'object') return toObject(node, walk);
  if (node.type === 'array') return (node.children ?? []).map((child, index) => inside(walk, String(index), child));
  if (node.type === 'number') checkNumber(node, walk);
  return node.value;
}

function note(walk: Walk, offset: number, message: (pointer: string) => string): void {
  walk.found.push({ path: [...walk.path], message, offset });
}

function inside(walk: Walk, segment: string, node: Node): unknown {
  walk.path.push(segment);
  const value = toValue(node, walk);
  walk.path.pop();
  return value;
}

function toObject(node: Node, walk: Walk): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  const seen = new Map<string, Node>();
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = String(keyNode.value);
    const first = seen.get(key);
    if (first) reportDuplicate(key, first, keyNode, walk);
    seen.set(key, keyNode);
    setOwn(object, key, inside(walk, key, valueNode));
  }
  return object;
}

/** A key repeated in one object: JSON parsers disagree on which value wins, so it is refused. */
function reportDuplicate(key: string, first: Node, again: Node, walk: Walk): void {
  const { line, column } = walk.at(first.offset);
  const clause = `duplicate member ${JSON.stringify(key)} (first at ${line}:${column})`;
  note(walk, again.offset, (pointer) => within(pointer, clause));
}

/**
 * Numbers past 2^53 - 1 lose digits in JavaScript (and in the SDK), so they are
 * refused; so is any number the file writes with more precision than it can
 * keep (`1.0000000000000000000000001` would silently become 1).
 */
function checkNumber(node: Node, walk: Walk): void {
  const literal = walk.text.slice(node.offset, node.offset + node.length);
  const value = node.value as number;
  const raw = shortJson(literal).slice(1, -1);
  const problem =
    Math.abs(value) > Number.MAX_SAFE_INTEGER
      ? `is too large; numbers must be within ±${Number.MAX_SAFE_INTEGER}`
      : keepsExactly(literal)
        ? undefined
        : `can't be kept exactly (it would become ${String(value)}); write ${String(value)} or the value you mean`;
  if (problem) note(walk, node.offset, (pointer) => `${pointer || 'the number'} ${raw} ${problem}`);
}
