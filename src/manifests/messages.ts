/**
 * Small helpers that keep manifest messages in one style: the subject first
 * (a JSON pointer, or nothing for the document itself), then what is wrong.
 */
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { codeUnitOrder, isRecord } from '../reconcile/json-values.js';
import { escapeSegment, pointerSegments, type Position } from './positions.js';

/** The RFC 6901 pointer for a list of segments (`""` is the document). */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${escapeSegment(String(s))}`).join('');
}

/** `pointer: clause` for a member of the document, the bare clause for the document itself. */
export function within(pointer: string, clause: string): string {
  return pointer === '' ? clause : `${pointer}: ${clause}`;
}

/** A MANIFEST_RULE error: `message` at `position` in `file`. */
export function ruleError(message: string, file: string, position: Position): LicenseError {
  return licenseError('MANIFEST_RULE', message, { file, ...position });
}

/** A value as JSON, shortened so one bad value can't flood a message. */
export function shortJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  }
  return Array.isArray(value) ? 'an array' : 'an object';
}

/**
 * The pointer as plans write it: a list index becomes the item's Name
 * (`/Entitlements/0/MaxCount` → `/Entitlements/seats/MaxCount`, `/Grants/0/Principals` →
 * `/Grants/acme-prod/Principals`) when the item has a string Name (a grant: GrantName) no
 * other item in its list has; otherwise the index stays.
 */
export function keyedPointer(doc: unknown, pointer: string): string {
  let node = doc;
  const shown: string[] = [];
  for (const segment of pointerSegments(pointer)) {
    const next = Array.isArray(node)
      ? node[Number(segment)]
      : isRecord(node) && Object.hasOwn(node, segment)
        ? node[segment]
        : undefined;
    shown.push(Array.isArray(node) ? (uniqueName(node, next) ?? segment) : segment);
    node = next;
  }
  return toPointer(shown);
}

function uniqueName(list: unknown[], item: unknown): string | undefined {
  const name = keyOf(item);
  if (typeof name !== 'string' || /^\d+$/.test(name)) return undefined;
  const same = list.filter((other) => keyOf(other) === name).length;
  return same === 1 ? name : undefined;
}

/** What an item is keyed by in plan paths: its Name, or a grant's GrantName (`/Grants/acme-prod/…`). */
function keyOf(item: unknown): unknown {
  if (!isRecord(item)) return undefined;
  return item.Name !== undefined ? item.Name : item.GrantName;
}

/** A list item whose key (a string) an earlier item has: both items, and where they are. */
interface Repeat {
  item: Record<string, unknown>;
  index: number;
  first: Record<string, unknown>;
  earlier: number;
}

/** Every item (an object) of `list` whose key, read by `key`, an earlier item has; `list` may be anything. */
export function repeats(list: unknown, key: (item: Record<string, unknown>) => unknown): Repeat[] {
  const seen = new Map<string, number>();
  const found: Repeat[] = [];
  const items = Array.isArray(list) ? list : [];
  items.forEach((item, index) => {
    const name = isRecord(item) ? key(item) : undefined;
    if (typeof name !== 'string') return;
    const earlier = seen.get(name);
    if (earlier === undefined) seen.set(name, index);
    else found.push({ item: item as Record<string, unknown>, index, first: items[earlier], earlier });
  });
  return found;
}

/** Errors by file, then line and column. */
export function byPosition(a: LicenseError, b: LicenseError): number {
  return (
    codeUnitOrder(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)
  );
}
