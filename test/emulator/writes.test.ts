import {
  CreateLicenseCommand,
  CreateLicenseVersionCommand,
  DeleteLicenseCommand,
  GetLicenseCommand,
  ListLicenseVersionsCommand,
} from '@aws-sdk/client-license-manager';
import { describe, expect, it } from 'vitest';
import { client, createInput, createLicense, emulator, rejection, token, versionInput } from './helpers.js';

describe('SourceVersion pinning', () => {
  it('answers ConflictException for a stale SourceVersion and creates nothing', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const arn = await createLicense(sdk);
    await sdk.send(new CreateLicenseVersionCommand(versionInput(arn, { SourceVersion: '1' })));
    const error = await rejection(sdk.send(new CreateLicenseVersionCommand(versionInput(arn, { SourceVersion: '1' }))));
    expect(error.name).toBe('ConflictException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(`License ${arn} is at version 2; the request was based on version 1`);
    expect(emu.store.history(arn)).toHaveLength(2);
  });

  it('concurrent-write: another writer commits just before, so the pinned request conflicts', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const arn = await createLicense(sdk);
    emu.faults.add({ kind: 'concurrent-write', licenseArn: arn, times: 1 });
    const error = await rejection(sdk.send(new CreateLicenseVersionCommand(versionInput(arn, { SourceVersion: '1' }))));
    expect(error.name).toBe('ConflictException');
    const live = (await sdk.send(new GetLicenseCommand({ LicenseArn: arn }))).License;
    expect(live?.Version).toBe('2');
    expect(live?.LicenseMetadata).toEqual([
      { Name: 'Team', Value: 'data' },
      { Name: 'ChangedBy', Value: 'someone-else' },
    ]);
    // used up: a request pinned to the new version now goes through
    const retried = await sdk.send(new CreateLicenseVersionCommand(versionInput(arn, { SourceVersion: '2' })));
    expect(retried.Version).toBe('3');
  });
});

describe('ClientToken idempotency', () => {
  it('CreateLicenseVersion: the same token and parameters answer the original and create one version', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const arn = await createLicense(sdk);
    const input = versionInput(arn, { SourceVersion: '1', ClientToken: token() });
    const first = await sdk.send(new CreateLicenseVersionCommand(input));
    const second = await sdk.send(new CreateLicenseVersionCommand(input));
    expect(second).toMatchObject({ LicenseArn: arn, Version: '2', Status: 'AVAILABLE' });
    expect({ ...second, $metadata: undefined }).toEqual({ ...first, $metadata: undefined });
    const versions = await sdk.send(new ListLicenseVersionsCommand({ LicenseArn: arn }));
    expect(versions.Licenses).toHaveLength(2);
  });

  it('CreateLicenseVersion: the same token with other parameters is a ValidationException', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const arn = await createLicense(sdk);
    const clientToken = token();
    await sdk.send(new CreateLicenseVersionCommand(versionInput(arn, { ClientToken: clientToken })));
    const error = await rejection(
      sdk.send(new CreateLicenseVersionCommand(versionInput(arn, { ClientToken: clientToken, LicenseName: 'Other' }))),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('idempotency');
    expect(emu.store.history(arn)).toHaveLength(2);
  });

  it('CreateLicense: the same token creates one license; other parameters are refused', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const input = createInput();
    const first = await sdk.send(new CreateLicenseCommand(input));
    const again = await sdk.send(new CreateLicenseCommand(input));
    expect(again.LicenseArn).toBe(first.LicenseArn);
    expect(emu.store.size).toBe(1);
    const error = await rejection(sdk.send(new CreateLicenseCommand({ ...input, LicenseName: 'changed' })));
    expect(error.name).toBe('ValidationException');
    expect(emu.store.size).toBe(1);
  });

  it('a lost reply: the write is committed, and the retry with the same token gets the original answer', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const arn = await createLicense(sdk);
    emu.faults.add({ kind: 'drop-reply', operation: 'CreateLicenseVersion', times: 1 });
    const input = versionInput(arn, { SourceVersion: '1' });
    const lost = await rejection(sdk.send(new CreateLicenseVersionCommand(input)));
    expect(lost.$metadata?.httpStatusCode).toBeUndefined();
    expect(emu.store.history(arn)).toHaveLength(2);

    const retried = await sdk.send(new CreateLicenseVersionCommand(input));
    expect(retried).toMatchObject({ LicenseArn: arn, Version: '2', Status: 'AVAILABLE' });
    expect(emu.store.history(arn)).toHaveLength(2);
    expect(emu.calls.filter((c) => c.operation === 'CreateLicenseVersion').map((c) => c.outcome)).toEqual([
      'dropped',
      'ok',
    ]);
  });

  it('a retry after a refused write is handled anew (the token was not used up)', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const arn = await createLicense(sdk);
    emu.faults.add({ kind: 'throttle', times: 1 });
    const input = versionInput(arn, { SourceVersion: '1' });
    expect((await rejection(sdk.send(new CreateLicenseVersionCommand(input)))).name).toBe('RateLimitExceededException');
    expect((await sdk.send(new CreateLicenseVersionCommand(input))).Version).toBe('2');
  });
});

describe('HomeRegion', () => {
  it('redirects writes sent to another region, with Location and Message', async () => {
    const emu = await emulator();
    const arn = await createLicense(client(emu), { HomeRegion: 'us-east-1' });
    const west = client(emu, 'us-west-2');
    const error = await rejection(
      west.send(new CreateLicenseVersionCommand(versionInput(arn, { SourceVersion: '1' }))),
    );
    expect(error.name).toBe('RedirectException');
    expect(error.Location).toBe('https://license-manager.us-east-1.amazonaws.com');
    expect(error.message).toContain('us-east-1');
    expect(error.message).toContain('us-west-2');
    const deletion = await rejection(west.send(new DeleteLicenseCommand({ LicenseArn: arn, SourceVersion: '1' })));
    expect(deletion.name).toBe('RedirectException');
    expect(emu.store.get(arn)).toMatchObject({ Version: '1', Status: 'AVAILABLE' });
    expect(emu.calls.at(-1)).toMatchObject({ region: 'us-west-2', errorType: 'RedirectException', status: 400 });
  });

  it('serves reads from any region', async () => {
    const emu = await emulator();
    const arn = await createLicense(client(emu), { HomeRegion: 'eu-west-1' });
    const tokyo = client(emu, 'ap-northeast-1');
    expect((await tokyo.send(new GetLicenseCommand({ LicenseArn: arn }))).License?.HomeRegion).toBe('eu-west-1');
    expect((await tokyo.send(new ListLicenseVersionsCommand({ LicenseArn: arn }))).Licenses).toHaveLength(1);
  });

  it('accepts writes in the home region even when it is not us-east-1', async () => {
    const emu = await emulator();
    const arn = await createLicense(client(emu), { HomeRegion: 'eu-west-1' });
    const dublin = client(emu, 'eu-west-1');
    const next = await dublin.send(
      new CreateLicenseVersionCommand(versionInput(arn, { HomeRegion: 'eu-west-1', SourceVersion: '1' })),
    );
    expect(next.Version).toBe('2');
  });
});
