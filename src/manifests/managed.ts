/**
 * The licenses a manifest directory already manages: which manifest claims each
 * LicenseArn, and which names are taken where new manifests go. Import reads this
 * first so it never writes a second manifest for a managed license.
 */
import { readdir } from 'node:fs/promises';
import { isWithin } from '../paths.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { kindAt, readManifestDir } from './source.js';

/** What --dir already holds. */
export interface Managed {
  /** LicenseArn → the first manifest (in path order) that claims it, anywhere under --dir (or the manifest tree it is in). */
  claims: Map<string, string>;
  /** Every manifest read, claiming a license or not. */
  files: string[];
  /** Every name in --dir itself, where new manifests go. */
  taken: string[];
}

/**
 * Every manifest under --dir, parsed just enough to learn its LicenseArn; when
 * --dir is a subfolder of the manifest tree, every manifest in the tree (a
 * subfolder must see the licenses its siblings manage). A --dir outside the tree
 * is a tree of its own. Fails closed on unreadable files.
 */
export async function readManaged(
  dir: string,
  tree: string = dir,
  /** Why every manifest is read, for the message of a file that can't be. */
  purpose = (root: string) => `import reads every manifest under ${root} to find the licenses already managed`,
): Promise<Managed | LicenseError[]> {
  const kind = await kindAt(dir);
  if (kind !== undefined && kind !== 'directory')
    return [licenseError('USAGE', `"${dir}" is not a directory; pass --dir`)];
  const exists = kind === 'directory';
  const root = isWithin(dir, tree) && (await kindAt(tree)) === 'directory' ? tree : exists ? dir : undefined;
  if (root === undefined) return { claims: new Map(), files: [], taken: [] };
  const { sources, errors } = await readManifestDir(root);
  if (errors.length > 0) {
    const why = `${purpose(root)}; fix or move this file`;
    return errors.map((error) => ({ ...error, message: `${error.message}; ${why}` }));
  }
  const claims = new Map<string, string>();
  for (const { file, text } of sources) {
    const arn = claimedArn(text);
    if (arn !== undefined && !claims.has(arn)) claims.set(arn, file);
  }
  return { claims, files: sources.map((s) => s.file), taken: exists ? await readdir(dir) : [] };
}

/** The LicenseArn a manifest claims; a file that isn't JSON (being edited) is searched for the member. */
export function claimedArn(text: string): string | undefined {
  const arn = topString(text, 'LicenseArn');
  return arn === null ? /"LicenseArn"\s*:\s*"([^"\\]+)"/.exec(text)?.[1] : arn;
}

/** The HomeRegion a manifest declares, when it is readable JSON with one. */
export function declaredRegion(text: string): string | undefined {
  return topString(text, 'HomeRegion') ?? undefined;
}

/** A top-level string member of JSON `text`; null when the text is not JSON. */
function topString(text: string, member: string): string | undefined | null {
  try {
    const value = (JSON.parse(text) as Record<string, unknown> | null)?.[member];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return null;
  }
}
