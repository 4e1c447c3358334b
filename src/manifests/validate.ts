/**
 * The entry point of manifest checking: parse, schema, rules, then the
 * across-files check. Pure: it works on texts already read, and never throws.
 */
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { LicenseDocument, Manifest } from '../reconcile/types.js';
import { escapeText } from '../render/escape.js';
import { parseManifest } from './parse.js';
import { duplicateArnErrors, ruleErrors, type ArnClaim } from './rules.js';
import { schemaErrors } from './schema.js';
import type { ManifestSource } from './source.js';

export interface Validation {
  /** The manifests without any problem, in file order, `$schema` removed. */
  manifests: Manifest[];
  /** Every problem in every file, sorted by file, then line and column. */
  errors: LicenseError[];
}

/** Checks every source in one pass and keeps only the valid manifests. */
export function validateManifests(sources: readonly ManifestSource[]): Validation {
  const checked = [...sources].sort((a, b) => compare(a.file, b.file)).map(checkSafely);
  const duplicates = duplicateArnErrors(checked.flatMap((c) => (c.claim ? [c.claim] : [])));
  const duplicated = new Set(duplicates.map((e) => e.file));
  const manifests = checked.flatMap((c) =>
    c.document && !duplicated.has(c.file) ? [{ file: c.file, document: c.document }] : [],
  );
  const errors = [...checked.flatMap((c) => c.errors), ...duplicates]
    .map((error) => ({ ...error, message: escapeText(error.message) }))
    .sort(byPosition);
  return { manifests, errors };
}

/** One file's outcome. */
interface Checked {
  file: string;
  errors: LicenseError[];
  /** Present only when the file has no errors. */
  document?: LicenseDocument;
  /** The license the file declares, when LicenseArn is a string. */
  claim?: ArnClaim;
}

/** Parse, schema and rules for one file; every error carries the file and, if readable, the ARN. */
function checkManifest(source: ManifestSource): Checked {
  const { file } = source;
  const parsed = parseManifest(source);
  const { value, locator } = parsed;
  if (!value) return { file, errors: parsed.errors };
  const licenseArn = typeof value.LicenseArn === 'string' && value.LicenseArn !== '' ? value.LicenseArn : undefined;
  const errors = [...parsed.errors, ...schemaErrors(value, locator, file), ...ruleErrors(value, locator, file)].map(
    (error) => (licenseArn ? { ...error, licenseArn } : error),
  );
  const claim = licenseArn ? { file, licenseArn, position: () => locator.value('/LicenseArn') } : undefined;
  return { file, errors, claim, document: errors.length === 0 ? withoutSchemaKey(value) : undefined };
}

/** A bug here must not hide the other files' results: it becomes a tool-fault error on this file. */
function checkSafely(source: ManifestSource): Checked {
  try {
    return checkManifest(source);
  } catch (error) {
    const cause = error instanceof Error ? error.name : typeof error;
    const message = `${source.file} could not be checked (internal error: ${String(error)}); please report this`;
    return {
      file: source.file,
      errors: [licenseError('MANIFEST_UNREADABLE', message, { file: source.file, fault: 'tool', cause })],
    };
  }
}

/** The document apply will send: `$schema` is for editors only. Copies; never mutates. */
function withoutSchemaKey(value: Record<string, unknown>): LicenseDocument {
  const { $schema: _ignored, ...document } = value;
  return document as unknown as LicenseDocument;
}

function byPosition(a: LicenseError, b: LicenseError): number {
  return compare(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Plain code-unit order, the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
