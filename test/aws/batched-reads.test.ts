/**
 * Batched reads through the real SDK against the emulator: ListLicenses by
 * LicenseArns in chunks per HomeRegion, paged, halved when the service refuses
 * the number, and GetLicense when listing is not allowed.
 */
import { ListLicensesCommand, LicenseManagerClient } from '@aws-sdk/client-license-manager';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AwsLicenseService } from '../../src/aws/license-service.js';
import { startEmulator, type Emulator, type EmulatorOptions, type FaultSpec } from '../../src/emulator/index.js';
import type { LicenseDocument } from '../../src/reconcile/types.js';
import { plan } from '../../src/run/pipeline.js';

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const arn = (i: number) => `arn:aws:license-manager::123456789012:license:l-${i.toString(16).padStart(32, '0')}`;
const doc = (i: number): LicenseDocument & { LicenseArn: string } => ({
  LicenseArn: arn(i),
  LicenseName: `License ${i}`,
  ProductName: 'Product',
  Issuer: { Name: 'Issuer' },
  HomeRegion: REGIONS[i % 3]!,
  Validity: { Begin: '2026-01-01T00:00:00Z' },
  Entitlements: [{ Name: 'seats', Unit: 'Count', MaxCount: 10 }],
  ConsumptionConfiguration: { RenewType: 'None' },
  Status: 'AVAILABLE',
});
const sources = (count: number) => ({
  sources: Array.from({ length: count }, (_, i) => ({ file: `licenses/${i}.json`, text: JSON.stringify(doc(i)) })),
  errors: [],
});

// The SDK signs with these (the stub and the emulator accept any).
beforeAll(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
});
afterAll(() => vi.unstubAllEnvs());

async function planAgainst(
  count: number,
  live: number,
  options: EmulatorOptions,
  batchSize?: number,
  faults: FaultSpec[] = [],
) {
  const licenses = Array.from({ length: live }, (_, i) => ({ ...doc(i), Version: '2' }));
  const emu: Emulator = await startEmulator({ ...options, seed: { licenses } });
  for (const fault of faults) emu.faults.add(fault);
  const service = new AwsLicenseService({ endpoint: emu.url, maxAttempts: 1 });
  const notes: string[] = [];
  try {
    const planned = await plan(sources(count), service, {
      concurrency: 10,
      note: (line) => notes.push(line),
      ...(batchSize ? { batchSize } : {}),
    });
    if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
    return { plan: planned.plan, calls: [...emu.calls], notes };
  } finally {
    service.destroy();
    await emu.close();
  }
}

const count = (calls: Array<{ operation: string }>, operation: string) =>
  calls.filter((c) => c.operation === operation).length;

describe('batched reads against the emulator', () => {
  it('600 licenses in 3 regions: 6 ListLicenses, each in the HomeRegion of what it asked for, no GetLicense', async () => {
    const { plan: result, calls } = await planAgainst(600, 600, {});
    expect(result.summary).toMatchObject({ update: 0, noop: 600, error: 0 });
    expect(count(calls, 'ListLicenses')).toBe(6);
    expect(count(calls, 'GetLicense')).toBe(0);
  });

  it('a license the batch did not return is read on its own: not found names it', async () => {
    const { plan: result, calls } = await planAgainst(12, 11, {});
    expect(result.steps.find((s) => s.licenseArn === arn(11))).toMatchObject({
      action: 'error',
      error: { code: 'NOT_FOUND', licenseArn: arn(11) },
    });
    expect(count(calls, 'GetLicense')).toBe(1);
  });

  it('halves the chunk when the service refuses the number of ARNs, and still reads everything in batches', async () => {
    const { plan: result, calls } = await planAgainst(150, 150, { maxLicenseArns: 20 }, 50);
    expect(result.summary.noop).toBe(150);
    expect(count(calls, 'GetLicense')).toBe(0);
    const refused = calls.filter((c) => c.operation === 'ListLicenses' && c.errorType === 'ValidationException');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(12);
  });

  it('without ListLicenses permission: a one-line note, then GetLicense per license', async () => {
    const {
      plan: result,
      calls,
      notes,
    } = await planAgainst(9, 9, {}, undefined, [{ kind: 'access-denied', operation: 'ListLicenses' }]);
    expect(result.summary.noop).toBe(9);
    expect(count(calls, 'GetLicense')).toBe(9);
    expect(notes).toEqual([expect.stringMatching(/^note: .*license-manager:ListLicenses.*GetLicense/)]);
  });

  it('the emulator honours LicenseArns across pages', async () => {
    const emu = await startEmulator({
      seed: { licenses: Array.from({ length: 30 }, (_, i) => ({ ...doc(i), HomeRegion: 'us-east-1' })) },
    });
    const sdk = new LicenseManagerClient({
      region: 'us-east-1',
      endpoint: emu.url,
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    });
    try {
      const wanted = [arn(3), arn(7), arn(11), arn(29), arn(99)];
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await sdk.send(new ListLicensesCommand({ LicenseArns: wanted, MaxResults: 2, NextToken: token }));
        seen.push(...(page.Licenses ?? []).map((l) => l.LicenseArn!));
        token = page.NextToken;
      } while (token);
      expect(seen).toEqual([arn(3), arn(7), arn(11), arn(29)]);
    } finally {
      sdk.destroy();
      await emu.close();
    }
  });
});
