/** The emulator's operations for a license's life, through the real AWS SDK over HTTP: tags, filters, deletes, grants. */
import {
  CreateLicenseCommand,
  DeleteLicenseCommand,
  GetLicenseCommand,
  ListDistributedGrantsCommand,
  ListLicensesCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-license-manager';
import { describe, expect, it } from 'vitest';
import { client, createInput, emulator } from './helpers.js';

const TAGS = [
  { Key: 'license-gitops:managed-by', Value: 'license-gitops' },
  { Key: 'team', Value: 'data' },
];

describe('tags', () => {
  it('keeps the Tags CreateLicense was given, and changes them with TagResource and UntagResource', async () => {
    const emu = await emulator();
    const lm = client(emu);
    const { LicenseArn } = await lm.send(new CreateLicenseCommand(createInput({ Tags: TAGS })));
    const list = async () => (await lm.send(new ListTagsForResourceCommand({ ResourceArn: LicenseArn! }))).Tags;
    expect(await list()).toEqual(TAGS);
    await lm.send(
      new TagResourceCommand({
        ResourceArn: LicenseArn!,
        Tags: [
          { Key: 'team', Value: 'ml' },
          { Key: 'x', Value: '1' },
        ],
      }),
    );
    expect(await list()).toEqual([TAGS[0], { Key: 'team', Value: 'ml' }, { Key: 'x', Value: '1' }]);
    await lm.send(new UntagResourceCommand({ ResourceArn: LicenseArn!, TagKeys: ['team', 'x'] }));
    expect(await list()).toEqual([TAGS[0]]);
    const license = (await lm.send(new GetLicenseCommand({ LicenseArn: LicenseArn! }))).License;
    expect(license).not.toHaveProperty('Tags'); // tags are not members of the license
  });

  it('answers an unknown resource with InvalidParameterValueException, and a replayed create is not tagged twice', async () => {
    const emu = await emulator();
    const lm = client(emu);
    await expect(
      lm.send(new ListTagsForResourceCommand({ ResourceArn: 'arn:aws:license-manager::123456789012:license:l-0' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    const input = createInput({ Tags: TAGS });
    const first = await lm.send(new CreateLicenseCommand(input));
    const again = await lm.send(new CreateLicenseCommand(input));
    expect(again.LicenseArn).toBe(first.LicenseArn);
    expect(emu.store.size).toBe(1);
    expect(emu.tagsOf(first.LicenseArn!)).toEqual(TAGS);
  });
});

describe('ListLicenses filters', () => {
  it('narrows by ProductSKU and Beneficiary together', async () => {
    const emu = await emulator();
    const lm = client(emu);
    await lm.send(new CreateLicenseCommand(createInput({ ProductSKU: 'A', Beneficiary: 'b1' })));
    const wanted = await lm.send(new CreateLicenseCommand(createInput({ ProductSKU: 'A', Beneficiary: 'b2' })));
    await lm.send(new CreateLicenseCommand(createInput({ ProductSKU: 'B', Beneficiary: 'b2' })));
    const out = await lm.send(
      new ListLicensesCommand({
        Filters: [
          { Name: 'ProductSKU', Values: ['A'] },
          { Name: 'Beneficiary', Values: ['b2'] },
        ],
      }),
    );
    expect(out.Licenses?.map((l) => l.LicenseArn)).toEqual([wanted.LicenseArn]);
  });
});

describe('DeleteLicense', () => {
  it('is pinned: a stale SourceVersion is a conflict and nothing is deleted', async () => {
    const emu = await emulator();
    const lm = client(emu);
    const { LicenseArn } = await lm.send(new CreateLicenseCommand(createInput()));
    await expect(
      lm.send(new DeleteLicenseCommand({ LicenseArn: LicenseArn!, SourceVersion: '2' })),
    ).rejects.toMatchObject({
      name: 'ConflictException',
    });
    expect(emu.store.get(LicenseArn!)?.Status).toBe('AVAILABLE');
    const out = await lm.send(new DeleteLicenseCommand({ LicenseArn: LicenseArn!, SourceVersion: '1' }));
    expect(out.Status).toBe('DELETED');
    expect(emu.store.get(LicenseArn!)?.Status).toBe('DELETED');
  });

  it('answers PENDING_DELETE in that dialect, and refuses a second delete', async () => {
    const emu = await emulator({ deleteDialect: 'pending' });
    const lm = client(emu);
    const { LicenseArn } = await lm.send(new CreateLicenseCommand(createInput()));
    const out = await lm.send(new DeleteLicenseCommand({ LicenseArn: LicenseArn!, SourceVersion: '1' }));
    expect(out.Status).toBe('PENDING_DELETE');
    expect(emu.store.get(LicenseArn!)?.Status).toBe('PENDING_DELETE');
    await expect(
      lm.send(new DeleteLicenseCommand({ LicenseArn: LicenseArn!, SourceVersion: '1' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});

describe('DeleteLicense, the vanishing dialect', () => {
  it('answers DELETED, then reads and deletes of the license answer as for an unknown ARN', async () => {
    const emu = await emulator({ deleteDialect: 'vanishes', dialect: { unknownArn: 'validation' } });
    const lm = client(emu);
    const { LicenseArn } = await lm.send(new CreateLicenseCommand(createInput()));
    const out = await lm.send(new DeleteLicenseCommand({ LicenseArn: LicenseArn!, SourceVersion: '1' }));
    expect(out.Status).toBe('DELETED');
    expect(emu.store.has(LicenseArn!)).toBe(false);
    await expect(lm.send(new GetLicenseCommand({ LicenseArn: LicenseArn! }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(
      lm.send(new DeleteLicenseCommand({ LicenseArn: LicenseArn!, SourceVersion: '1' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('ListDistributedGrants', () => {
  it('filters by LicenseArn and pages', async () => {
    const emu = await emulator();
    const lm = client(emu);
    const grant = (n: number, licenseArn: string) => ({
      GrantArn: `arn:aws:license-manager::123456789012:grant:g-${n}`,
      GrantName: `g${n}`,
      ParentArn: licenseArn,
      LicenseArn: licenseArn,
      GranteePrincipalArn: 'arn:aws:iam::111122223333:root',
      HomeRegion: 'us-east-1',
      GrantStatus: 'ACTIVE',
      Version: '1',
      GrantedOperations: ['CheckoutLicense'],
    });
    const a = 'arn:aws:license-manager::123456789012:license:l-a';
    emu.addGrants([grant(1, a), grant(2, 'arn:aws:license-manager::123456789012:license:l-b'), grant(3, a)]);
    const first = await lm.send(
      new ListDistributedGrantsCommand({ Filters: [{ Name: 'LicenseArn', Values: [a] }], MaxResults: 1 }),
    );
    expect(first.Grants?.map((g) => g.GrantName)).toEqual(['g1']);
    const second = await lm.send(
      new ListDistributedGrantsCommand({
        Filters: [{ Name: 'LicenseArn', Values: [a] }],
        MaxResults: 1,
        NextToken: first.NextToken,
      }),
    );
    expect(second.Grants?.map((g) => g.GrantName)).toEqual(['g3']);
    expect(second.NextToken).toBeUndefined();
  });
});
