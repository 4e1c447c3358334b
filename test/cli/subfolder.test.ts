/**
 * plan run from a subfolder of the repository names manifests as it does from
 * the root: relative to the repository's top level (text, JSON, errors, the
 * uncommitted-changes note), and a plan saved there still applies from there.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsEnv, commitAll, runCli } from '../helpers/cli.js';
import { useDemoWorld } from '../helpers/demo-world.js';

const world = useDemoWorld();
const from = (sub: string, ...args: string[]) =>
  runCli(args, { cwd: join(world.repo.dir, sub), env: awsEnv(world.emulator.url) });
const FILES = [
  'licenses/acme-analytics-pro.json',
  'licenses/initech-support.json',
  'licenses/partners/globex-storage.json',
];

describe('plan from a subfolder', () => {
  it('shows the same repository paths as from the root, in text and JSON', async () => {
    const root = await world.cli('plan');
    const json = JSON.parse((await world.cli('plan', '--json')).stdout);
    expect(json.licenses.map((l: { file: string }) => l.file)).toEqual(FILES);
    for (const [sub, dir] of [
      ['licenses', '.'],
      ['licenses/partners', '..'],
      ['licenses/partners', join(world.repo.dir, 'licenses')],
    ] as const) {
      const text = await from(sub, 'plan', '--dir', dir);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toBe(root.stdout);
      const again = JSON.parse((await from(sub, 'plan', '--dir', dir, '--json')).stdout);
      expect(again.licenses.map((l: { file: string }) => l.file)).toEqual(FILES);
    }
  });

  it('names a bad manifest and an uncommitted one from the top level too', async () => {
    await writeFile(join(world.repo.dir, 'licenses/partners/broken.json'), '{bad');
    const text = await from('licenses/partners', 'plan', '--dir', '.');
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('uncommitted changes: licenses/partners/broken.json');
    expect(text.stderr).toMatch(/^licenses\/partners\/broken\.json:1:2: /m);
    const json = JSON.parse((await from('licenses/partners', 'plan', '--dir', '.', '--json')).stdout);
    expect(json.errors.map((e: { file?: string }) => e.file)).toEqual(['licenses/partners/broken.json']);
  });

  it('saves a plan that applies from the same folder', async () => {
    expect((await from('licenses', 'plan', '--dir', '.', '--out', '../plan.json')).code).toBe(0);
    const applied = await from('licenses', 'apply', '../plan.json', '--dir', '.');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(world.writes()).toHaveLength(2);
  });
});

/** A license created by apply from the top level, its manifest in licenses/team (marker `team/hooli.json`). */
async function createInTeam(): Promise<void> {
  await mkdir(join(world.repo.dir, 'licenses/team'));
  const manifest = {
    LicenseName: 'Hooli Analytics',
    ProductName: 'Analytics Pro',
    ProductSKU: 'analytics-pro-ent',
    Beneficiary: 'arn:aws:iam::999988887777:root',
    Issuer: { Name: 'Example Software Inc.' },
    HomeRegion: 'us-east-1',
    Validity: { Begin: '2026-01-01T00:00:00Z', End: '2027-01-01T00:00:00Z' },
    Entitlements: [{ Name: 'seats', Unit: 'Count', MaxCount: 50 }],
    ConsumptionConfiguration: { RenewType: 'Monthly' },
    Status: 'AVAILABLE',
  };
  await writeFile(join(world.repo.dir, 'licenses/team/hooli.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await commitAll(world.repo.dir, 'Add hooli');
  const applied = await world.cli('apply');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  await commitAll(world.repo.dir, 'Record the ARN');
}

describe('with no configuration file, a run from inside the tree sees the whole tree', () => {
  it('plan there without --dir is the plan of the tree, as from the top', async () => {
    const root = await world.cli('plan');
    const inside = await from('licenses/partners', 'plan');
    expect(inside.code, inside.stderr).toBe(0);
    expect(inside.stdout).toBe(root.stdout);
  });

  it("a folder's prune never retires what a sibling folder manages, nor does import or orphans take it", async () => {
    await createInTeam();
    const live = () => world.emulator.store.list().filter((l) => l.Status !== 'DELETED');
    const before = live().length;
    const planned = await from('licenses', 'plan', '--prune', '--dir', 'partners', '--detailed-exitcode');
    expect(planned.stdout).not.toContain('DeleteLicense');
    const applied = await from('licenses', 'apply', '--prune', '--dir', 'partners');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(world.emulator.calls.filter((c) => c.operation === 'DeleteLicense')).toHaveLength(0);
    expect(live()).toHaveLength(before);

    for (const [sub, dir] of [
      ['licenses/partners', '../team'],
      ['licenses', 'team'],
    ] as const) {
      const imported = await from(sub, 'import', '--all', '--dir', dir, '--json');
      expect(imported.code, imported.stderr).toBe(0);
      expect(JSON.parse(imported.stdout).summary).toMatchObject({ written: 0, skipped: before });
      const orphans = JSON.parse((await from(sub, 'orphans', '--dir', dir, '--json')).stdout);
      expect(orphans.orphans).toEqual([]);
    }
  });
});

describe('from a subfolder, every path printed is from the top level', () => {
  it('the expiry list of plan and the outcomes of apply, in text and JSON', async () => {
    await writeFile(join(world.repo.dir, 'license-gitops.json'), '{ "directory": "licenses" }\n');
    await commitAll(world.repo.dir, 'Add the configuration');
    const json = JSON.parse((await from('licenses/partners', 'plan', '--json', '--expiry-warning', '3650')).stdout);
    expect(json.expiry.licenses.map((l: { file: string }) => l.file).sort()).toEqual(FILES);
    const text = await from('licenses/partners', 'plan', '--expiry-warning', '3650');
    expect(text.stdout).not.toContain(world.repo.dir);
    const applied = await from('licenses/partners', 'apply');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).not.toContain(world.repo.dir);
    expect(applied.stdout).toMatch(/^updated\s+licenses\/acme-analytics-pro\.json\s/m);
    expect(applied.stdout).toMatch(/^updated\s+licenses\/initech-support\.json\s/m);
  });

  it("apply's refusal too: an invalid committed manifest is named from the top level, in text and JSON", async () => {
    const file = join(world.repo.dir, 'licenses/acme-analytics-pro.json');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...doc, Status: 'BOGUS' }, null, 2));
    await commitAll(world.repo.dir, 'Break a manifest');
    const applied = await from('licenses/partners', 'apply');
    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(/^licenses\/acme-analytics-pro\.json:\d+:\d+: \/Status/m);
    expect(applied.stderr).not.toContain('../');
    const json = JSON.parse((await from('licenses/partners', 'apply', '--json')).stdout);
    expect(json.errors.map((e: { file: string }) => e.file)).toEqual(['licenses/acme-analytics-pro.json']);
  });
});
