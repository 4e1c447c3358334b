/**
 * Which file each manifest names as its `$template`, and the checks of the
 * template itself: it must be a file of the manifest directory, one level only,
 * and a partial license (nothing required, nothing unknown). A file some
 * manifest names is a template, never a license of its own.
 */
import { isRecord } from '../reconcile/json-values.js';
import path from 'node:path';
import type { LicenseError } from '../reconcile/errors.js';
import { validate as generatedValidate } from './generated/template-validator.js';
import { keyedPointer, ruleError, toPointer } from './messages.js';
import type { ParsedManifest } from './parse.js';
import type { Locator } from './positions.js';
import { checkAgainst, type ValidateFunction } from './schema.js';
import { KEYED_LISTS, REMOVE } from './template-merge.js';

/** One file parsed, as the validation passes it around. */
export interface ParsedFile {
  file: string;
  parsed: ParsedManifest;
}

interface TemplateUses {
  /** Manifest file → the template file it names (only where that file is a usable template). */
  templateOf: Map<string, string>;
  /** Every file some manifest names as its template, usable or not. */
  templates: Set<string>;
  /** Problems with `$template` members, at the manifest's `$template`. */
  errors: LicenseError[];
}

/**
 * Resolves every manifest's `$template` against the other files: only the files
 * read (those of the manifest directory) can be templates.
 */
export function resolveTemplates(files: readonly ParsedFile[]): TemplateUses {
  const byFile = new Map(files.map((f) => [f.file, f]));
  const uses: TemplateUses = { templateOf: new Map(), templates: new Set(), errors: [] };
  const refs = files.flatMap((f) => {
    const ref = f.parsed.value?.$template;
    return typeof ref === 'string' && ref !== '' ? [{ ...f, ref, target: resolveRef(f.file, ref) }] : [];
  });
  for (const r of refs) if (byFile.has(r.target)) uses.templates.add(r.target);
  for (const { file, parsed, ref, target } of refs) {
    const fail = (clause: string) =>
      uses.errors.push(
        ruleError(`/$template ${JSON.stringify(ref)} ${clause}`, file, parsed.locator.value('/$template')),
      );
    const template = byFile.get(target);
    if (ref.startsWith('/'))
      fail('is an absolute path; name the template relative to this manifest, inside the manifest directory');
    else if (!template)
      fail(
        `names ${target}, which is not a file of the manifest directory; a template must be one (create it or fix the path)`,
      );
    else if (target === file) fail('names this manifest itself; name a product template');
    else if (template.parsed.value && '$template' in template.parsed.value)
      fail(`names ${target}, which has a $template of its own; templates are one level only`);
    else if (template.parsed.value && 'LicenseArn' in template.parsed.value)
      fail(
        `names ${target}, which has a LicenseArn: it is a license, not a template; move the shared members to a file of their own`,
      );
    else uses.templateOf.set(file, target);
  }
  return uses;
}

/** The template's file name, as files are named: relative to the manifest's folder, with `/`. */
export function resolveRef(file: string, ref: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), ref));
}

/**
 * A template's problems: its parse errors, then its own as a partial license
 * (nothing required), where items of keyed lists need their key.
 */
export function templateErrors({ value, locator, errors }: ParsedManifest, file: string): LicenseError[] {
  if (!value) return errors;
  const subject = { code: 'MANIFEST_SCHEMA' as const, noun: 'the template' };
  const { $template: _checkedAtTheManifest, ...rest } = value;
  const schema = checkAgainst(generatedValidate as ValidateFunction, rest, locator, file, subject);
  return [...errors, ...schema, ...keyedItemErrors(value, locator, file)];
}

/**
 * Items of the lists merged by key must have the key (a string), in a template
 * and in a manifest that names one; `$remove` is only `true`, and only in a manifest.
 */
export function keyedItemErrors(
  value: Record<string, unknown>,
  locator: Locator,
  file: string,
  removable = false,
): LicenseError[] {
  const errors: LicenseError[] = [];
  const check = (holder: Record<string, unknown>, at: (string | number)[]) => {
    for (const [member, key] of Object.entries(KEYED_LISTS)) {
      const list = holder[member];
      if (!Array.isArray(list)) continue;
      list.forEach((item, index) => {
        const segments = [...at, member, index];
        const report = (clause: string, where = segments) => {
          const pointer = toPointer(where);
          errors.push(ruleError(`${keyedPointer(value, pointer)} ${clause}`, file, locator.value(pointer)));
        };
        if (!isRecord(item) || typeof item[key] !== 'string')
          report(`needs a string ${key}: items of ${member} are merged with the template's by ${key}`);
        else if (REMOVE in item && (!removable || item[REMOVE] !== true))
          report(
            removable
              ? 'must be true (it drops the template item of that name)'
              : 'is only for a manifest that names a $template',
            [...segments, REMOVE],
          );
        if (member === 'Grants' && isRecord(item)) check(item, segments);
      });
    }
  };
  check(value, []);
  return errors;
}
