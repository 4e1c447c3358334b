import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetLicenseCommand,
  ListLicenseVersionsCommand,
  CreateLicenseVersionCommand,
} from '@aws-sdk/client-license-manager';
import { describe, expect, it } from 'vitest';
import { readSeedFile, startEmulator } from '../../src/emulator/index.js';
import { client, emulator, versionInput } from './helpers.js';

const ARN = 'arn:aws:license-manager::111122223333:license:l-0123456789abcdef0123456789abcdef';

async function seedFile(content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-seed-'));
  const path = join(dir, 'seed.json');
  await writeFile(path, content);
  return path;
}

describe('readSeedFile', () => {
  it('reads the object form with licenses and faults', async () => {
    const path = await seedFile(
      JSON.stringify({
        accountId: '111122223333',
        licenses: [{ LicenseArn: ARN, HomeRegion: 'us-east-1' }],
        faults: [{ kind: 'throttle', times: 1 }],
      }),
    );
    const seed = await readSeedFile(path);
    expect(seed.accountId).toBe('111122223333');
    expect(seed.licenses.map((l) => l.LicenseArn)).toEqual([ARN]);
    expect(seed.faults).toEqual([{ kind: 'throttle', times: 1 }]);
  });

  it('reads a bare array of licenses', async () => {
    const seed = await readSeedFile(await seedFile(JSON.stringify([{ LicenseArn: ARN, HomeRegion: 'us-east-1' }])));
    expect(seed.licenses).toHaveLength(1);
    expect(seed.faults).toEqual([]);
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['no HomeRegion', JSON.stringify([{ LicenseArn: ARN }]), /licenses\[0\]: .*HomeRegion is required/],
    ['no LicenseArn', JSON.stringify([{ HomeRegion: 'us-east-1' }]), /licenses\[0\]: LicenseArn must be an ARN/],
    [
      'a duplicate ARN',
      JSON.stringify([
        { LicenseArn: ARN, HomeRegion: 'a' },
        { LicenseArn: ARN, HomeRegion: 'a' },
      ]),
      /appears twice/,
    ],
    [
      'a bad Version',
      JSON.stringify([{ LicenseArn: ARN, HomeRegion: 'a', Version: 'two' }]),
      /Version must be a positive integer/,
    ],
    ['a bad fault', JSON.stringify({ licenses: [], faults: [{ kind: 'meteor' }] }), /faults\[0\]: kind must be one of/],
    ['an unknown member', JSON.stringify({ licences: [] }), /unknown member\(s\) licences/],
  ])('refuses %s with a message that starts with the path', async (_case, content, pattern) => {
    const path = await seedFile(content);
    const error = await readSeedFile(path).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message.startsWith(`${path}: `)).toBe(true);
    expect(error?.message).toMatch(pattern);
  });

  it('names a missing file', async () => {
    await expect(readSeedFile('/nonexistent/seed.json')).rejects.toThrow(
      /^\/nonexistent\/seed.json: cannot read the seed file \(ENOENT\)/,
    );
  });
});

describe('seeded licenses', () => {
  it('are served as given, with defaults filled in, and versioned on from their Version', async () => {
    const emu = await emulator({
      seed: {
        licenses: [
          {
            LicenseArn: ARN,
            HomeRegion: 'us-east-1',
            LicenseName: 'Seeded',
            Issuer: { Name: 'Acme' },
            Validity: { Begin: '2026-01-01T00:00:00+00:00' },
            CreateTime: '2026-03-01T00:00:00Z',
            History: [{ LicenseName: 'Seeded v1' }, { LicenseName: 'Seeded v2' }],
          },
        ],
      },
    });
    const sdk = client(emu);
    const license = (await sdk.send(new GetLicenseCommand({ LicenseArn: ARN }))).License;
    expect(license).toMatchObject({
      Version: '3',
      Status: 'AVAILABLE',
      LicenseName: 'Seeded',
      CreateTime: '2026-03-01T00:00:00.000Z',
      Validity: { Begin: '2026-01-01T00:00:00.000Z' },
      Issuer: { Name: 'Acme', KeyFingerprint: 'aws:123456789012:Acme:issuer-fingerprint' },
    });
    const versions = await sdk.send(new ListLicenseVersionsCommand({ LicenseArn: ARN }));
    expect(versions.Licenses?.map((l) => [l.Version, l.LicenseName])).toEqual([
      ['1', 'Seeded v1'],
      ['2', 'Seeded v2'],
      ['3', 'Seeded'],
    ]);
    const next = await sdk.send(new CreateLicenseVersionCommand(versionInput(ARN, { SourceVersion: '3' })));
    expect(next.Version).toBe('4');
  });

  it('take the seed accountId for new ARNs when no option overrides it', async () => {
    const emu = await emulator({ seed: { accountId: '111122223333', licenses: [] } });
    expect(emu.accountId).toBe('111122223333');
  });

  it('can be added at runtime', async () => {
    const emu = await emulator();
    emu.addLicenses([{ LicenseArn: ARN, HomeRegion: 'us-east-1', Version: '5' }]);
    expect(emu.store.get(ARN)?.Version).toBe('5');
    expect(() => emu.addLicenses([{ LicenseArn: 'nope', HomeRegion: 'x' }])).toThrow(/LicenseArn must be an ARN/);
  });

  it('a malformed programmatic seed stops startEmulator', async () => {
    await expect(startEmulator({ seed: { licenses: [{ LicenseArn: ARN } as never] } })).rejects.toThrow(
      /HomeRegion is required/,
    );
  });
});
