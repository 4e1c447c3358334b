/**
 * The file-system edge of manifest loading: find every `*.json` under a
 * directory and read it. Everything after this works on plain text.
 */
import type { Dirent } from 'node:fs';
import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { isOutside, shownPath, shownPathsBelow } from '../paths.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { escapeText } from '../render/escape.js';
import { codeUnitOrder } from '../reconcile/json-values.js';

// Synchronous calls behind promises: the directory is read in full before anything else
// happens anyway, and loading node:fs/promises alone costs a tenth of `validate`'s start-up.
const readdir = async (dir: string, options: { withFileTypes: true }): Promise<Dirent[]> => readdirSync(dir, options);
const realpath = async (file: string): Promise<string> => realpathSync(file);
const stat = async (file: string) => statSync(file);

/** One manifest file's text and the path a user would type for it. */
export interface ManifestSource {
  /** Relative to the working directory when inside it (e.g. `licenses/acme.json`), else absolute. */
  file: string;
  text: string;
}

export interface ManifestDir {
  sources: ManifestSource[];
  errors: LicenseError[];
}

/** A manifest is a few KB; anything this big is not one. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/** Reads every `*.json` under `dir` (recursively, sorted by path); problems come back as errors. */
export async function readManifestDir(dir: string): Promise<ManifestDir> {
  const root = await realDir(dir);
  if (typeof root !== 'string') return { sources: [], errors: [root] };
  const shown = path.resolve(dir);
  const { files, errors } = await findManifests(root, shown);
  const show = shownPathsBelow(shown);
  const read = files.map((rel) => readManifest(path.join(shown, rel), show(rel)));
  const sources = read.filter((r): r is ManifestSource => 'text' in r);
  const readErrors = read.filter((r): r is LicenseError => 'code' in r);
  return { sources, errors: [...errors, ...readErrors].sort((a, b) => codeUnitOrder(a.file ?? '', b.file ?? '')) };
}

/** The directory's real path, or a USAGE error saying what to do. */
export async function realDir(dir: string): Promise<string | LicenseError> {
  const hint = 'pass the folder that holds the *.json manifests';
  try {
    const real = await realpath(dir);
    if ((await stat(real)).isDirectory()) return real;
    return licenseError('USAGE', `manifest directory "${dir}" is not a directory; ${hint}`);
  } catch (error) {
    const cause = codeOf(error);
    const problem = cause === 'ENOENT' || cause === 'ENOTDIR' ? 'does not exist' : `could not be opened (${cause})`;
    const message = `manifest directory "${dir}" ${problem} (looked in ${path.resolve(dir)}); create it or ${hint}`;
    return licenseError('USAGE', message, { cause });
  }
}

interface Found {
  files: string[];
  errors: LicenseError[];
}

/**
 * Walks the tree below `root` (a real path); `shown` is the same folder as the
 * user named it, for display. Skips dot-folders and node_modules.
 */
async function findManifests(root: string, shown: string): Promise<Found> {
  const found: Found = { files: [], errors: [] };
  const pending = [''];
  for (let relDir = pending.pop(); relDir !== undefined; relDir = pending.pop()) {
    const entries = await readdir(path.join(root, relDir), { withFileTypes: true }).catch((error: unknown) => {
      const folder = shownPath(path.join(shown, relDir));
      found.errors.push(unreadable(folder, `could not be listed (${codeOf(error)})`, codeOf(error)));
      return [];
    });
    for (const entry of entries) {
      const rel = path.join(relDir, entry.name);
      if (entry.isDirectory()) {
        if (!skippedFolder(entry.name)) pending.push(rel);
      } else if (entry.name.endsWith('.json') && entry.isFile()) {
        found.files.push(rel);
      } else if (entry.isSymbolicLink()) {
        await followLink(root, shown, rel, entry, found);
      }
    }
  }
  found.files.sort(codeUnitOrder);
  return found;
}

function skippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/**
 * Whether a path below the manifest directory (with `/`) is one the directory
 * walk reads: a `*.json` not inside a dot-folder or node_modules. Reads through
 * git select files by the same rule, so every source takes the same set.
 */
export function isManifestPath(relative: string): boolean {
  const segments = relative.split('/');
  return relative.endsWith('.json') && segments.slice(0, -1).every((name) => !skippedFolder(name));
}

/**
 * A symlinked `*.json` inside the folder is read; one resolving outside it is
 * refused, as is a symlinked folder outside it. Symlinked folders inside are
 * skipped: their files are read at their real path.
 */
async function followLink(root: string, shown: string, rel: string, entry: Dirent, found: Found): Promise<void> {
  const file = shownPath(path.join(shown, rel));
  const isJson = entry.name.endsWith('.json');
  const target = await realpath(path.join(root, rel)).catch(() => undefined);
  const info = target === undefined ? undefined : await stat(target).catch(() => undefined);
  if (target === undefined || info === undefined) {
    if (isJson) found.errors.push(unreadable(file, 'is a broken symlink'));
    return;
  }
  const isFile = info.isFile();
  if (isFile && !isJson) return;
  const relative = path.relative(root, target);
  if (relative === '' || isOutside(relative)) {
    const clause = `is a symlink to ${target}, outside ${shownPath(shown)}; manifests must live inside the manifest directory`;
    found.errors.push(unreadable(file, clause));
  } else if (isFile) {
    found.files.push(rel);
  }
}

/** What is at `file`: a file, a directory, something else, or nothing that can be reached (undefined). */
export async function kindAt(file: string): Promise<'file' | 'directory' | 'other' | undefined> {
  const info = await stat(file).catch(() => undefined);
  return info === undefined ? undefined : info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
}

/** Reads one file (at most MAX_MANIFEST_BYTES) as UTF-8 text, or says why it can't. */
export function readManifest(absolute: string, file: string): ManifestSource | LicenseError {
  let bytes: Buffer | undefined;
  try {
    bytes = readBounded(absolute);
  } catch (error) {
    return unreadable(file, `could not be read (${codeOf(error)})`, codeOf(error));
  }
  if (!bytes) return unreadable(file, `is larger than ${MAX_MANIFEST_BYTES} bytes; a manifest is a few KB`);
  if (!isUtf8(bytes)) return unreadable(file, 'is not UTF-8 text');
  return { file, text: bytes.toString('utf8') };
}

/**
 * The file's bytes, or undefined when it is over the size limit. Synchronous on
 * purpose: manifests are a few KB on a local disk, nothing else runs while they
 * are read, and four direct system calls per file are several times quicker
 * than four round trips through libuv's thread pool.
 */
function readBounded(file: string): Buffer | undefined {
  const fd = openSync(file, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_MANIFEST_BYTES) return undefined;
    const buffer = Buffer.allocUnsafe(size);
    const bytesRead = readSync(fd, buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    closeSync(fd);
  }
}

function unreadable(file: string, clause: string, cause?: string): LicenseError {
  return licenseError('MANIFEST_UNREADABLE', escapeText(`${file} ${clause}`), { file, cause });
}

function codeOf(error: unknown): string {
  return (error as { code?: string } | null)?.code ?? String(error);
}
