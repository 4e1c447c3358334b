/** Reads every manifest's live license from its HomeRegion, with bounded concurrency. */
import pLimit from 'p-limit';
import type { LicenseReader } from '../reconcile/ports.js';
import type { LiveRead, Manifest } from '../reconcile/types.js';

export async function readLive(
  manifests: readonly Manifest[],
  reader: LicenseReader,
  concurrency: number,
): Promise<Map<string, LiveRead>> {
  const limit = pLimit(concurrency);
  const entries = await Promise.all(
    manifests.map(({ document }) =>
      limit(
        async () => [document.LicenseArn, await reader.getLicense(document.LicenseArn, document.HomeRegion)] as const,
      ),
    ),
  );
  return new Map(entries);
}
