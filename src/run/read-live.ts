/**
 * Reads every manifest's live license from its HomeRegion, in batches:
 * grouped by HomeRegion, ListLicenses with `LicenseArns` in chunks (100 by
 * default), every page. A license the batch did not return is read on its own
 * with GetLicense, so not found, deleted and access denied stay per license and
 * one bad ARN never spoils a batch. Readers that can't list are read one by one.
 * Manifests without an ARN (licenses to create) have nothing to read yet.
 */
import pLimit from 'p-limit';
import { licenseError } from '../reconcile/errors.js';
import type { LicenseReader } from '../reconcile/ports.js';
import type { LiveRead, Manifest } from '../reconcile/types.js';
import type { OnProgress } from './progress.js';

/** LicenseArns per ListLicenses call unless told otherwise. */
export const DEFAULT_BATCH_SIZE = 100;

export interface ReadOptions {
  /** Calls in flight at once. */
  concurrency: number;
  /** Once aborted no new read starts; those licenses read as INTERRUPTED. */
  signal?: AbortSignal;
  /** LicenseArns per ListLicenses call (halved when the service refuses the number). */
  batchSize?: number;
  /** One line for the user (stderr), e.g. that reads fell back to GetLicense. */
  note?: (line: string) => void;
  /** Told as each license's read finishes, for progress on long runs. */
  onProgress?: OnProgress;
}

export async function readLive(
  manifests: readonly Manifest[],
  reader: LicenseReader,
  options: ReadOptions,
): Promise<Map<string, LiveRead>> {
  const { signal, note } = options;
  const limit = pLimit(options.concurrency);
  const existing = manifests.filter((m) => m.document.LicenseArn !== undefined);
  const reads = new Map<string, LiveRead>();
  // Each license's read lands once, telling progress as it does.
  const settle = (arn: string, read: LiveRead) => {
    if (reads.has(arn)) return;
    reads.set(arn, read);
    options.onProgress?.({ phase: 'read', done: reads.size, total: existing.length });
  };
  const oneByOne = async (arns: string[], region: string): Promise<void> => {
    await limit.map(arns, async (arn) => {
      settle(arn, signal?.aborted ? interrupted(arn) : await reader.getLicense(arn, region));
    });
  };
  const byRegion = new Map<string, string[]>();
  for (const { document } of existing) {
    const arns = byRegion.get(document.HomeRegion) ?? [];
    if (arns.length === 0) byRegion.set(document.HomeRegion, arns);
    arns.push(document.LicenseArn as string);
  }
  const list = reader.listLicensesByArn?.bind(reader);
  if (!list) {
    await Promise.all([...byRegion].map(([region, arns]) => oneByOne(arns, region)));
    return reads;
  }
  /** Cleared once listing is denied: every later read goes license by license. */
  let listing = true;
  /** One region's ARNs, read in chunks whose size shrinks when the service refuses it. */
  const readRegion = async (region: string, arns: string[]) => {
    let size = options.batchSize ?? DEFAULT_BATCH_SIZE;
    let unasked = 0;
    const inChunks = async (all: string[], chunkSize: number): Promise<void> => {
      await Promise.all(chunks(all, chunkSize).map(readChunk));
    };
    const readChunk = async (arns: string[]): Promise<void> => {
      if (signal?.aborted) {
        for (const arn of arns) settle(arn, interrupted(arn));
        return;
      }
      if (!listing) return oneByOne(arns, region);
      const listed = await limit(() => list(arns, region));
      if (listed.ok) {
        const asked = new Set(arns);
        for (const license of listed.licenses) {
          const arn = license.LicenseArn;
          if (typeof arn !== 'string' || !asked.has(arn)) unasked += 1;
          else settle(arn, { ok: true, license });
        }
        const unlisted = arns.filter((arn) => !reads.has(arn));
        return oneByOne(unlisted, region);
      }
      if (listed.error.code === 'NO_CREDENTIALS') {
        // No read can succeed without credentials: say so once per license, without a call each.
        for (const arn of arns) settle(arn, { ok: false, error: { ...listed.error, licenseArn: arn } });
        return;
      }
      switch (listed.reason) {
        case 'denied':
          if (listing) {
            listing = false;
            note?.(
              `note: these credentials may not call license-manager:ListLicenses (${region}), so each license is read with its own GetLicense; allow ListLicenses to read in batches`,
            );
          }
          return oneByOne(arns, region);
        case 'too-many':
          if (arns.length === 1) return oneByOne(arns, region);
          size = Math.min(size, Math.ceil(arns.length / 2));
          return inChunks(arns, size);
        case 'rejected':
          if (arns.length === 1) return oneByOne(arns, region);
          return inChunks(arns, Math.ceil(arns.length / 2));
        case 'failed':
          return oneByOne(arns, region);
      }
    };
    await inChunks(arns, size);
    if (unasked > 0) {
      note?.(
        `note: ListLicenses in ${region} returned ${unasked} license(s) that were not asked for; they were ignored`,
      );
    }
  };
  await Promise.all([...byRegion].map(([region, arns]) => readRegion(region, arns)));
  return reads;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function interrupted(licenseArn: string): LiveRead {
  const message = 'not read: the run was interrupted before this license was read';
  return { ok: false, error: licenseError('INTERRUPTED', message, { licenseArn }) };
}
