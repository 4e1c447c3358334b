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
  const limit = pLimit(options.concurrency);
  const existing = manifests.filter((m) => m.document.LicenseArn !== undefined);
  const reads = new Reads(existing.length, options.onProgress);
  const readOne = (arn: string, region: string) =>
    limit(async () => {
      reads.set(arn, options.signal?.aborted ? interrupted(arn) : await reader.getLicense(arn, region));
    });
  const byRegion = new Map<string, string[]>();
  for (const { document } of existing) {
    const arns = byRegion.get(document.HomeRegion) ?? [];
    if (arns.length === 0) byRegion.set(document.HomeRegion, arns);
    arns.push(document.LicenseArn as string);
  }
  const list = reader.listLicensesByArn?.bind(reader);
  if (!list) {
    await Promise.all([...byRegion].flatMap(([region, arns]) => arns.map((arn) => readOne(arn, region))));
    return reads.all;
  }
  const shared = { listing: true };
  const regionReads = [...byRegion].map(([region, arns]) => {
    const batches = new RegionBatches(region, arns, options.batchSize ?? DEFAULT_BATCH_SIZE);
    return batches.read({ list, limit, reads, readOne, shared, options });
  });
  await Promise.all(regionReads);
  return reads.all;
}

/** The reads so far, telling progress as each license's read lands. */
class Reads {
  readonly all = new Map<string, LiveRead>();

  constructor(
    private readonly total: number,
    private readonly onProgress: OnProgress | undefined,
  ) {}

  has(arn: string): boolean {
    return this.all.has(arn);
  }

  set(arn: string, read: LiveRead): void {
    if (this.all.has(arn)) return;
    this.all.set(arn, read);
    this.onProgress?.({ phase: 'read', done: this.all.size, total: this.total });
  }
}

interface BatchContext {
  list: NonNullable<LicenseReader['listLicensesByArn']>;
  limit: ReturnType<typeof pLimit>;
  reads: Reads;
  readOne: (arn: string, region: string) => Promise<void>;
  /** Cleared once listing is denied: every later read goes license by license. */
  shared: { listing: boolean };
  options: ReadOptions;
}

/** One region's ARNs, read in chunks whose size shrinks when the service refuses it. */
class RegionBatches {
  private unasked = 0;

  constructor(
    private readonly region: string,
    private readonly arns: string[],
    private size: number,
  ) {}

  async read(ctx: BatchContext): Promise<void> {
    await Promise.all(chunks(this.arns, this.size).map((chunk) => this.readChunk(chunk, ctx)));
    if (this.unasked > 0) {
      ctx.options.note?.(
        `note: ListLicenses in ${this.region} returned ${this.unasked} license(s) that were not asked for; they were ignored`,
      );
    }
  }

  private async readChunk(arns: string[], ctx: BatchContext): Promise<void> {
    const { signal, note } = ctx.options;
    if (signal?.aborted) {
      for (const arn of arns) ctx.reads.set(arn, interrupted(arn));
      return;
    }
    if (!ctx.shared.listing) return this.oneByOne(arns, ctx);
    const listed = await ctx.limit(() => ctx.list(arns, this.region));
    if (listed.ok) {
      const asked = new Set(arns);
      for (const license of listed.licenses) {
        const arn = license.LicenseArn;
        if (typeof arn !== 'string' || !asked.has(arn)) this.unasked += 1;
        else if (!ctx.reads.has(arn)) ctx.reads.set(arn, { ok: true, license });
      }
      return this.oneByOne(
        arns.filter((arn) => !ctx.reads.has(arn)),
        ctx,
      );
    }
    if (listed.error.code === 'NO_CREDENTIALS') {
      // No read can succeed without credentials: say so once per license, without a call each.
      for (const arn of arns) ctx.reads.set(arn, { ok: false, error: { ...listed.error, licenseArn: arn } });
      return;
    }
    switch (listed.reason) {
      case 'denied':
        if (ctx.shared.listing) {
          ctx.shared.listing = false;
          note?.(
            `note: these credentials may not call license-manager:ListLicenses (${this.region}), so each license is read with its own GetLicense; allow ListLicenses to read in batches`,
          );
        }
        return this.oneByOne(arns, ctx);
      case 'too-many':
        if (arns.length === 1) return this.oneByOne(arns, ctx);
        this.size = Math.min(this.size, Math.ceil(arns.length / 2));
        await Promise.all(chunks(arns, this.size).map((chunk) => this.readChunk(chunk, ctx)));
        return;
      case 'rejected':
        if (arns.length === 1) return this.oneByOne(arns, ctx);
        await Promise.all(chunks(arns, Math.ceil(arns.length / 2)).map((chunk) => this.readChunk(chunk, ctx)));
        return;
      case 'failed':
        return this.oneByOne(arns, ctx);
    }
  }

  private async oneByOne(arns: string[], ctx: BatchContext): Promise<void> {
    await Promise.all(arns.map((arn) => ctx.readOne(arn, this.region)));
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function interrupted(licenseArn: string): LiveRead {
  return {
    ok: false,
    error: licenseError('INTERRUPTED', 'not read: the run was interrupted before this license was read', {
      licenseArn,
    }),
  };
}
