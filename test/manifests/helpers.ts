/** Shared builders for the manifest tests. */
import { readFileSync } from 'node:fs';
import { formatError, type LicenseError } from '../../src/reconcile/errors.js';
import type { ManifestSource } from '../../src/manifests/source.js';

export const FIXTURES = 'test/fixtures/manifests';

/** A fresh copy of a valid manifest (the fixture in the `valid/` folder, without `$schema`). */
export function validDocument(): Record<string, unknown> {
  const doc = JSON.parse(readFileSync(`${FIXTURES}/valid/acme-analytics.json`, 'utf8')) as Record<string, unknown>;
  delete doc.$schema;
  return doc;
}

/** The document as a source, pretty-printed with two spaces (so positions are predictable). */
export function sourceOf(doc: unknown, file = 'licenses/test.json'): ManifestSource {
  return { file, text: JSON.stringify(doc, null, 2) };
}

/** The text at an error's line:column, for asserting what a position points at. */
export function textAt(text: string, error: LicenseError): string {
  const line = text.split(/\r\n|\r|\n/)[(error.line ?? 1) - 1] ?? '';
  return line.slice((error.column ?? 1) - 1);
}

/** Errors as `line:col CODE message` lines: compact to read in a failing assertion. */
export function summary(errors: LicenseError[]): string[] {
  return errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`);
}

export { formatError };
