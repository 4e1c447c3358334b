/**
 * Whether the manifest folder is there where the manifests are read. A folder
 * that isn't (misspelt, or a file, link or submodule) reads as no manifests at
 * all, and a prune would then retire every license this tool created; so it is
 * an error, unless git removed it with the last manifests it held.
 */
import path from 'node:path';
import { realDir } from '../manifests/source.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { ManifestSet, SourceOptions } from './sources.js';

/**
 * Reading what is committed finds nothing in a folder that isn't there, which is no
 * proof that no manifest exists: a misspelt --dir would prune every marked license.
 * So the folder must be in the commit read (HEAD, or --ref), as it must be in the
 * working tree when that is read (emptiedByGit excuses a folder git removed with
 * the last manifests it held).
 */
export async function missingDir(
  cwd: string,
  options: SourceOptions,
  inCommit: boolean | undefined,
  commit: string | undefined,
): Promise<LicenseError[]> {
  if ((!options.committed && !options.ref) || options.folderMayBeGone) return [];
  if (inCommit === false) {
    const ref = options.ref ?? 'HEAD';
    const at = ref === commit ? `commit ${commit}` : `${ref} (commit ${commit})`;
    return [notAFolderError(options.dir, `at ${at}`)];
  }
  if (inCommit === true) return [];
  // Nothing committed yet to look in: the folder must at least exist here.
  const found = await realDir(path.resolve(cwd, options.dir));
  return typeof found === 'string' ? [] : [found];
}

export function notAFolderError(dir: string, where: string): LicenseError {
  const message = `manifest directory "${dir}" is not a folder ${where} (it is missing, or a file, link or submodule); pass the folder that holds the *.json manifests`;
  return licenseError('USAGE', message, { cause: 'ENOENT' });
}

/**
 * Git removes a folder with its last file: when the manifests deleted since the
 * ref were the last ones, the missing directory is what is planned, not a mistake;
 * unless git sees them moved elsewhere, when `--dir` names where they used to be.
 */
export async function emptiedByGit(set: ManifestSet, movedAway?: () => Promise<string[]>): Promise<ManifestSet> {
  if (set.removed.length === 0) return set;
  const missing = (e: LicenseError) => e.code === 'USAGE' && e.cause === 'ENOENT' && e.file === undefined;
  if (!set.errors.some(missing)) return set;
  // A folder whose manifests were moved elsewhere is not retired with them: --dir names the old place.
  const moved = (await movedAway?.()) ?? [];
  const hint = `; its manifests were moved (${moved.slice(0, 3).join(', ')}): pass the folder they were moved to`;
  const errors =
    moved.length > 0
      ? set.errors.map((e) => (missing(e) ? { ...e, message: `${e.message}${hint}` } : e))
      : set.errors.filter((e) => !missing(e));
  return { ...set, errors };
}
