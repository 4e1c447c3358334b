/**
 * Positions in a rendered license (a template with a manifest merged over it):
 * a pointer into the rendered document is traced to the manifest member it came
 * from, else to the template's. A member from the template is reported at the
 * manifest's `$template`, the template's own file:line:col carried in `from`.
 */
import { isRecord } from '../reconcile/json-values.js';
import { pointerSegments, type Locator, type Position } from './positions.js';
import { toPointer } from './messages.js';
import { KEYED_LISTS, REMOVE } from './template-merge.js';

/** A position that may say where in a template the value came from (`file:line:col`). */
export type TracedPosition = Position & { from?: string };

interface Side {
  value: Record<string, unknown>;
  locator: Locator;
}

export function renderedLocator(rendered: unknown, manifest: Side, template: Side & { file: string }): Locator {
  const find = (pointer: string, part: 'value' | 'key'): TracedPosition => {
    const trace = traceRendered(rendered, manifest.value, template.value, pointer);
    if (trace.manifest.found || (!trace.template.found && trace.template.depth <= trace.manifest.depth))
      return manifest.locator[part](toPointer(trace.manifest.segments));
    const at = template.locator[part](toPointer(trace.template.segments));
    return { ...manifest.locator.value('/$template'), from: `${template.file}:${at.line}:${at.column}` };
  };
  return { at: manifest.locator.at, value: (p) => find(p, 'value'), key: (p) => find(p, 'key') };
}

/** How far a rendered pointer goes in one source: its own pointer there, how many segments exist, whether all do. */
interface Path {
  segments: (string | number)[];
  depth: number;
  found: boolean;
}

interface Trace {
  manifest: Path;
  template: Path;
}

/** Walks the rendered document, the manifest and the template side by side; list items are matched by key. */
function traceRendered(rendered: unknown, manifest: unknown, template: unknown, pointer: string): Trace {
  const m: Path = { segments: [], depth: 0, found: true };
  const t: Path = { segments: [], depth: 0, found: true };
  let [r, mNode, tNode] = [rendered, manifest, template];
  let member: string | undefined;
  for (const segment of pointerSegments(pointer)) {
    // A manifest value that is not an object replaced the template's whole (RFC 7386): nothing below is the template's.
    if (mNode !== undefined && !isRecord(mNode) && !(member && KEYED_LISTS[member] && Array.isArray(mNode)))
      tNode = undefined;
    let mNext: unknown;
    let tNext: unknown;
    let mKey: string | number = segment;
    let tKey: string | number = segment;
    if (Array.isArray(r)) {
      const index = Number(segment);
      const key = member === undefined ? undefined : KEYED_LISTS[member];
      const name = key !== undefined && isRecord(r[index]) ? r[index][key] : undefined;
      if (key !== undefined && typeof name === 'string') {
        const match = (item: unknown) => isRecord(item) && item[key] === name && item[REMOVE] !== true;
        mKey = Array.isArray(mNode) ? mNode.findIndex(match) : -1;
        tKey = Array.isArray(tNode) ? tNode.findIndex(match) : -1;
      } else {
        mKey = tKey = index;
      }
      mNext = Array.isArray(mNode) ? mNode[mKey as number] : undefined;
      tNext = Array.isArray(tNode) ? tNode[tKey as number] : undefined;
      r = r[index];
      member = undefined;
    } else {
      mNext = isRecord(mNode) && Object.hasOwn(mNode, segment) ? mNode[segment] : undefined;
      tNext = isRecord(tNode) && Object.hasOwn(tNode, segment) ? tNode[segment] : undefined;
      r = isRecord(r) ? r[segment] : undefined;
      member = segment;
    }
    step(m, mKey, mNext);
    step(t, tKey, tNext);
    [mNode, tNode] = [mNext, tNext];
  }
  return { manifest: m, template: t };
}

function step(path: Path, key: string | number, next: unknown): void {
  path.segments.push(key);
  if (next === undefined || next === null) path.found = false;
  else if (path.found) path.depth++;
}
