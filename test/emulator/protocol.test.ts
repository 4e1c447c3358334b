import { CreateLicenseVersionCommand } from '@aws-sdk/client-license-manager';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { client, createInput, createLicense, emulator, rejection, versionInput } from './helpers.js';

const AUTH =
  'AWS4-HMAC-SHA256 Credential=AKID/20261126/eu-central-1/license-manager/aws4_request, SignedHeaders=host, Signature=abc';

async function post(emu: Emulator, target: string | undefined, body: string, auth: string | null = AUTH) {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1' };
  if (target !== undefined) headers['x-amz-target'] = target;
  if (auth !== null) headers.authorization = auth;
  const response = await fetch(emu.url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: JSON.parse(text) as Record<string, unknown> };
}

describe('AWS JSON 1.1 over HTTP', () => {
  it('answers 200 with the JSON content type and a request id', async () => {
    const emu = await emulator();
    const answer = await post(emu, 'AWSLicenseManager.ListLicenses', '{}');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(answer.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.json).toEqual({ Licenses: [] });
  });

  it('requires an Authorization header but never checks the signature', async () => {
    const emu = await emulator();
    const unsigned = await post(emu, 'AWSLicenseManager.ListLicenses', '{}', null);
    expect(unsigned.status).toBe(400);
    expect(unsigned.json.__type).toBe('MissingAuthenticationTokenException');
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    const badSignature = await post(emu, 'AWSLicenseManager.ListLicenses', '{}', AUTH.replace('abc', 'nonsense'));
    expect(badSignature.status).toBe(200);
  });

  it('takes the region from the credential scope', async () => {
    const emu = await emulator();
    await post(emu, 'AWSLicenseManager.ListLicenses', '{}');
    expect(emu.calls.at(-1)?.region).toBe('eu-central-1');
  });

  it.each([['AWSLicenseManager.PutLicense'], ['SomethingElse.GetLicense'], [undefined]])(
    'answers UnknownOperationException for target %s',
    async (target) => {
      const emu = await emulator();
      const answer = await post(emu, target, '{}');
      expect(answer.status).toBe(400);
      expect(answer.json.__type).toBe('UnknownOperationException');
    },
  );

  it('answers SerializationException for a body that is not a JSON object', async () => {
    const emu = await emulator();
    expect((await post(emu, 'AWSLicenseManager.ListLicenses', '{nope')).json.__type).toBe('SerializationException');
    expect((await post(emu, 'AWSLicenseManager.ListLicenses', '[1]')).json.__type).toBe('SerializationException');
  });

  it('error bodies carry __type, message and Message', async () => {
    const emu = await emulator();
    const answer = await post(emu, 'AWSLicenseManager.GetLicense', '{}');
    expect(answer.json).toEqual({
      __type: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'LicenseArn' failed to satisfy constraint: Member must not be null",
      Message:
        "1 validation error detected: Value null at 'LicenseArn' failed to satisfy constraint: Member must not be null",
    });
  });
});

describe('input validation against the model', () => {
  it.each([
    ['a missing required member', { LicenseName: undefined }, "'LicenseName'", 'must not be null'],
    ['a missing nested member', { Issuer: {} as never }, "'Issuer.Name'", 'must not be null'],
    [
      'a bad enum in a list',
      {
        Entitlements: [
          { Name: 'x', Unit: 'Count' },
          { Name: 'y', Unit: 'Apples' as never },
        ],
      },
      "'Entitlements.2.Unit'",
      'enum',
    ],
    ['an instant that is not ISO 8601', { Validity: { Begin: '2026-01-01' } }, "'Validity.Begin'", 'ISO 8601'],
    ['a bad Status', { Status: 'GONE' as never }, "'Status'", 'enum'],
  ])('rejects %s with ValidationException naming the member', async (_case, overrides, member, constraint) => {
    const emu = await emulator();
    const sdk = client(emu);
    const arn = await createLicense(sdk);
    const error = await rejection(
      sdk.send(new CreateLicenseVersionCommand({ ...versionInput(arn), ...overrides } as never)),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain(member);
    expect(error.message).toContain(constraint);
    expect(emu.store.history(arn)).toHaveLength(1);
  });

  it('requires ClientToken on CreateLicense', async () => {
    const emu = await emulator();
    const { ClientToken: _omitted, ...input } = createInput();
    const answer = await post(emu, 'AWSLicenseManager.CreateLicense', JSON.stringify(input));
    expect(answer.json.__type).toBe('ValidationException');
    expect(String(answer.json.message)).toContain("'ClientToken'");
    expect(emu.store.size).toBe(0);
  });

  it('requires SourceVersion on DeleteLicense', async () => {
    const emu = await emulator();
    const arn = await createLicense(client(emu));
    const answer = await post(emu, 'AWSLicenseManager.DeleteLicense', JSON.stringify({ LicenseArn: arn }));
    expect(String(answer.json.message)).toContain("'SourceVersion'");
  });
});
