/**
 * What the rest of the manifest tree declares, for a run over one folder of it
 * (`--dir licenses/team`): the LicenseArns its manifests claim and the names the
 * marker gives them. A license another folder manages is then never adopted by
 * this folder's new manifest, nor pruned as if no manifest kept it. Read from the
 * files, as import reads them (a claim on disk keeps a license, whatever the
 * commit planned); a file that can't be read stops the run, as no one could say
 * what it keeps.
 */
import { readManaged } from '../manifests/managed.js';
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
  const why = (root: string) =>
    `a run over a folder reads every manifest of ${root}, so that it adopts and prunes no license another folder declares`;
  const managed = await readManaged(tree, tree, why);
  if (Array.isArray(managed)) return { errors: managed };
  return {
    arns: [...managed.claims.keys()],
    keys: managed.files.map((file) => manifestTagValue(manifestKey(file, tree))),
  };
}
