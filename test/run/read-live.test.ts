/** Batched reads: by HomeRegion, ListLicenses by LicenseArns in chunks, GetLicense for what a batch didn't return. */
import { describe, expect, it } from 'vitest';
import { licenseError } from '../../src/reconcile/errors.js';
import type { BatchFailure, BatchRead, LicenseReader } from '../../src/reconcile/ports.js';
import type { LiveRead, Manifest } from '../../src/reconcile/types.js';
import { readLive } from '../../src/run/read-live.js';
import { sampleDocument } from '../reconcile/sample.js';

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const arn = (i: number) => `arn:aws:license-manager::123456789012:license:l-${i.toString(16).padStart(32, '0')}`;
const manifests = (count: number): Manifest[] =>
  Array.from({ length: count }, (_, i) => ({
    file: `licenses/${i}.json`,
    document: sampleDocument({ LicenseArn: arn(i), HomeRegion: REGIONS[i % 3]! }),
  }));

/** A reader over `live` (ARN → region) that logs calls; `refuse` decides a list call's failure. */
function fakeReader(
  live: Map<string, string>,
  refuse: (arns: readonly string[]) => BatchFailure | undefined = () => undefined,
) {
  const calls: Array<{ op: string; region: string; arns: readonly string[] }> = [];
  const reader: LicenseReader = {
    async getLicense(licenseArn, region): Promise<LiveRead> {
      calls.push({ op: 'get', region, arns: [licenseArn] });
      return live.get(licenseArn) === region
        ? { ok: true, license: { LicenseArn: licenseArn, Version: '1' } }
        : { ok: false, error: licenseError('NOT_FOUND', 'license not found') };
    },
    async listLicensesByArn(licenseArns, region): Promise<BatchRead> {
      calls.push({ op: 'list', region, arns: licenseArns });
      const reason = refuse(licenseArns);
      if (reason) return { ok: false, reason, error: licenseError('READ_FAILED', `refused: ${reason}`) };
      return {
        ok: true,
        licenses: licenseArns.filter((a) => live.get(a) === region).map((a) => ({ LicenseArn: a, Version: '1' })),
      };
    },
  };
  return { reader, calls };
}

const everything = (count: number) =>
  new Map(manifests(count).map((m) => [m.document.LicenseArn as string, m.document.HomeRegion]));

describe('readLive in batches', () => {
  it('1,000 licenses in 3 regions: 12 ListLicenses of at most 100 ARNs, each in its region, no GetLicense', async () => {
    const live = everything(1000);
    const { reader, calls } = fakeReader(live);
    const reads = await readLive(manifests(1000), reader, { concurrency: 10 });
    expect(reads.size).toBe(1000);
    expect([...reads.values()].every((r) => r.ok)).toBe(true);
    expect(calls.every((c) => c.op === 'list' && c.arns.length <= 100)).toBe(true);
    expect(calls).toHaveLength(12);
    expect(calls.every((c) => c.arns.every((a) => live.get(a) === c.region))).toBe(true);
  });

  it('reads what a batch did not return with GetLicense, so not found stays per license', async () => {
    const live = everything(10);
    live.delete(arn(4));
    const { reader, calls } = fakeReader(live);
    const reads = await readLive(manifests(10), reader, { concurrency: 4 });
    expect(reads.get(arn(4))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(calls.filter((c) => c.op === 'get').map((c) => c.arns[0])).toEqual([arn(4)]);
    expect([...reads.values()].filter((r) => r.ok)).toHaveLength(9);
  });

  it('uses the configured chunk size, and halves it when the service refuses the number', async () => {
    const { reader, calls } = fakeReader(everything(90), (arns) => (arns.length > 7 ? 'too-many' : undefined));
    const reads = await readLive(manifests(90), reader, { concurrency: 4, batchSize: 30 });
    expect([...reads.values()].every((r) => r.ok)).toBe(true);
    const lists = calls.filter((c) => c.op === 'list');
    expect(lists.filter((c) => c.arns.length > 7).length).toBeGreaterThan(0);
    expect(calls.some((c) => c.op === 'get')).toBe(false);
  });

  it('splits a batch refused for another reason until the bad ARN is alone, then reads it by itself', async () => {
    const bad = arn(3); // in us-east-1 with 0, 6, 9, …
    const { reader, calls } = fakeReader(everything(30), (arns) => (arns.includes(bad) ? 'rejected' : undefined));
    const reads = await readLive(manifests(30), reader, { concurrency: 4 });
    expect([...reads.values()].every((r) => r.ok)).toBe(true);
    expect(calls.filter((c) => c.op === 'get').map((c) => c.arns[0])).toEqual([bad]);
  });

  it('without ListLicenses permission: one note, then GetLicense for every license', async () => {
    const notes: string[] = [];
    const { reader, calls } = fakeReader(everything(20), () => 'denied');
    const reads = await readLive(manifests(20), reader, { concurrency: 1, note: (line) => notes.push(line) });
    expect([...reads.values()].every((r) => r.ok)).toBe(true);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/license-manager:ListLicenses.*GetLicense/);
    expect(calls.filter((c) => c.op === 'list').length).toBeLessThanOrEqual(3); // at most the first of each region
    expect(calls.filter((c) => c.op === 'get')).toHaveLength(20);
  });

  it('ignores licenses it did not ask for, and says so', async () => {
    const notes: string[] = [];
    const { reader } = fakeReader(everything(3));
    const sly: LicenseReader = {
      getLicense: reader.getLicense,
      async listLicensesByArn(arns, region) {
        const got = await reader.listLicensesByArn!(arns, region);
        return got.ok ? { ok: true, licenses: [...got.licenses, { LicenseArn: arn(77), Version: '9' }] } : got;
      },
    };
    const reads = await readLive(manifests(3), sly, { concurrency: 1, note: (line) => notes.push(line) });
    expect([...reads.keys()].sort()).toEqual([arn(0), arn(1), arn(2)].sort());
    expect(notes.join('\n')).toMatch(/not asked for; they were ignored/);
  });

  it('starts no read once aborted', async () => {
    const { reader, calls } = fakeReader(everything(5));
    const controller = new AbortController();
    controller.abort();
    const reads = await readLive(manifests(5), reader, { concurrency: 1, signal: controller.signal });
    expect(calls).toHaveLength(0);
    expect([...reads.values()].every((r) => !r.ok && r.error.code === 'INTERRUPTED')).toBe(true);
  });
});
