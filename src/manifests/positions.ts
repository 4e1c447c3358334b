/**
 * Source positions: offsets to 1-based line:column, and JSON pointers (or ajv
 * `instancePath`s) to the node they name in a jsonc-parser tree.
 * Columns count UTF-16 code units, as editors and tsc do.
 */
import type { Node } from 'jsonc-parser';

export interface Position {
  line: number;
  column: number;
}

/** Maps offsets and pointers of one parsed text to positions. */
export interface Locator {
  /** Position of a character offset. */
  at(offset: number): Position;
  /** Position of the value a pointer names (or of its deepest existing ancestor). */
  value(pointer: string): Position;
  /** Position of the property key a pointer names (falls back to the value). */
  key(pointer: string): Position;
}

/** Offsets at which each line starts; `\n`, `\r\n` and a lone `\r` end a line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) starts.push(i + 1);
    else if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Binary search for the line holding `offset`; offsets past the end clamp to it. */
export function positionAt(starts: readonly number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

/** Splits an RFC 6901 pointer into unescaped segments (`""` is the root). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Escapes one segment for a pointer. */
export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The property node (for object members) or value node a pointer names, or
 * its deepest existing ancestor. With duplicate keys the last one wins, as in the parsed value.
 */
export function nodeAtPointer(root: Node, pointer: string): Node {
  let node = root;
  let property: Node | undefined;
  for (const segment of pointerSegments(pointer)) {
    const next = childFor(node, segment);
    if (!next) return property ?? node;
    property = next.property;
    node = next.value;
  }
  return property ?? node;
}

function childFor(node: Node, segment: string): { property?: Node; value: Node } | undefined {
  if (node.type === 'array') {
    const value = /^(0|[1-9][0-9]*)$/.test(segment) ? node.children?.[Number(segment)] : undefined;
    return value ? { value } : undefined;
  }
  if (node.type !== 'object') return undefined;
  const property = node.children?.findLast((p) => p.children?.[0]?.value === segment);
  const value = property?.children?.[1];
  return property && value ? { property, value } : undefined;
}

/**
 * A locator over `text`. The tree may be given lazily: valid manifests never
 * need positions, so neither the tree nor the line starts are built until asked for.
 */
export function createLocator(text: string, tree: Node | undefined | (() => Node | undefined)): Locator {
  let starts: number[] | undefined;
  let root = typeof tree === 'function' ? undefined : tree;
  let build = typeof tree === 'function' ? tree : undefined;
  const at = (offset: number): Position => positionAt((starts ??= lineStarts(text)), offset);
  const find = (pointer: string, part: 0 | 1): Position => {
    if (build) [root, build] = [build(), undefined];
    if (!root) return at(0);
    const node = nodeAtPointer(root, pointer);
    const target = node.type === 'property' ? (node.children?.[part] ?? node) : node;
    return at(target.offset);
  };
  return { at, value: (pointer) => find(pointer, 1), key: (pointer) => find(pointer, 0) };
}
