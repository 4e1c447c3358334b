/**
 * Writing manifest files: where a new one goes, its `$schema` locator, and the
 * write itself — a new file only under a name no file has, a rewrite by replacing
 * the file whole (temp file + rename), so a crash never leaves half a manifest.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { LicenseDocument } from '../reconcile/types.js';
import licenseSchema from '../../schemas/license.schema.json' with { type: 'json' };
import { renderManifest } from './from-live.js';
import { kindAt } from './source.js';
import { shownPath, toPosix } from '../paths.js';

/** How a manifest file is written. */
export type WriteMode =
  /** A new file; fails (EEXIST) if a file with that name appeared meanwhile. */
  | 'create'
  /** An existing file, replaced whole by an atomic rename. */
  | 'replace';

/** The `$schema` value for a manifest written at a given path. */
export type SchemaLocator = (file: string) => string;

/** Writes `document` (for `licenseArn`) to `file`; a WRITE_FAILED error naming the file if it could not. */
export async function writeManifest(
  licenseArn: string,
  document: LicenseDocument,
  file: string,
  mode: WriteMode,
  schema: SchemaLocator,
): Promise<LicenseError | undefined> {
  const text = renderManifest(document, schema(file));
  try {
    await mkdir(path.dirname(file), { recursive: true });
    if (mode === 'create') await writeFile(file, text, { flag: 'wx' });
    else await replaceFile(file, text);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const message =
      code === 'EEXIST'
        ? `${file} appeared while importing; it was left as it is, run import again`
        : `${file} could not be written (${code})`;
    return licenseError('WRITE_FAILED', message, { file, licenseArn, cause: code, fault: 'user' });
  }
}

/**
 * Writes beside the file, then renames over it, so a crash never leaves half a manifest.
 * The temporary name is short, so any name the file system allows can be replaced.
 */
export async function replaceFile(file: string, text: string): Promise<void> {
  const name = `.license-gitops-${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  const temporary = path.join(path.dirname(file), name);
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Where a new manifest named `name` goes in `dir`: relative to the working directory when inside it, with `/` separators. */
export function newManifestPath(dir: string, name: string): string {
  return shownPath(path.resolve(dir, name));
}

/**
 * `$schema` for manifests written under `dir`: the relative path from each file to
 * the repository's own `schemas/license.schema.json` (looked for from `dir` up to the
 * git top level). When the repository has none, this version's schema is copied
 * there first (`schemas/` at the git top, or beside `dir` outside git) and
 * `onCopied` is told, so editors validate against a file that is in the repository.
 */
export async function schemaLocator(
  dir: string = process.cwd(),
  onCopied: (file: string) => void = () => undefined,
): Promise<SchemaLocator> {
  const start = path.resolve(dir);
  const found = await findSchemaFile(start);
  const local = found.file ?? (await copySchema(found.top ?? path.dirname(start), onCopied));
  return (file) => toPosix(path.relative(path.dirname(path.resolve(file)), local));
}

/** The repository's schema file at or above `start`, and the git top level it stopped at. */
async function findSchemaFile(start: string): Promise<{ file?: string; top?: string }> {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'schemas', 'license.schema.json');
    if ((await kindAt(candidate)) === 'file') return { file: candidate };
    if ((await kindAt(path.join(dir, '.git'))) !== undefined) return { top: dir };
    if (path.dirname(dir) === dir) return {};
  }
}

async function copySchema(root: string, onCopied: (file: string) => void): Promise<string> {
  const file = path.join(root, 'schemas', 'license.schema.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(licenseSchema, null, 2)}\n`, { flag: 'wx' }).then(
    () => onCopied(shownPath(file)),
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return file;
}
