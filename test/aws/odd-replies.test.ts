/**
 * Replies no honest License Manager gives, read through the SDK as shipped:
 * nulls, unmodeled members and "Infinity" in a count are read as the model
 * says; a truncated or non-JSON body is a read error, not a crash; a NextToken
 * answered again stops every listing at the repeat instead of paging forever.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AwsLicenseService } from '../../src/aws/license-service.js';
import { startStub, type StubServer } from '../helpers/stub-server.js';

const ARN = 'arn:aws:license-manager::123456789012:license:l-00000000000000000000000000000001';

let stub: StubServer | undefined;
let service: AwsLicenseService | undefined;
// The SDK signs with these (the stub and the emulator accept any).
beforeAll(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
});
afterAll(() => vi.unstubAllEnvs());
afterEach(async () => {
  service?.destroy();
  await stub?.close();
  stub = service = undefined;
});

async function readReplying(body: string) {
  stub = await startStub((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(body);
  });
  service = new AwsLicenseService({ endpoint: stub.url, maxAttempts: 1 });
  return service.getLicense(ARN, 'us-east-1');
}

describe('an odd GetLicense reply', () => {
  it('is read as the model says: nulls dropped, unmodeled members left out, "Infinity" a number', async () => {
    const license = {
      LicenseArn: ARN,
      LicenseName: 'A',
      Issuer: { Name: 'I', KeyFingerprint: 'k', Unmodeled: 1 },
      Entitlements: [{ Name: 'seats', Unit: 'Count', MaxCount: 'Infinity', Overage: null }],
      Validity: { Begin: '2026-01-01T00:00:00Z', End: null },
      Version: '2',
      NewServerMember: { x: 1 },
    };
    const read = await readReplying(JSON.stringify({ License: license }));
    expect(read).toStrictEqual({
      ok: true,
      license: {
        LicenseArn: ARN,
        LicenseName: 'A',
        Issuer: { Name: 'I', KeyFingerprint: 'k' },
        Entitlements: [{ Name: 'seats', Unit: 'Count', MaxCount: Infinity }],
        Validity: { Begin: '2026-01-01T00:00:00Z' },
        Version: '2',
      },
    });
  });

  it.each([
    ['truncated JSON', '{"License": {"LicenseArn": '],
    ['HTML', '<html><body>Bad gateway</body></html>'],
  ])('that is %s fails the read as an error value naming the license', async (_name, body) => {
    const read = await readReplying(body);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error.licenseArn).toBe(ARN);
    expect(read.error.code).toEqual(expect.any(String));
  });
});

const license = (n: number) => ({ LicenseArn: `${ARN.slice(0, -1)}${n}`, LicenseName: `L${n}`, Version: '1' });

/** A service whose every page holds one more item and the token `same` (after a first page with `first`). */
async function looping(member: 'Licenses' | 'Grants'): Promise<AwsLicenseService> {
  let page = 0;
  stub = await startStub((_req, res) => {
    page += 1;
    const item = member === 'Grants' ? { GrantArn: `g-${page}`, LicenseArn: ARN } : license(page);
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify({ [member]: [item], NextToken: page === 1 ? 'first' : 'same' }));
  });
  service = new AwsLicenseService({ endpoint: stub.url, maxAttempts: 1 });
  return service;
}

describe('a NextToken answered again', () => {
  it('stops ListLicenses with a read error after the pages before the repeat', async () => {
    const read = await (await looping('Licenses')).listLicenses('us-east-1');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error).toMatchObject({ code: 'READ_FAILED', fault: 'service' });
    expect(!read.ok && read.error.message).toMatch(/already sent, after 3 licenses; stopped instead of paging forever/);
    expect(stub?.requests).toHaveLength(3);
  });

  it('stops a batched read by ARN as failed (so the reader falls back to GetLicense)', async () => {
    const read = await (await looping('Licenses')).listLicensesByArn([ARN], 'us-east-1');
    expect(read).toMatchObject({ ok: false, reason: 'failed', error: { code: 'READ_FAILED' } });
    expect(stub?.requests).toHaveLength(3);
  });

  it('stops ListDistributedGrants with a read error', async () => {
    const read = await (await looping('Grants')).listGrants(ARN, 'us-east-1');
    expect(read).toMatchObject({ ok: false, error: { code: 'READ_FAILED', licenseArn: ARN } });
    expect(!read.ok && read.error.message).toMatch(/ListDistributedGrants in us-east-1 answered a NextToken/);
    expect(stub?.requests).toHaveLength(3);
  });

  it('ends a history at the repeat: the versions read, marked as not the whole', async () => {
    const read = await (await looping('Licenses')).listLicenseVersions(ARN, 'us-east-1', 50);
    expect(read).toMatchObject({ ok: true, truncated: true });
    expect(read.ok && read.versions.map((v) => v.LicenseName)).toEqual(['L1', 'L2', 'L3']);
  });

  it('reads no more versions than asked for', async () => {
    const read = await (await looping('Licenses')).listLicenseVersions(ARN, 'us-east-1', 1);
    expect(read).toMatchObject({ ok: true, truncated: true });
    expect(read.ok && read.versions).toHaveLength(1);
    expect(stub?.requests).toHaveLength(1);
  });
});
