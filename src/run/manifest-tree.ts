/**
 * What the rest of the manifest tree declares, for a run over one folder of it
 * (`--dir licenses/team`): the LicenseArns its manifests claim and the names the
 * marker gives them. A license another folder manages is then never adopted by
 * this folder's new manifest, nor pruned as if no manifest kept it. Read from the
 * files (a claim on disk keeps a license, whatever the commit planned); a file
 * that can't be read stops the run, as no one could say what it keeps.
 */
import { claimedArn } from '../manifests/managed.js';
import { readManifestDir } from '../manifests/source.js';
import type { LicenseError } from '../reconcile/errors.js';
import { manifestKey, manifestTagValue } from './marker.js';

export interface TreeClaims {
  /** Every LicenseArn a manifest of the tree declares. */
  arns: string[];
  /** The marker's name for every manifest of the tree. */
  keys: string[];
}

export const NO_CLAIMS: TreeClaims = { arns: [], keys: [] };

export async function treeClaims(tree: string): Promise<TreeClaims | { errors: LicenseError[] }> {
  const { sources, errors } = await readManifestDir(tree);
  if (errors.length > 0) {
    const why = `a run over a folder reads every manifest of ${tree}, so that it adopts and prunes no license another folder declares; fix or move this file`;
    return { errors: errors.map((error) => ({ ...error, message: `${error.message}; ${why}` })) };
  }
  return {
    arns: sources.flatMap((s) => claimedArn(s.text) ?? []),
    keys: sources.map((s) => manifestTagValue(manifestKey(s.file, tree))),
  };
}
