/**
 * Reads the grants of every license whose manifest manages them (`Grants`
 * present), with ListDistributedGrants in the license's HomeRegion, with
 * bounded concurrency. Keyed by LicenseArn.
 */
import pLimit from 'p-limit';
import { licenseError } from '../reconcile/errors.js';
import type { GrantReader } from '../reconcile/ports.js';
import type { GrantsRead, LiveRead, Manifest } from '../reconcile/types.js';

/**
 * `found` holds, by file, the license this tool created for a manifest without
 * a LicenseArn (adopted): its grants are read too. Once `signal` is aborted no
 * new read starts; those licenses' grants read as INTERRUPTED.
 */
export async function readGrants(
  manifests: readonly Manifest[],
  found: ReadonlyMap<string, LiveRead>,
  reader: GrantReader,
  concurrency: number,
  signal?: AbortSignal,
): Promise<Map<string, GrantsRead>> {
  const limit = pLimit(concurrency);
  const managed = manifests.flatMap(({ file, document: { LicenseArn, HomeRegion, Grants } }) => {
    if (Grants === undefined) return [];
    const adopted = found.get(file);
    const arn = LicenseArn ?? (adopted?.ok ? adopted.license.LicenseArn : undefined);
    return arn !== undefined ? [{ LicenseArn: arn, HomeRegion }] : [];
  });
  const entries = await Promise.all(
    managed.map(({ LicenseArn, HomeRegion }) =>
      limit(
        async () =>
          [
            LicenseArn,
            signal?.aborted ? interrupted(LicenseArn) : await reader.listGrants(LicenseArn, HomeRegion),
          ] as const,
      ),
    ),
  );
  return new Map(entries);
}

function interrupted(licenseArn: string): GrantsRead {
  const message = "not read: the run was interrupted before this license's grants were read";
  return { ok: false, error: licenseError('INTERRUPTED', message, { licenseArn }) };
}
