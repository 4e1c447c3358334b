import { Agent } from 'node:http';
import { CreateLicenseVersionCommand, GetLicenseCommand, LicenseManagerClient } from '@aws-sdk/client-license-manager';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { client, createLicense, emulator, rejection, versionInput } from './helpers.js';

async function withLicense(): Promise<{ emu: Emulator; sdk: LicenseManagerClient; arn: string }> {
  const emu = await emulator();
  const sdk = client(emu);
  return { emu, sdk, arn: await createLicense(sdk) };
}

describe('fault kinds', () => {
  it.each([
    ['throttle', 'RateLimitExceededException', 400],
    ['internal', 'ServerInternalException', 500],
    ['access-denied', 'AccessDeniedException', 400],
    ['not-found', 'ResourceNotFoundException', 400],
  ] as const)('%s answers %s with HTTP %i and handles nothing', async (kind, name, status) => {
    const { emu, sdk, arn } = await withLicense();
    emu.faults.add({ kind, operation: 'CreateLicenseVersion' });
    const error = await rejection(sdk.send(new CreateLicenseVersionCommand(versionInput(arn, { SourceVersion: '1' }))));
    expect(error.name).toBe(name);
    expect(error.$metadata.httpStatusCode).toBe(status);
    expect(emu.store.history(arn)).toHaveLength(1);
    expect(emu.calls.at(-1)).toMatchObject({ fault: kind, errorType: name, status, outcome: 'error' });
  });

  it('unavailable answers 503 with a body that is not JSON', async () => {
    const { emu, sdk, arn } = await withLicense();
    emu.faults.add({ kind: 'unavailable', times: 1 });
    const error = await rejection(sdk.send(new GetLicenseCommand({ LicenseArn: arn })));
    expect(error.$metadata.httpStatusCode).toBe(503);
    emu.faults.add({ kind: 'unavailable', times: 1 });
    const raw = await fetch(emu.url, {
      method: 'POST',
      headers: { authorization: 'x', 'x-amz-target': 'AWSLicenseManager.GetLicense' },
      body: '{}',
    });
    expect(raw.status).toBe(503);
    expect(raw.headers.get('content-type')).not.toContain('json');
    const text = await raw.text();
    expect(text).toContain('503');
    expect(() => JSON.parse(text)).toThrow();
  });

  it('drop-reply on a read destroys the socket without answering', async () => {
    const { emu, sdk, arn } = await withLicense();
    emu.faults.add({ kind: 'drop-reply', operation: 'GetLicense', times: 1 });
    const error = await rejection(sdk.send(new GetLicenseCommand({ LicenseArn: arn })));
    expect(error.$metadata?.httpStatusCode).toBeUndefined();
    expect(emu.calls.at(-1)).toMatchObject({ outcome: 'dropped', fault: 'drop-reply' });
    expect(emu.calls.at(-1)?.status).toBeUndefined();
    expect((await sdk.send(new GetLicenseCommand({ LicenseArn: arn }))).License?.LicenseArn).toBe(arn);
  });

  it('latency delays the matching responses only', async () => {
    const { emu, sdk, arn } = await withLicense();
    emu.faults.add({ kind: 'latency', ms: 150, operation: 'GetLicense' });
    let started = performance.now();
    await sdk.send(new GetLicenseCommand({ LicenseArn: arn }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    started = performance.now();
    await sdk.send(new CreateLicenseVersionCommand(versionInput(arn)));
    expect(performance.now() - started).toBeLessThan(140);
  });

  it('latency combines with a fault that changes the answer', async () => {
    const { emu, sdk, arn } = await withLicense();
    emu.faults.replace([
      { kind: 'latency', ms: 100 },
      { kind: 'throttle', times: 1 },
    ]);
    const started = performance.now();
    expect((await rejection(sdk.send(new GetLicenseCommand({ LicenseArn: arn })))).name).toBe(
      'RateLimitExceededException',
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });
});

describe('fault matching', () => {
  it('times counts down, then the fault is gone', async () => {
    const { emu, sdk, arn } = await withLicense();
    emu.faults.add({ kind: 'throttle', times: 2 });
    expect(emu.faults.list()).toEqual([{ kind: 'throttle', times: 2 }]);
    await rejection(sdk.send(new GetLicenseCommand({ LicenseArn: arn })));
    expect(emu.faults.list()).toEqual([{ kind: 'throttle', times: 1 }]);
    await rejection(sdk.send(new GetLicenseCommand({ LicenseArn: arn })));
    expect(emu.faults.list()).toEqual([]);
    expect((await sdk.send(new GetLicenseCommand({ LicenseArn: arn }))).License).toBeDefined();
  });

  it('matches by LicenseArn and by operation', async () => {
    const { emu, sdk, arn } = await withLicense();
    const other = await createLicense(sdk);
    emu.faults.add({ kind: 'access-denied', licenseArn: arn, operation: 'GetLicense' });
    expect((await rejection(sdk.send(new GetLicenseCommand({ LicenseArn: arn })))).name).toBe('AccessDeniedException');
    expect((await sdk.send(new GetLicenseCommand({ LicenseArn: other }))).License?.LicenseArn).toBe(other);
    expect((await sdk.send(new CreateLicenseVersionCommand(versionInput(arn)))).Version).toBe('2');
  });

  it('clear disarms everything', async () => {
    const { emu, sdk, arn } = await withLicense();
    emu.faults.add({ kind: 'internal' });
    emu.faults.clear();
    expect((await sdk.send(new GetLicenseCommand({ LicenseArn: arn }))).License).toBeDefined();
  });

  it('refuses malformed specs with a message naming the problem', async () => {
    const emu = await emulator();
    expect(() => emu.faults.add({ kind: 'explode' as never })).toThrow(/kind must be one of throttle/);
    expect(() => emu.faults.add({ kind: 'latency' })).toThrow(/ms >= 0/);
    expect(() => emu.faults.add({ kind: 'throttle', times: 0 })).toThrow(/times/);
    expect(() => emu.faults.add({ kind: 'throttle', operation: 'PutLicense' as never })).toThrow(/PutLicense/);
  });

  it('faults can come with the seed', async () => {
    const emu = await emulator({
      seed: { licenses: [], faults: [{ kind: 'throttle', operation: 'ListLicenses', times: 1 }] },
    });
    expect(emu.faults.list()).toEqual([{ kind: 'throttle', operation: 'ListLicenses', times: 1 }]);
  });
});

describe('load', () => {
  it('answers 400 concurrent requests on keep-alive connections with a global 50 ms latency', async () => {
    const emu = await emulator({ latencyMs: 50 });
    const sdk = new LicenseManagerClient({
      region: 'us-east-1',
      endpoint: emu.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
      requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 400 }) },
    });
    const arn = await createLicense(sdk);
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 400 }, () => sdk.send(new GetLicenseCommand({ LicenseArn: arn }))),
    );
    const elapsed = performance.now() - started;
    expect(answers.every((a) => a.License?.LicenseArn === arn)).toBe(true);
    expect(elapsed).toBeLessThan(5_000); // sequential would take 400 × 50 ms = 20 s
    expect(emu.stats().maxInFlight).toBeGreaterThanOrEqual(100);
    expect(emu.stats().byOperation.GetLicense).toBe(400);
    expect(emu.calls.filter((c) => c.operation === 'GetLicense').every((c) => c.durationMs >= 49)).toBe(true);
    sdk.destroy();
  });
});
