/** Reads every manifest's live license from its HomeRegion, with bounded concurrency (manifests without an ARN have none yet). */
import pLimit from 'p-limit';
import { licenseError } from '../reconcile/errors.js';
import type { LicenseReader } from '../reconcile/ports.js';
import type { LiveRead, Manifest } from '../reconcile/types.js';

/** Once `signal` is aborted no new read starts; those licenses read as INTERRUPTED. */
export async function readLive(
  manifests: readonly Manifest[],
  reader: LicenseReader,
  concurrency: number,
  signal?: AbortSignal,
): Promise<Map<string, LiveRead>> {
  const limit = pLimit(concurrency);
  const read = async (LicenseArn: string, HomeRegion: string): Promise<LiveRead> =>
    signal?.aborted ? interrupted(LicenseArn) : reader.getLicense(LicenseArn, HomeRegion);
  const entries = await Promise.all(
    manifests.flatMap(({ document: { LicenseArn, HomeRegion } }) =>
      LicenseArn === undefined ? [] : [limit(async () => [LicenseArn, await read(LicenseArn, HomeRegion)] as const)],
    ),
  );
  return new Map(entries);
}

function interrupted(licenseArn: string): LiveRead {
  return {
    ok: false,
    error: licenseError('INTERRUPTED', 'not read: the run was interrupted before this license was read', {
      licenseArn,
    }),
  };
}
