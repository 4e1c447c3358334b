/**
 * `license-gitops import` end to end: the built CLI in a temporary git
 * repository against the emulator, seeded with 250 licenses (three pages of
 * ListLicenses). The acceptance test is the round trip: right after import,
 * `validate` passes and `plan --detailed-exitcode` exits 0.
 */
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type SeedLicense } from '../../src/emulator/index.js';
import { ROOT, awsEnv, runCli, tempRepo } from '../helpers/cli.js';

const COUNT = 250;
const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2'];

const idOf = (i: number) => `${(i + 1).toString(16).padStart(8, '0')}${'c0ffee'.repeat(4)}`;
const arnOf = (i: number) => `arn:aws:license-manager::123456789012:license:l-${idOf(i)}`;

/** Two licenses share a name; one name has no usable character; the rest vary in every optional member. */
const NAMES: Record<number, string> = { 7: 'Acme Pro', 8: 'Acme Pro', 9: '¡¡¡', 10: 'Ünïcode Größe (EU) / Tier #1' };

function seedLicense(i: number): SeedLicense {
  return {
    LicenseArn: arnOf(i),
    LicenseName: NAMES[i] ?? `Product ${i}`,
    ProductName: `Product line ${i % 7}`,
    ProductSKU: `sku-${i}`,
    Beneficiary: 'arn:aws:iam::210987654321:root',
    Issuer:
      i % 4 === 0
        ? { Name: 'Example Software Inc.', SignKey: `arn:aws:kms:us-east-1:123456789012:key/k-${i}` }
        : { Name: 'Example Software Inc.' },
    HomeRegion: REGIONS[i % REGIONS.length] as string,
    Validity:
      i % 2 === 0
        ? { Begin: '2026-03-01T00:00:00+01:00', End: '2027-03-01T00:00:00.000-05:00' }
        : { Begin: '2026-01-01T00:00:00Z' },
    ...(i % 3 === 0
      ? {}
      : {
          LicenseMetadata: [
            { Value: `Customer ${i}`, Name: 'Customer' },
            { Name: 'Tier', Value: 'gold' },
          ],
        }),
    Entitlements: [
      { Unit: 'Count', AllowCheckIn: i % 2 === 0, MaxCount: i * 10, Name: 'seats', Overage: false },
      ...(i % 5 === 0 ? [{ Value: 'premium', Name: 'support', Unit: 'None' }] : []),
      { Name: 'api-calls', Unit: 'Count', MaxCount: 1000, Overage: i % 3 === 0 },
    ],
    ...(i % 6 === 5
      ? {}
      : {
          ConsumptionConfiguration:
            i % 2 === 0
              ? { BorrowConfiguration: { MaxTimeToLiveInMinutes: 60 }, RenewType: 'Weekly' }
              : { RenewType: 'None', ProvisionalConfiguration: { MaxTimeToLiveInMinutes: 30 } },
        }),
    Status: i % 11 === 0 ? 'DEACTIVATED' : 'AVAILABLE',
    Version: String((i % 4) + 1),
  };
}

let emulator: Emulator;
let repo: { dir: string; cleanup: () => Promise<void> };

beforeEach(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: { licenses: Array.from({ length: COUNT }, (_, i) => seedLicense(i)) },
  });
  repo = await tempRepo();
  await rm(join(repo.dir, 'licenses'), { recursive: true, force: true });
});

afterEach(async () => {
  await emulator.close();
  await repo.cleanup();
});

const cli = (...args: string[]) => runCli(args, { cwd: repo.dir, env: awsEnv(emulator.url) });
const calls = (operation: string) => emulator.calls.filter((c) => c.operation === operation);
const read = (file: string) => readFile(join(repo.dir, file), 'utf8');
const manifestFiles = async (dir = 'licenses') =>
  (await readdir(join(repo.dir, dir))).filter((f) => f.endsWith('.json')).sort();

/** LicenseArn → file, from every manifest in licenses/. */
async function arnsByFile(): Promise<Map<string, string[]>> {
  const byArn = new Map<string, string[]>();
  for (const file of await manifestFiles()) {
    const arn = JSON.parse(await read(`licenses/${file}`)).LicenseArn as string;
    byArn.set(arn, [...(byArn.get(arn) ?? []), file]);
  }
  return byArn;
}

function expectNoStackTrace(result: { stdout: string; stderr: string }): void {
  expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
}

describe('import --all', () => {
  it('writes one manifest per license through every ListLicenses page, and plan shows no drift', async () => {
    const result = await cli('import', '--all');
    expectNoStackTrace(result);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(calls('ListLicenses')).toHaveLength(3);
    expect(calls('GetLicense')).toHaveLength(0);
    expect(result.stdout.match(/^wrote /gm)).toHaveLength(COUNT);
    expect(result.stdout).toContain(`Import: ${COUNT} written, 0 rewritten, 0 already managed, 0 failed.`);

    const byArn = await arnsByFile();
    expect(byArn.size).toBe(COUNT);
    expect([...byArn.values()].every((files) => files.length === 1)).toBe(true);
    expect(byArn.get(arnOf(7))).toEqual(['acme-pro.json']);
    expect(byArn.get(arnOf(8))).toEqual([`acme-pro-${idOf(8).slice(0, 8)}.json`]);
    expect(byArn.get(arnOf(9))).toEqual([`l-${idOf(9)}.json`]);
    expect(byArn.get(arnOf(10))).toEqual(['unicode-grosse-eu-tier-1.json']);
    expect(byArn.get(arnOf(0))).toEqual(['product-0.json']);
    expect(result.stdout).toContain(`wrote    licenses/acme-pro.json  ${arnOf(7)}\n`);

    const validate = await cli('validate');
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain(`${COUNT} manifests valid`);
    const plan = await cli('plan', '--detailed-exitcode');
    expectNoStackTrace(plan);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(`Plan: 0 to update, ${COUNT} unchanged, 0 errors.`);
  });

  it('writes readable manifests: $schema first, request members in order, nothing server-side', async () => {
    await cli('import', '--all');
    const text = await read('licenses/product-0.json');
    expect(text).toBe(`{
  "$schema": "../schemas/license.schema.json",
  "LicenseArn": "${arnOf(0)}",
  "LicenseName": "Product 0",
  "ProductName": "Product line 0",
  "ProductSKU": "sku-0",
  "Beneficiary": "arn:aws:iam::210987654321:root",
  "Issuer": {
    "Name": "Example Software Inc.",
    "SignKey": "arn:aws:kms:us-east-1:123456789012:key/k-0"
  },
  "HomeRegion": "us-east-1",
  "Validity": { "Begin": "2026-02-28T23:00:00Z", "End": "2027-03-01T05:00:00Z" },
  "Entitlements": [
    { "Name": "seats", "Unit": "Count", "MaxCount": 0, "AllowCheckIn": true },
    { "Name": "support", "Unit": "None", "Value": "premium" },
    { "Name": "api-calls", "Unit": "Count", "MaxCount": 1000, "Overage": true }
  ],
  "ConsumptionConfiguration": {
    "RenewType": "Weekly",
    "BorrowConfiguration": { "AllowEarlyCheckIn": false, "MaxTimeToLiveInMinutes": 60 }
  },
  "Status": "DEACTIVATED"
}
`);
  });

  it('skips licenses already managed, changes no file without --force, and rewrites them with it', async () => {
    await mkdir(join(repo.dir, 'licenses/partners'), { recursive: true });
    const handWritten = JSON.stringify({ LicenseArn: arnOf(1), LicenseName: 'Edited by hand' }, null, 2);
    await writeFile(join(repo.dir, 'licenses/partners/mine.json'), handWritten);
    const first = await cli('import', '--all');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`skipped  ${arnOf(1)}  already managed in licenses/partners/mine.json\n`);
    expect(await read('licenses/partners/mine.json')).toBe(handWritten);
    expect((await arnsByFile()).has(arnOf(1))).toBe(false);

    const edited = (await read('licenses/product-2.json')).replace('"Product 2"', '"Renamed"');
    await writeFile(join(repo.dir, 'licenses/product-2.json'), edited);
    const again = await cli('import', '--all');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Import: 0 written, 0 rewritten, ${COUNT} already managed, 0 failed.`);
    expect(again.stdout).toContain(`skipped  ${arnOf(2)}  already managed in licenses/product-2.json\n`);
    expect(await read('licenses/product-2.json')).toBe(edited);
    expect(await manifestFiles()).toHaveLength(COUNT - 1);

    const forced = await cli('import', '--all', '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`rewrote  licenses/product-2.json  ${arnOf(2)}\n`);
    expect(forced.stdout).toContain(`Import: 0 written, ${COUNT} rewritten, 0 already managed, 0 failed.`);
    expect(JSON.parse(await read('licenses/product-2.json')).LicenseName).toBe('Product 2');
    const mine = JSON.parse(await read('licenses/partners/mine.json'));
    expect(mine.LicenseName).toBe('Product 1');
    expect(mine.$schema).toBe('../../schemas/license.schema.json');
    expect(await manifestFiles()).toHaveLength(COUNT - 1);
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('--dir in a subfolder sees the licenses its sibling folders manage', async () => {
    await mkdir(join(repo.dir, 'licenses/other'), { recursive: true });
    const sibling = JSON.stringify({ LicenseArn: arnOf(1), LicenseName: 'Managed next door' }, null, 2);
    await writeFile(join(repo.dir, 'licenses/other/x.json'), sibling);
    const result = await cli('import', arnOf(1), arnOf(2), '--dir', 'licenses/team');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`skipped  ${arnOf(1)}  already managed in licenses/other/x.json\n`);
    expect(result.stdout).toContain(`wrote    licenses/team/product-2.json  ${arnOf(2)}\n`);
    expect(await manifestFiles('licenses/team')).toEqual(['product-2.json']);
    expect(await read('licenses/other/x.json')).toBe(sibling);

    // The tree is the configuration's directory, from wherever import runs; --force rewrites the sibling in place.
    await writeFile(join(repo.dir, 'license-gitops.json'), JSON.stringify({ directory: 'licenses' }));
    await mkdir(join(repo.dir, 'licenses/team/deeper'));
    const env = awsEnv(emulator.url);
    const deeper = await runCli(['import', arnOf(1), '--dir', 'deeper', '--force'], {
      cwd: join(repo.dir, 'licenses/team'),
      env,
    });
    expect(deeper.code, deeper.stderr).toBe(0);
    expect(deeper.stdout).toContain(`rewrote  ${repo.dir}/licenses/other/x.json  ${arnOf(1)}\n`);
    expect(await manifestFiles('licenses/team/deeper')).toEqual([]);
    expect(JSON.parse(await read('licenses/other/x.json')).LicenseName).toBe('Product 1');
  });

  it('never overwrites a file it did not write: the name goes to the next candidate', async () => {
    await mkdir(join(repo.dir, 'licenses'));
    await writeFile(join(repo.dir, 'licenses/acme-pro.json'), '{ "half": "written');
    const result = await cli('import', arnOf(7), arnOf(8));
    expect(result.code).toBe(0);
    expect(await read('licenses/acme-pro.json')).toBe('{ "half": "written');
    expect(await manifestFiles()).toEqual([
      `acme-pro-${idOf(7).slice(0, 8)}.json`,
      `acme-pro-${idOf(8).slice(0, 8)}.json`,
      'acme-pro.json',
    ]);
  });

  it('--all skips deleted licenses and says how many, exiting 0', async () => {
    emulator.addLicenses([
      { ...seedLicense(COUNT), Status: 'DELETED' },
      { ...seedLicense(COUNT + 1), Status: 'PENDING_DELETE' },
    ]);
    const result = await cli('import', '--all');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      `Import: ${COUNT} written, 0 rewritten, 0 already managed, 0 failed, 2 deleted licenses skipped.`,
    );
    expect(await manifestFiles()).toHaveLength(COUNT);
  });

  it('refuses a deleted license named by its ARN', async () => {
    emulator.addLicenses([{ ...seedLicense(COUNT), Status: 'DELETED' }]);
    const result = await cli('import', arnOf(COUNT));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `error ${arnOf(COUNT)}: the license is DELETED; a deleted license can't be managed`,
    );
    expect(await manifestFiles().catch(() => [])).toEqual([]);
  });

  it('skips licenses that cannot be manifests, says why, writes the others and exits 1', async () => {
    const emptyKey = arnOf(COUNT + 1);
    emulator.addLicenses([
      { ...seedLicense(COUNT), Status: 'DELETED' },
      { ...seedLicense(COUNT + 1), Issuer: { Name: 'Example Software Inc.', SignKey: '' } },
    ]);
    const result = await cli('import', '--all');
    expectNoStackTrace(result);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `error ${emptyKey}: the live license can't be written as a valid manifest: /Issuer/SignKey must not be empty`,
    );
    expect(result.stdout).toContain(
      `Import: ${COUNT} written, 0 rewritten, 0 already managed, 1 failed, 1 deleted license skipped.`,
    );
    expect(await manifestFiles()).toHaveLength(COUNT);
    expect((await cli('validate')).code).toBe(0);
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('writes nothing when a manifest under --dir cannot be read, as it may manage one of the licenses', async () => {
    await mkdir(join(repo.dir, 'licenses'));
    await symlink(join(repo.dir, 'nowhere.json'), join(repo.dir, 'licenses/broken.json'));
    const result = await cli('import', '--all');
    expectNoStackTrace(result);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'licenses/broken.json is a broken symlink; import reads every manifest under licenses',
    );
    expect(emulator.calls).toHaveLength(0);
    expect(await manifestFiles()).toEqual(['broken.json']);
  });

  it('prints a versioned JSON report with --json', async () => {
    emulator.addLicenses([
      { ...seedLicense(COUNT), Status: 'DELETED' },
      { ...seedLicense(COUNT + 1), Issuer: { Name: 'Example Software Inc.', SignKey: '' } },
    ]);
    await mkdir(join(repo.dir, 'licenses'));
    await writeFile(join(repo.dir, 'licenses/old.json'), JSON.stringify({ LicenseArn: arnOf(3) }));
    const result = await cli('import', '--all', '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.formatVersion).toBe(1);
    expect(report.imported).toHaveLength(COUNT - 1);
    expect(report.imported).toContainEqual({ file: 'licenses/acme-pro.json', licenseArn: arnOf(7) });
    expect(report.skipped).toEqual([{ file: 'licenses/old.json', licenseArn: arnOf(3), reason: 'already managed' }]);
    expect(report.errors).toEqual([expect.objectContaining({ code: 'MANIFEST_SCHEMA', licenseArn: arnOf(COUNT + 1) })]);
    expect(report.summary).toEqual({ written: COUNT - 1, rewritten: 0, skipped: 1, failed: 1, deleted: 1 });
  });

  it('copies the schema into the repository when it has none, and points $schema at that file', async () => {
    await rm(join(repo.dir, 'schemas'), { recursive: true });
    const result = await cli('import', arnOf(0));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('wrote schemas/license.schema.json');
    expect(JSON.parse(await read('licenses/product-0.json')).$schema).toBe('../schemas/license.schema.json');
    const copied = JSON.parse(await read('schemas/license.schema.json'));
    expect(copied).toStrictEqual(JSON.parse(await readFile(join(ROOT, 'schemas/license.schema.json'), 'utf8')));
    // The imported manifest validates, and a second import leaves the copy alone.
    expect((await cli('validate')).code).toBe(0);
    expect((await cli('import', arnOf(1))).stderr).not.toContain('wrote schemas');
  });

  it("finds the repository's schema from a --dir deeper down, up to the git top", async () => {
    expect((await cli('import', arnOf(0), '--dir', 'teams/a/licenses')).code).toBe(0);
    expect(JSON.parse(await read('teams/a/licenses/product-0.json')).$schema).toBe(
      '../../../schemas/license.schema.json',
    );
  });
});

describe('import ARN...', () => {
  it('reads one license with GetLicense in --region and writes its manifest', async () => {
    const result = await cli('import', arnOf(1), '--region', 'us-west-2');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `wrote    licenses/product-1.json  ${arnOf(1)}\n\nImport: 1 written, 0 rewritten, 0 already managed, 0 failed.\n`,
    );
    expect(calls('GetLicense').map((c) => [c.licenseArn, c.region])).toEqual([[arnOf(1), 'us-west-2']]);
    expect(calls('ListLicenses')).toHaveLength(0);
    expect(JSON.parse(await read('licenses/product-1.json')).HomeRegion).toBe('eu-west-1');
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('reads many ARNs, each once, --concurrency at a time', async () => {
    const arns = Array.from({ length: 30 }, (_, i) => arnOf(i));
    const result = await cli('import', ...arns, arnOf(0), '--concurrency', '4');
    expect(result.code).toBe(0);
    expect(calls('GetLicense')).toHaveLength(30);
    expect(await manifestFiles()).toHaveLength(30);
  });

  it('reports an unknown ARN clearly, still writes the others, and exits 1', async () => {
    const unknown = 'arn:aws:license-manager::123456789012:license:l-ffffffffffffffffffffffffffffffff';
    const result = await cli('import', unknown, arnOf(0), 'not-an-arn');
    expectNoStackTrace(result);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error ${unknown}: license not found (GetLicense in us-east-1); check the ARN`);
    expect(result.stderr).toContain('error not-an-arn: is not a license ARN');
    expect(result.stdout).toContain('Import: 1 written, 0 rewritten, 0 already managed, 2 failed.');
    expect(await manifestFiles()).toEqual(['product-0.json']);
  });
});

describe('usage', () => {
  it('asks for --region when no region is configured', async () => {
    const env = awsEnv(emulator.url);
    delete env.AWS_REGION;
    const result = await runCli(['import', '--all'], { cwd: repo.dir, env });
    expectNoStackTrace(result);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no AWS region is configured; pass --region');
    expect(emulator.calls).toHaveLength(0);
  });

  it('takes AWS_DEFAULT_REGION, which the SDK itself ignores', async () => {
    const env: NodeJS.ProcessEnv = { ...awsEnv(emulator.url), AWS_DEFAULT_REGION: 'eu-west-1' };
    delete env.AWS_REGION;
    expect((await runCli(['import', arnOf(0)], { cwd: repo.dir, env })).code).toBe(0);
    expect(calls('GetLicense').map((c) => c.region)).toEqual(['eu-west-1']);
  });

  it.each([
    [['import'], 'name the licenses to import'],
    [['import', '--all', arnOf(0)], 'pass either --all or license ARNs, not both'],
  ])('refuses %j', async (args, message) => {
    const result = await cli(...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(emulator.calls).toHaveLength(0);
  });
});
