import {
  CreateLicenseCommand,
  CreateLicenseVersionCommand,
  DeleteLicenseCommand,
  GetLicenseCommand,
  ListLicenseVersionsCommand,
} from '@aws-sdk/client-license-manager';
import { describe, expect, it } from 'vitest';
import { client, createInput, createLicense, emulator, rejection, versionInput } from './helpers.js';

const fixedNow = () => new Date('2026-11-26T12:00:00.000Z');

describe('license lifecycle through the real SDK', () => {
  it('creates, reads, versions with a pinned SourceVersion and lists every version oldest first', async () => {
    const emu = await emulator({ now: fixedNow });
    const sdk = client(emu);
    const created = await sdk.send(new CreateLicenseCommand(createInput()));
    expect(created).toMatchObject({ Status: 'AVAILABLE', Version: '1' });
    expect(created.LicenseArn).toMatch(/^arn:aws:license-manager::123456789012:license:l-[0-9a-f]{32}$/);
    const arn = created.LicenseArn as string;

    const v1 = (await sdk.send(new GetLicenseCommand({ LicenseArn: arn }))).License;
    expect(v1).toMatchObject({
      LicenseArn: arn,
      Version: '1',
      ProductSKU: 'SKU-ANALYTICS',
      Beneficiary: 'arn:aws:iam::210987654321:root',
      CreateTime: '2026-11-26T12:00:00.000Z',
      Issuer: { Name: 'Acme', KeyFingerprint: 'aws:123456789012:Acme:issuer-fingerprint' },
    });

    const next = await sdk.send(
      new CreateLicenseVersionCommand(versionInput(arn, { SourceVersion: '1', LicenseName: 'Analytics Max' })),
    );
    expect(next).toMatchObject({ LicenseArn: arn, Version: '2', Status: 'AVAILABLE' });

    const v2 = (await sdk.send(new GetLicenseCommand({ LicenseArn: arn }))).License;
    expect(v2).toMatchObject({ Version: '2', LicenseName: 'Analytics Max', ProductSKU: 'SKU-ANALYTICS' });
    expect(v2?.Entitlements).toEqual([{ Name: 'Seats', Unit: 'Count', MaxCount: 20 }]);

    const old = (await sdk.send(new GetLicenseCommand({ LicenseArn: arn, Version: '1' }))).License;
    expect(old).toMatchObject({ Version: '1', LicenseName: 'Analytics Pro' });
    expect(old?.Entitlements).toEqual([{ Name: 'Seats', Unit: 'Count', MaxCount: 10 }]);

    const versions = await sdk.send(new ListLicenseVersionsCommand({ LicenseArn: arn }));
    expect(versions.Licenses?.map((l) => [l.Version, l.LicenseName])).toEqual([
      ['1', 'Analytics Pro'],
      ['2', 'Analytics Max'],
    ]);
    expect(versions.NextToken).toBeUndefined();
  });

  it('applies a version without SourceVersion on top of the current one', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const arn = await createLicense(sdk);
    await sdk.send(new CreateLicenseVersionCommand(versionInput(arn)));
    const third = await sdk.send(new CreateLicenseVersionCommand(versionInput(arn)));
    expect(third.Version).toBe('3');
    expect(emu.store.history(arn)?.map((l) => l.Version)).toEqual(['1', '2', '3']);
  });

  it('keeps ProductSKU and Beneficiary across versions even if a version asks otherwise', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const arn = await createLicense(sdk, { ProductSKU: 'SKU-1', Beneficiary: 'someone' });
    const sneaky = { ...versionInput(arn), ProductSKU: 'SKU-2', Beneficiary: 'someone-else' };
    await sdk.send(new CreateLicenseVersionCommand(sneaky));
    expect(emu.store.get(arn)).toMatchObject({ Version: '2', ProductSKU: 'SKU-1', Beneficiary: 'someone' });
  });

  it('paginates ListLicenseVersions oldest first', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const arn = await createLicense(sdk);
    for (let i = 0; i < 4; i++) await sdk.send(new CreateLicenseVersionCommand(versionInput(arn)));
    const first = await sdk.send(new ListLicenseVersionsCommand({ LicenseArn: arn, MaxResults: 2 }));
    expect(first.Licenses?.map((l) => l.Version)).toEqual(['1', '2']);
    const second = await sdk.send(
      new ListLicenseVersionsCommand({ LicenseArn: arn, MaxResults: 2, NextToken: first.NextToken }),
    );
    expect(second.Licenses?.map((l) => l.Version)).toEqual(['3', '4']);
    const last = await sdk.send(
      new ListLicenseVersionsCommand({ LicenseArn: arn, MaxResults: 2, NextToken: second.NextToken }),
    );
    expect(last.Licenses?.map((l) => l.Version)).toEqual(['5']);
    expect(last.NextToken).toBeUndefined();
  });
});

describe('unknown licenses', () => {
  const missing = 'arn:aws:license-manager::123456789012:license:l-00000000000000000000000000000000';

  it.each([
    ['GetLicense', () => new GetLicenseCommand({ LicenseArn: missing })],
    ['CreateLicenseVersion', () => new CreateLicenseVersionCommand(versionInput(missing))],
    ['ListLicenseVersions', () => new ListLicenseVersionsCommand({ LicenseArn: missing })],
    ['DeleteLicense', () => new DeleteLicenseCommand({ LicenseArn: missing, SourceVersion: '1' })],
  ])('%s answers 400 ResourceNotFoundException naming the ARN', async (_name, command) => {
    const emu = await emulator();
    const error = await rejection(client(emu).send(command() as never));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(`License ${missing} not found`);
  });

  it('GetLicense of a version that does not exist is ResourceNotFoundException', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const arn = await createLicense(sdk);
    const error = await rejection(sdk.send(new GetLicenseCommand({ LicenseArn: arn, Version: '9' })));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toContain('version 9');
  });
});

describe('DeleteLicense', () => {
  it('needs the current SourceVersion, marks the license DELETED and keeps answering GetLicense', async () => {
    const emu = await emulator({ now: fixedNow });
    const sdk = client(emu);
    const arn = await createLicense(sdk);
    await sdk.send(new CreateLicenseVersionCommand(versionInput(arn)));

    const stale = await rejection(sdk.send(new DeleteLicenseCommand({ LicenseArn: arn, SourceVersion: '1' })));
    expect(stale.name).toBe('ConflictException');
    expect(emu.store.get(arn)?.Status).toBe('AVAILABLE');

    const deleted = await sdk.send(new DeleteLicenseCommand({ LicenseArn: arn, SourceVersion: '2' }));
    expect(deleted).toMatchObject({ Status: 'DELETED', DeletionDate: '2026-11-26T12:00:00.000Z' });

    const live = (await sdk.send(new GetLicenseCommand({ LicenseArn: arn }))).License;
    expect(live).toMatchObject({ Status: 'DELETED', Version: '2' });
  });

  it('refuses new versions of a deleted license with ValidationException', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const arn = await createLicense(sdk);
    await sdk.send(new DeleteLicenseCommand({ LicenseArn: arn, SourceVersion: '1' }));
    const error = await rejection(sdk.send(new CreateLicenseVersionCommand(versionInput(arn, { SourceVersion: '1' }))));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('DELETED');
    expect(emu.store.history(arn)).toHaveLength(1);
  });
});
