/**
 * The licenses a manifest directory already manages: which manifest claims each
 * LicenseArn, and which names are taken where new manifests go. Import reads this
 * first so it never writes a second manifest for a managed license.
 */
import { readdir, stat } from 'node:fs/promises';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { readManifestDir } from './source.js';

/** What --dir already holds. */
export interface Managed {
  /** LicenseArn → the first manifest (in path order) that claims it, anywhere under --dir. */
  claims: Map<string, string>;
  /** Every name in --dir itself, where new manifests go. */
  taken: string[];
}

/** Every manifest under --dir, parsed just enough to learn its LicenseArn. Fails closed on unreadable files. */
export async function readManaged(dir: string): Promise<Managed | LicenseError[]> {
  const exists = await stat(dir).then(
    (info) => info.isDirectory() || 'file',
    () => false,
  );
  if (exists === 'file') return [licenseError('USAGE', `"${dir}" is not a directory; pass --dir`)];
  if (!exists) return { claims: new Map(), taken: [] };
  const { sources, errors } = await readManifestDir(dir);
  if (errors.length > 0) {
    const why = `import reads every manifest under ${dir} to find the licenses already managed; fix or move this file`;
    return errors.map((error) => ({ ...error, message: `${error.message}; ${why}` }));
  }
  const claims = new Map<string, string>();
  for (const { file, text } of sources) {
    const arn = claimedArn(text);
    if (arn !== undefined && !claims.has(arn)) claims.set(arn, file);
  }
  return { claims, taken: await readdir(dir) };
}

/** The LicenseArn a manifest claims; a file that isn't JSON (being edited) is searched for the member. */
export function claimedArn(text: string): string | undefined {
  try {
    const value = JSON.parse(text) as { LicenseArn?: unknown } | null;
    return typeof value?.LicenseArn === 'string' ? value.LicenseArn : undefined;
  } catch {
    return /"LicenseArn"\s*:\s*"([^"\\]+)"/.exec(text)?.[1];
  }
}

/** The HomeRegion a manifest declares, when it is readable JSON with one. */
export function declaredRegion(text: string): string | undefined {
  try {
    const value = JSON.parse(text) as { HomeRegion?: unknown } | null;
    return typeof value?.HomeRegion === 'string' ? value.HomeRegion : undefined;
  } catch {
    return undefined;
  }
}
