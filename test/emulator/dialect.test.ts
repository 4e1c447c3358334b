/** The emulator's dialects, through the real SDK: each open behaviour answered each plausible way. */
import { CreateGrantCommand, CreateLicenseVersionCommand, GetLicenseCommand } from '@aws-sdk/client-license-manager';
import { describe, expect, it } from 'vitest';
import { allDialects, describeDialect, parseDialect, parseSeed } from '../../src/emulator/index.js';
import { client, createLicense, emulator, rejection, versionInput } from './helpers.js';

const UNKNOWN = 'arn:aws:license-manager::123456789012:license:l-ffffffffffffffffffffffffffffffff';

describe('dialects', () => {
  it('has 16 combinations, each once, the defaults first', () => {
    const all = allDialects().map(describeDialect);
    expect(all).toHaveLength(16);
    expect(new Set(all).size).toBe(16);
    expect(all[0]).toBe('stalePin=conflict,unknownArn=not-found,statusCodes=all-400,clientToken=replay');
  });

  it.each([
    ['conflict', 'ConflictException', 'all-400', 400, /is at version 2/],
    ['validation', 'ValidationException', 'all-400', 400, /The version provided 1 doesn't match the latest version 2/],
    ['conflict', 'ConflictException', 'sdk-model', 409, /version/],
    ['validation', 'ValidationException', 'sdk-model', 400, /doesn't match/],
  ] as const)(
    'stale pin (%s) answers %s, HTTP status as %s says: %i',
    async (stalePin, name, statusCodes, status, message) => {
      const emu = await emulator({ dialect: { stalePin, statusCodes } });
      const sdk = client(emu);
      const arn = await createLicense(sdk);
      await sdk.send(new CreateLicenseVersionCommand(versionInput(arn, { SourceVersion: '1' })));
      const error = await rejection(
        sdk.send(new CreateLicenseVersionCommand(versionInput(arn, { SourceVersion: '1' }))),
      );
      expect([error.name, error.$metadata.httpStatusCode]).toEqual([name, status]);
      expect(error.message).toMatch(message);
    },
  );

  it.each([
    ['not-found', 'ResourceNotFoundException'],
    ['validation', 'ValidationException'],
  ] as const)('unknown ARN (%s) answers %s to reads and writes', async (unknownArn, name) => {
    const emu = await emulator({ dialect: { unknownArn } });
    const sdk = client(emu);
    const read = await rejection(sdk.send(new GetLicenseCommand({ LicenseArn: UNKNOWN })));
    const write = await rejection(sdk.send(new CreateLicenseVersionCommand(versionInput(UNKNOWN))));
    const grant = await rejection(
      sdk.send(
        new CreateGrantCommand({
          ClientToken: 'grant-of-unknown',
          GrantName: 'acme',
          LicenseArn: UNKNOWN,
          Principals: ['arn:aws:iam::210987654321:root'],
          HomeRegion: 'us-east-1',
          AllowedOperations: ['CheckoutLicense'],
        }),
      ),
    );
    expect([read.name, write.name, grant.name]).toEqual([name, name, name]);
    if (unknownArn === 'validation') expect(read.message).not.toMatch(/not found/i);
  });

  it('sdk-model status codes: 429 throttling, 308 redirect with Location as a header, 401 access denied', async () => {
    const emu = await emulator({ dialect: { statusCodes: 'sdk-model' } });
    const sdk = client(emu);
    const arn = await createLicense(sdk);
    emu.faults.add({ kind: 'throttle', times: 1 });
    const throttled = await rejection(sdk.send(new GetLicenseCommand({ LicenseArn: arn })));
    expect([throttled.name, throttled.$metadata.httpStatusCode]).toEqual(['RateLimitExceededException', 429]);
    emu.faults.add({ kind: 'access-denied', times: 1 });
    const denied = await rejection(sdk.send(new GetLicenseCommand({ LicenseArn: arn })));
    expect([denied.name, denied.$metadata.httpStatusCode]).toEqual(['AccessDeniedException', 401]);
    const redirected = await rejection(
      client(emu, 'us-west-2').send(new CreateLicenseVersionCommand(versionInput(arn, { SourceVersion: '1' }))),
    );
    expect([redirected.name, redirected.$metadata.httpStatusCode]).toEqual(['RedirectException', 308]);
    const raw = await fetch(emu.url, {
      method: 'POST',
      redirect: 'manual', // never follow it off this machine
      headers: {
        authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-west-2/license-manager/aws4_request',
        'x-amz-target': 'AWSLicenseManager.CreateLicenseVersion',
      },
      body: JSON.stringify(versionInput(arn, { SourceVersion: '1' })),
    });
    expect(raw.status).toBe(308);
    expect(raw.headers.get('location')).toBe('https://license-manager.us-east-1.amazonaws.com');
    expect(await raw.json()).not.toHaveProperty('Location');
    expect(emu.calls.at(-1)).toMatchObject({ errorType: 'RedirectException', status: 308 });
  });

  it.each([
    ['replay', 'the first answer again, nothing written', ['1', '2'], undefined],
    ['ignore', 'a stale-pin refusal, nothing written', ['1', '2'], 'ConflictException'],
  ] as const)('a repeated ClientToken (%s) gets %s', async (clientToken, _what, history, errorName) => {
    const emu = await emulator({ dialect: { clientToken } });
    const sdk = client(emu);
    const arn = await createLicense(sdk);
    const input = versionInput(arn, { SourceVersion: '1' });
    const first = await sdk.send(new CreateLicenseVersionCommand(input));
    const again = await sdk.send(new CreateLicenseVersionCommand(input)).catch((error: Error) => error);
    if (errorName) expect((again as Error).name).toBe(errorName);
    else expect(again).toMatchObject({ Version: first.Version });
    expect(emu.store.history(arn)?.map((v) => v.Version)).toEqual(history);
  });

  it('is chosen in a seed or as key=value text, and bad choices are named', () => {
    expect(parseDialect('stalePin=validation, clientToken=ignore', '--dialect')).toEqual({
      ok: true,
      value: { stalePin: 'validation', clientToken: 'ignore' },
    });
    expect(parseDialect('stalePin=maybe', '--dialect')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/stalePin must be one of conflict, validation/),
    });
    expect(parseDialect('colour=red', '--dialect')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/unknown behaviour "colour"/),
    });
    expect(parseSeed({ licenses: [], dialect: { unknownArn: 'validation' } }, 'seed')).toMatchObject({
      ok: true,
      value: { dialect: { unknownArn: 'validation' } },
    });
    expect(parseSeed({ licenses: [], dialect: { unknownArn: 'nope' } }, 'seed')).toMatchObject({ ok: false });
  });

  it('a seed sets the dialect, and startEmulator options override it', async () => {
    const emu = await emulator({
      seed: { licenses: [], dialect: { stalePin: 'validation', statusCodes: 'sdk-model' } },
      dialect: { statusCodes: 'all-400' },
    });
    expect(emu.dialect).toEqual({
      stalePin: 'validation',
      unknownArn: 'not-found',
      statusCodes: 'all-400',
      clientToken: 'replay',
    });
  });
});
