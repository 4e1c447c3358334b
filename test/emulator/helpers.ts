/** Shared by the emulator tests: a started emulator, a real SDK client on it, and valid inputs. */
import {
  CreateLicenseCommand,
  LicenseManagerClient,
  type CreateLicenseCommandInput,
  type CreateLicenseVersionCommandInput,
} from '@aws-sdk/client-license-manager';
import { afterEach } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';

const running: Emulator[] = [];

/** Starts an emulator that is closed after the current test. */
export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const started = await startEmulator(options);
  running.push(started);
  return started;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

/** The real SDK client, one attempt per call, signing for `region`. */
export function client(target: Emulator, region = 'us-east-1'): LicenseManagerClient {
  return new LicenseManagerClient({
    region,
    endpoint: target.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

let tokens = 0;
/** A fresh ClientToken. */
export function token(): string {
  tokens += 1;
  return `token-${process.pid}-${tokens}`;
}

export function createInput(overrides: Partial<CreateLicenseCommandInput> = {}): CreateLicenseCommandInput {
  return {
    LicenseName: 'Analytics Pro',
    ProductName: 'Analytics',
    ProductSKU: 'SKU-ANALYTICS',
    Issuer: { Name: 'Acme' },
    HomeRegion: 'us-east-1',
    Validity: { Begin: '2026-01-01T00:00:00Z' },
    Entitlements: [{ Name: 'Seats', Unit: 'Count', MaxCount: 10 }],
    Beneficiary: 'arn:aws:iam::210987654321:root',
    ConsumptionConfiguration: { RenewType: 'None' },
    LicenseMetadata: [{ Name: 'Team', Value: 'data' }],
    ClientToken: token(),
    ...overrides,
  };
}

export function versionInput(
  licenseArn: string,
  overrides: Partial<CreateLicenseVersionCommandInput> = {},
): CreateLicenseVersionCommandInput {
  return {
    LicenseArn: licenseArn,
    LicenseName: 'Analytics Pro',
    ProductName: 'Analytics',
    Issuer: { Name: 'Acme' },
    HomeRegion: 'us-east-1',
    Validity: { Begin: '2026-01-01T00:00:00Z' },
    Entitlements: [{ Name: 'Seats', Unit: 'Count', MaxCount: 20 }],
    ConsumptionConfiguration: { RenewType: 'None' },
    LicenseMetadata: [{ Name: 'Team', Value: 'data' }],
    Status: 'AVAILABLE',
    ClientToken: token(),
    ...overrides,
  };
}

/** Creates a license through the SDK; returns its ARN. */
export async function createLicense(
  sdk: LicenseManagerClient,
  overrides: Partial<CreateLicenseCommandInput> = {},
): Promise<string> {
  const created = await sdk.send(new CreateLicenseCommand(createInput(overrides)));
  if (!created.LicenseArn) throw new Error('CreateLicense answered without LicenseArn');
  return created.LicenseArn;
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, any>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, any>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
