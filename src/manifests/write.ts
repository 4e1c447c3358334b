/**
 * Writing manifest files: where a new one goes, its `$schema` locator, and the
 * write itself — a new file only under a name no file has, a rewrite by replacing
 * the file whole (temp file + rename), so a crash never leaves half a manifest.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { LicenseDocument } from '../reconcile/types.js';
import { renderManifest, SCHEMA_ID } from './from-live.js';
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

/** Writes beside the file, then renames over it, so a crash never leaves half a manifest. */
export async function replaceFile(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
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
 * `$schema` for a manifest at `file`: the relative path to schemas/license.schema.json
 * when the working tree has one (looking up from the working directory to the git
 * top), else the schema's `$id` URL.
 */
export async function schemaLocator(): Promise<SchemaLocator> {
  const local = await findSchemaFile(process.cwd());
  if (local === undefined) return () => SCHEMA_ID;
  return (file) => toPosix(path.relative(path.dirname(path.resolve(file)), local));
}

async function findSchemaFile(start: string): Promise<string | undefined> {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'schemas', 'license.schema.json');
    if (await isFile(candidate)) return candidate;
    const atTop = (await stat(path.join(dir, '.git')).catch(() => undefined)) !== undefined;
    if (atTop || path.dirname(dir) === dir) return undefined;
  }
}

function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
}
