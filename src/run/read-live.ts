/** Reads every manifest's live license from its HomeRegion, with bounded concurrency (manifests without an ARN have none yet). */
import pLimit from 'p-limit';
import { licenseError } from '../reconcile/errors.js';
import type { LicenseReader } from '../reconcile/ports.js';
import type { LiveRead, Manifest } from '../reconcile/types.js';
import type { OnProgress } from './progress.js';

/** Once `signal` is aborted no new read starts; those licenses read as INTERRUPTED. */
export async function readLive(
  manifests: readonly Manifest[],
  reader: LicenseReader,
  concurrency: number,
  signal?: AbortSignal,
  onProgress?: OnProgress,
): Promise<Map<string, LiveRead>> {
  const limit = pLimit(concurrency);
  let done = 0;
  const counted = (read: LiveRead): LiveRead => {
    onProgress?.({ phase: 'read', done: ++done, total: manifests.length });
    return read;
  };
  const read = async (LicenseArn: string, HomeRegion: string): Promise<LiveRead> =>
    signal?.aborted ? interrupted(LicenseArn) : reader.getLicense(LicenseArn, HomeRegion);
  const entries = await Promise.all(
    manifests.flatMap(({ document: { LicenseArn, HomeRegion } }) =>
      LicenseArn === undefined
        ? []
        : [limit(async () => [LicenseArn, counted(await read(LicenseArn, HomeRegion))] as const)],
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
