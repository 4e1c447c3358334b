/**
 * The entry point of manifest checking: parse, schema, rules, then the
 * across-files check. Pure: it works on texts already read, and never throws.
 */
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { LicenseDocument, Manifest } from '../reconcile/types.js';
import { escapeText } from '../render/escape.js';
import { codeUnitOrder, isRecord } from '../reconcile/json-values.js';
import { byPosition, toPointer } from './messages.js';
import { parseManifest } from './parse.js';
import { pointerSegments, type Locator, type Position } from './positions.js';
import { duplicateArnErrors, ruleErrors, type ArnClaim } from './rules.js';
import { schemaErrors } from './schema.js';
import type { ManifestSource } from './source.js';
import { KEYED_LISTS, mergeTemplate, REMOVE } from './template-merge.js';
import { keyedItemErrors, resolveTemplates, templateErrors, type ParsedFile } from './templates.js';

/** A product template: its file and its members as written (`$schema` removed). */
export interface TemplateFile {
  file: string;
  document: Record<string, unknown>;
}

export interface Validation {
  /** The manifests without any problem, in file order, `$schema` removed. */
  manifests: Manifest[];
  /** Every problem in every file, sorted by file, then line and column. */
  errors: LicenseError[];
  /** The files some manifest names as its `$template` (templates, never licenses of their own), with their members. */
  templates: TemplateFile[];
}

/**
 * Checks every source in one pass and keeps only the valid manifests; a manifest
 * naming a `$template` is checked as rendered (the template merged under it).
 */
export function validateManifests(sources: readonly ManifestSource[]): Validation {
  const parsed = [...sources]
    .sort((a, b) => codeUnitOrder(a.file, b.file))
    .map((source) => guarded(source.file, (): ParsedFile => ({ file: source.file, parsed: parseManifest(source) })));
  const files = parsed.flatMap((p) => ('parsed' in p ? [p] : []));
  const uses = resolveTemplates(files);
  const byFile = new Map(files.map((f) => [f.file, f]));
  const checked = parsed.flatMap((p): Checked[] => {
    if ('errors' in p) return [p];
    // A template is checked on its own, as a partial license; it is never a manifest.
    if (uses.templates.has(p.file))
      return [guarded(p.file, () => ({ file: p.file, errors: templateErrors(p.parsed, p.file) }))];
    const templateFile = uses.templateOf.get(p.file);
    const template = templateFile === undefined ? undefined : byFile.get(templateFile);
    // A $template that names no usable template is reported at it (uses.errors); the rest would be noise.
    // An empty one names nothing: the schema reports it, with everything else in the file.
    const ref = p.parsed.value?.$template;
    if (!template && typeof ref === 'string' && ref !== '') return [{ file: p.file, errors: p.parsed.errors }];
    return [guarded(p.file, () => (template ? checkRendered(p, template) : checkManifest(p)))];
  });
  const templateUseErrors = uses.errors.map((e) => ({ ...e, ...arnOf(byFile.get(e.file ?? '')?.parsed.value) }));
  const duplicates = duplicateArnErrors(checked.flatMap((c) => (c.claim ? [c.claim] : [])));
  const duplicated = new Set(duplicates.map((e) => e.file));
  const manifests = checked.flatMap((c) => (c.manifest && !duplicated.has(c.file) ? [c.manifest] : []));
  const errors = [...checked.flatMap((c) => c.errors), ...duplicates, ...templateUseErrors]
    .map((error) => ({ ...error, message: escapeText(error.message) }))
    .sort(byPosition);
  const templates = [...uses.templates].map((file): TemplateFile => {
    const { $schema: _schema, ...document } = byFile.get(file)?.parsed.value ?? {};
    return { file, document };
  });
  return { manifests, errors, templates };
}

/** One file's outcome. */
interface Checked {
  file: string;
  errors: LicenseError[];
  /** Present only when the file has no errors. */
  manifest?: Manifest;
  /** The license the file declares, when LicenseArn is a string. */
  claim?: ArnClaim;
}

/** Parse, schema and rules for one file; every error carries the file and, if readable, the ARN. */
function checkManifest({ file, parsed }: ParsedFile): Checked {
  const { value, locator } = parsed;
  if (!value) return { file, errors: parsed.errors };
  const errors = [...parsed.errors, ...schemaErrors(value, locator, file), ...ruleErrors(value, locator, file)];
  return checkDocument(file, value, locator, errors);
}

/** A manifest over its template: its own keyed items, then the rendered license in full, traced back to either file. */
function checkRendered({ file, parsed }: ParsedFile, template: ParsedFile): Checked {
  const { value } = parsed;
  if (!value) return { file, errors: parsed.errors };
  const own = [...parsed.errors, ...keyedItemErrors(value, parsed.locator, file, true)];
  if (own.length > 0 || !template.parsed.value || template.parsed.errors.length > 0) return { file, errors: own };
  const { $schema: _s, ...base } = template.parsed.value;
  const { $template: _t, ...patch } = value;
  const rendered = mergeTemplate(base, patch) as Record<string, unknown>;
  const fromTemplate = { value: template.parsed.value, locator: template.parsed.locator, file: template.file };
  const locator = renderedLocator(rendered, { value, locator: parsed.locator }, fromTemplate);
  const errors = [...schemaErrors(rendered, locator, file), ...ruleErrors(rendered, locator, file)].map(traced);
  return checkDocument(file, rendered, locator, errors, template.file);
}

/** An error on a member the template holds says where in the template. */
function traced(error: LicenseError & Pick<TracedPosition, 'from'>): LicenseError {
  const { from, ...rest } = error;
  return from ? { ...rest, message: `${rest.message} (from the template at ${from})` } : rest;
}

/** The checked outcome of one document (rendered from `template`, if any): errors carry its ARN; no errors, a manifest. */
function checkDocument(
  file: string,
  value: Record<string, unknown>,
  locator: Locator,
  found: LicenseError[],
  template?: string,
): Checked {
  const { licenseArn } = arnOf(value);
  const errors = found.map((error) => (licenseArn ? { ...error, licenseArn } : error));
  const claim = licenseArn ? { file, licenseArn, position: () => locator.value('/LicenseArn') } : undefined;
  const manifest: Manifest = {
    file,
    document: withoutEditorKeys(value),
    ...(template ? { template } : {}),
    // The manifest (or its template) says `"allowBelowUsage": true`.
    ...(value.allowBelowUsage === true ? { allowBelowUsage: true } : {}),
  };
  return { file, errors, claim, manifest: errors.length === 0 ? manifest : undefined };
}

function arnOf(value: Record<string, unknown> | undefined): { licenseArn?: string } {
  const arn = value?.LicenseArn;
  return typeof arn === 'string' && arn !== '' ? { licenseArn: arn } : {};
}

/** A bug here must not hide the other files' results: it becomes a tool-fault error on this file. */
function guarded<T>(file: string, check: () => T): T | Checked {
  try {
    return check();
  } catch (error) {
    const cause = error instanceof Error ? error.name : typeof error;
    const message = `${file} could not be checked (internal error: ${String(error)}); please report this`;
    return { file, errors: [licenseError('MANIFEST_UNREADABLE', message, { file, fault: 'tool', cause })] };
  }
}

/**
 * The document apply will send: `$schema` is for editors only, `$template` already
 * merged, `allowBelowUsage` is the tool's own (Manifest.allowBelowUsage). Copies; never mutates.
 */
function withoutEditorKeys(value: Record<string, unknown>): LicenseDocument {
  const { $schema: _ignored, $template: _merged, allowBelowUsage: _toolOnly, ...document } = value;
  return document as unknown as LicenseDocument;
}

/*
 * Positions in a rendered license (a template with a manifest merged over it):
 * a pointer into the rendered document is traced to the manifest member it came
 * from, else to the template's. A member from the template is reported at the
 * manifest's `$template`, the template's own file:line:col carried in `from`.
 */

/** A position that may say where in a template the value came from (`file:line:col`). */
type TracedPosition = Position & { from?: string };

interface Side {
  value: Record<string, unknown>;
  locator: Locator;
}

function renderedLocator(rendered: unknown, manifest: Side, template: Side & { file: string }): Locator {
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

/** Walks the rendered document, the manifest and the template side by side; list items are matched by key. */
function traceRendered(
  rendered: unknown,
  manifest: unknown,
  template: unknown,
  pointer: string,
): { manifest: Path; template: Path } {
  const m: Path = { segments: [], depth: 0, found: true };
  const t: Path = { segments: [], depth: 0, found: true };
  let [r, mNode, tNode] = [rendered, manifest, template];
  let member: string | undefined;
  for (const segment of pointerSegments(pointer)) {
    // A manifest value that is not an object replaced the template's whole (RFC 7386): nothing below is the template's.
    if (mNode !== undefined && !isRecord(mNode) && !(member && KEYED_LISTS[member] && Array.isArray(mNode)))
      tNode = undefined;
    const child = childFinder(r, segment, member);
    const [mKey, mNext] = child(mNode);
    const [tKey, tNext] = child(tNode);
    member = Array.isArray(r) ? undefined : segment;
    r = Array.isArray(r) ? r[Number(segment)] : isRecord(r) ? r[segment] : undefined;
    step(m, mKey, mNext);
    step(t, tKey, tNext);
    [mNode, tNode] = [mNext, tNext];
  }
  return { manifest: m, template: t };
}

/** A source's child for one rendered segment: its key in that source, and its value there. */
type Child = (node: unknown) => readonly [key: string | number, value: unknown];

/** An item of a keyed list is found by its key (when the rendered item has one), anything else by index or member name. */
function childFinder(rendered: unknown, segment: string, member: string | undefined): Child {
  if (!Array.isArray(rendered))
    return (node) => [segment, isRecord(node) && Object.hasOwn(node, segment) ? node[segment] : undefined];
  const index = Number(segment);
  const key = member === undefined ? undefined : KEYED_LISTS[member];
  const name = key !== undefined && isRecord(rendered[index]) ? rendered[index][key] : undefined;
  const match = (item: unknown) => key !== undefined && isRecord(item) && item[key] === name && item[REMOVE] !== true;
  return (node) => {
    const at = typeof name !== 'string' ? index : Array.isArray(node) ? node.findIndex(match) : -1;
    return [at, Array.isArray(node) ? node[at] : undefined];
  };
}

function step(path: Path, key: string | number, next: unknown): void {
  path.segments.push(key);
  if (next === undefined || next === null) path.found = false;
  else if (path.found) path.depth++;
}
