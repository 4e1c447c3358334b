/**
 * `import --template FILE`: manifests that name a product template and hold only
 * what differs from it. The template is read and checked once (a partial
 * license: no `$template`, no LicenseArn); each imported license keeps the
 * members that differ from the template's, keyed lists item by item, so the
 * template merged under the manifest gives the license back.
 */
import { isRecord } from '../reconcile/json-values.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { LicenseDocument } from '../reconcile/types.js';
import { toPosix } from '../paths.js';
import { ruleError } from './messages.js';
import { parseManifest } from './parse.js';
import { MAX_MANIFEST_BYTES } from './source.js';
import { diffFromTemplate, KEYED_LISTS, type JsonObject } from './template-merge.js';
import { templateErrors } from './templates.js';

export interface ImportTemplate {
  /** The template's path, as given (relative to the working directory). */
  file: string;
  value: JsonObject;
}

/** The template file read and checked, or its problems (file:line:col). */
export async function readImportTemplate(file: string): Promise<ImportTemplate | LicenseError[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => error);
  if (typeof text !== 'string')
    return [licenseError('USAGE', `--template ${file} could not be read (${text.code ?? String(text)})`, { file })];
  if (text.length > MAX_MANIFEST_BYTES)
    return [licenseError('USAGE', `--template ${file} is larger than ${MAX_MANIFEST_BYTES} bytes`, { file })];
  const parsed = parseManifest({ file, text });
  if (!parsed.value) return parsed.errors;
  const errors = templateErrors(parsed, file);
  for (const member of ['$template', 'LicenseArn'])
    if (member in parsed.value)
      errors.push(
        ruleError(`a template has no ${member}; name a product template`, file, parsed.locator.key(`/${member}`)),
      );
  if (errors.length > 0) return errors;
  const { $schema: _schema, ...value } = parsed.value;
  return { file, value: value as JsonObject };
}

/** The manifest for `document` written at `manifestFile`: `$template` (relative to it) and what differs from the template. */
export function templatedDocument(
  document: LicenseDocument,
  template: ImportTemplate,
  manifestFile: string,
): LicenseDocument {
  const license = inTemplateOrder(document as unknown as JsonObject, template.value);
  const ref = toPosix(path.relative(path.dirname(path.resolve(manifestFile)), path.resolve(template.file)));
  const own = diffFromTemplate(template.value, license);
  // The ARN first, as import writes it; then the template; then the rest.
  const { LicenseArn, ...rest } = own;
  return { ...(LicenseArn !== undefined ? { LicenseArn } : {}), $template: ref, ...rest } as unknown as LicenseDocument;
}

/** Keyed lists with the template's items first, in its order: their order is not drift, and the merge keeps it. */
function inTemplateOrder(license: JsonObject, template: JsonObject): JsonObject {
  const out: JsonObject = { ...license };
  for (const [member, key] of Object.entries(KEYED_LISTS)) {
    const mine = license[member];
    const theirs = template[member];
    if (!Array.isArray(mine) || !Array.isArray(theirs)) continue;
    const keyOf = (item: unknown) => (isRecord(item) ? item[key] : undefined);
    const order = theirs.map(keyOf);
    const rank = (item: unknown) => {
      const at = order.indexOf(keyOf(item));
      return at === -1 ? order.length : at;
    };
    out[member] = [...mine].sort((a, b) => rank(a) - rank(b));
  }
  return out;
}
