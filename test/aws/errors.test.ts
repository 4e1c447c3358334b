/**
 * How the AWS adapter reports what License Manager answers, through the real SDK
 * against the emulator: refusals are sent once and say what to change; an
 * unknown ARN reads as not found in either form, naming who asked where.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsLicenseService } from '../../src/aws/license-service.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { VersionRequest } from '../../src/reconcile/ports.js';

const ARN = 'arn:aws:license-manager::123456789012:license:l-00000000000000000000000000000001';
const UNKNOWN = 'arn:aws:license-manager::123456789012:license:l-000000000000000000000000000000ff';
const document = {
  LicenseArn: ARN,
  LicenseName: 'Seats',
  ProductName: 'Product',
  Issuer: { Name: 'Issuer' },
  HomeRegion: 'eu-west-1',
  Validity: { Begin: '2026-01-01T00:00:00Z' },
  Entitlements: [{ Name: 'seats', Unit: 'Count', MaxCount: 10 }],
  ConsumptionConfiguration: { RenewType: 'None' },
  Status: 'AVAILABLE',
};
const request: VersionRequest = { ...document, SourceVersion: '1', ClientToken: 'token-1' };

let env: Record<string, string | undefined>;
beforeAll(() => {
  env = { ...process.env };
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
});
afterAll(() => {
  for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCOUNT_ID']) {
    if (env[key] === undefined) delete process.env[key];
    else process.env[key] = env[key];
  }
});

async function world(dialect = {}): Promise<{ emu: Emulator; service: AwsLicenseService; done: () => Promise<void> }> {
  const emu = await startEmulator({ dialect, seed: { licenses: [{ ...document, Version: '1' }] } });
  const service = new AwsLicenseService({ endpoint: emu.url, maxAttempts: 5 });
  return { emu, service, done: async () => (service.destroy(), emu.close()) };
}

describe('refusals retrying cannot fix', () => {
  it.each([
    ['ValidationException', /change what the message names in the manifest/],
    ['InvalidParameterValueException', /does not accept a value/],
    ['InvalidResourceStateException', /check its Status/],
    ['ResourceLimitExceededException', /raise the quota/],
  ] as const)('%s is sent once and says what to change', async (error, advice) => {
    const { emu, service, done } = await world();
    try {
      emu.faults.add({ kind: 'reject', error, operation: 'CreateLicenseVersion' });
      const result = await service.createLicenseVersion(request, 'eu-west-1');
      expect(result).toMatchObject({ ok: false, error: { code: 'REJECTED', cause: error, fault: 'user' } });
      if (!result.ok) {
        expect(result.error.message).toMatch(advice);
        expect(result.error.message).not.toMatch(/retry|try again/i);
      }
      expect(emu.calls.filter((c) => c.operation === 'CreateLicenseVersion')).toHaveLength(1);
    } finally {
      await done();
    }
  });

  it('AccessDenied is sent once (under either status code) and names the permission', async () => {
    for (const statusCodes of ['all-400', 'sdk-model'] as const) {
      const { emu, service, done } = await world({ statusCodes });
      try {
        emu.faults.add({ kind: 'access-denied' });
        const result = await service.getLicense(ARN, 'eu-west-1');
        expect(result).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
        if (!result.ok) expect(result.error.message).toContain('license-manager:GetLicense');
        expect(emu.calls).toHaveLength(1);
      } finally {
        await done();
      }
    }
  });
});

describe('an unknown ARN', () => {
  it.each(['not-found', 'validation'] as const)(
    'reads as not found when the service answers it as %s, naming the account and region asked',
    async (unknownArn) => {
      process.env.AWS_ACCOUNT_ID = '210987654321';
      const { service, done } = await world({ unknownArn });
      try {
        const read = await service.getLicense(UNKNOWN, 'eu-west-1');
        expect(read).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', licenseArn: UNKNOWN } });
        if (!read.ok) expect(read.error.message).toContain('account 210987654321 in eu-west-1');
      } finally {
        delete process.env.AWS_ACCOUNT_ID;
        await done();
      }
    },
  );

  it("without an account in the credentials, names the region and the ARN's account", async () => {
    const { service, done } = await world({ unknownArn: 'validation' });
    try {
      const read = await service.getLicense(UNKNOWN, 'eu-west-1');
      if (read.ok) throw new Error('expected not found');
      expect(read.error.message).toContain(
        "the credentials' account in eu-west-1 (the ARN names account 123456789012)",
      );
    } finally {
      await done();
    }
  });
});
