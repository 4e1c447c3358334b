import { ListLicensesCommand } from '@aws-sdk/client-license-manager';
import { describe, expect, it } from 'vitest';
import type { SeedLicense } from '../../src/emulator/index.js';
import { client, emulator, rejection } from './helpers.js';

function seedLicenses(count: number): SeedLicense[] {
  return Array.from({ length: count }, (_, i) => ({
    LicenseArn: `arn:aws:license-manager::123456789012:license:l-${i.toString(16).padStart(32, '0')}`,
    LicenseName: `License ${i}`,
    ProductSKU: i % 2 === 0 ? 'SKU-EVEN' : 'SKU-ODD',
    Beneficiary: i % 5 === 0 ? 'fifth' : 'other',
    Issuer: { Name: i % 3 === 0 ? 'Acme' : 'Globex' },
    HomeRegion: 'us-east-1',
    Status: i === 7 ? 'DELETED' : 'AVAILABLE',
  }));
}

describe('ListLicenses', () => {
  it('pages 250 licenses as 100 + 100 + 50, each ARN exactly once, in creation order', async () => {
    const seeded = seedLicenses(250);
    const emu = await emulator({ seed: { licenses: seeded } });
    const sdk = client(emu);
    const pages: string[][] = [];
    let nextToken: string | undefined;
    do {
      const page = await sdk.send(new ListLicensesCommand({ MaxResults: 100, NextToken: nextToken }));
      pages.push((page.Licenses ?? []).map((l) => l.LicenseArn as string));
      nextToken = page.NextToken;
    } while (nextToken);
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    expect(pages.flat()).toEqual(seeded.map((l) => l.LicenseArn));
  });

  it('defaults MaxResults to 100 and honours smaller pages', async () => {
    const emu = await emulator({ seed: { licenses: seedLicenses(150) } });
    const sdk = client(emu);
    const first = await sdk.send(new ListLicensesCommand({}));
    expect(first.Licenses).toHaveLength(100);
    expect(first.NextToken).toBeTypeOf('string');
    const sizes: number[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sdk.send(new ListLicensesCommand({ MaxResults: 40, NextToken: nextToken }));
      sizes.push(page.Licenses?.length ?? 0);
      nextToken = page.NextToken;
    } while (nextToken);
    expect(sizes).toEqual([40, 40, 40, 30]);
  });

  it('rejects MaxResults above 100 with ValidationException naming the member', async () => {
    const emu = await emulator();
    const error = await rejection(client(emu).send(new ListLicensesCommand({ MaxResults: 101 })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain("'MaxResults'");
  });

  it('rejects a NextToken that is garbage or belongs to another query', async () => {
    const emu = await emulator({ seed: { licenses: seedLicenses(3) } });
    const sdk = client(emu);
    const garbage = await rejection(sdk.send(new ListLicensesCommand({ NextToken: 'not-a-token' })));
    expect(garbage.name).toBe('InvalidParameterValueException');
    const page = await sdk.send(new ListLicensesCommand({ MaxResults: 1 }));
    const filtered = { MaxResults: 1, NextToken: page.NextToken, Filters: [{ Name: 'Status', Values: ['AVAILABLE'] }] };
    expect((await rejection(sdk.send(new ListLicensesCommand(filtered)))).name).toBe('InvalidParameterValueException');
  });

  it('filters by LicenseArns, each once, in creation order', async () => {
    const seeded = seedLicenses(10);
    const emu = await emulator({ seed: { licenses: seeded } });
    const wanted = [
      seeded[8]!.LicenseArn,
      seeded[2]!.LicenseArn,
      'arn:aws:license-manager::123456789012:license:l-ffff',
      seeded[8]!.LicenseArn,
    ];
    const page = await client(emu).send(new ListLicensesCommand({ LicenseArns: wanted }));
    expect(page.Licenses?.map((l) => l.LicenseName)).toEqual(['License 2', 'License 8']);
  });

  it.each([
    ['ProductSKU', ['SKU-ODD'], [1, 3, 5, 7, 9]],
    ['Beneficiary', ['fifth'], [0, 5]],
    ['Fingerprint', ['aws:123456789012:Acme:issuer-fingerprint'], [0, 3, 6, 9]],
    ['Status', ['DELETED'], [7]],
    ['Status', ['DELETED', 'AVAILABLE'], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
  ])('filters by %s %j', async (name, values, indexes) => {
    const emu = await emulator({ seed: { licenses: seedLicenses(10) } });
    const page = await client(emu).send(new ListLicensesCommand({ Filters: [{ Name: name, Values: values }] }));
    expect(page.Licenses?.map((l) => l.LicenseName)).toEqual(indexes.map((i) => `License ${i}`));
  });

  it('combines filters with AND', async () => {
    const emu = await emulator({ seed: { licenses: seedLicenses(10) } });
    const filters = [
      { Name: 'ProductSKU', Values: ['SKU-EVEN'] },
      { Name: 'Fingerprint', Values: ['aws:123456789012:Acme:issuer-fingerprint'] },
    ];
    const page = await client(emu).send(new ListLicensesCommand({ Filters: filters }));
    expect(page.Licenses?.map((l) => l.LicenseName)).toEqual(['License 0', 'License 6']);
  });

  it('rejects an unknown filter name', async () => {
    const emu = await emulator();
    const error = await rejection(
      client(emu).send(new ListLicensesCommand({ Filters: [{ Name: 'Color', Values: ['red'] }] })),
    );
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.message).toContain('Color');
  });
});
