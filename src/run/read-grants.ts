/**
 * Reads the grants of every license whose manifest manages them (`Grants`
 * present), with ListDistributedGrants in the license's HomeRegion, with
 * bounded concurrency. Keyed by LicenseArn.
 */
import pLimit from 'p-limit';
import { licenseError } from '../reconcile/errors.js';
import type { GrantReader } from '../reconcile/ports.js';
import type { GrantsRead, Manifest } from '../reconcile/types.js';

/** Once `signal` is aborted no new read starts; those licenses' grants read as INTERRUPTED. */
export async function readGrants(
  manifests: readonly Manifest[],
  reader: GrantReader,
  concurrency: number,
  signal?: AbortSignal,
): Promise<Map<string, GrantsRead>> {
  const limit = pLimit(concurrency);
  const managed = manifests.flatMap(({ document: { LicenseArn, HomeRegion, Grants } }) =>
    LicenseArn !== undefined && Grants !== undefined ? [{ LicenseArn, HomeRegion }] : [],
  );
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
