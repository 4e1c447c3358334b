/**
 * What decides what apply does comes from the tree it applies: the
 * configuration file is read from the commit (HEAD, --ref, a saved plan's),
 * never from disk, and one the commit does not hold as it is (edited,
 * untracked, ignored, in a nearer folder, deleted, outside the repository) is
 * refused unless --allow-dirty. A saved plan names the configuration's blob;
 * a pull request that changes only the configuration is its cause in a plan.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { describe, expect, it } from 'vitest';
import { awsEnv, commitAll, runCli } from '../helpers/cli.js';
import { ACME, INITECH, useDemoWorld } from '../helpers/demo-world.js';

const world = useDemoWorld();
const { cli } = world;
const git = () => simpleGit(world.repo.dir);
const writes = () =>
  world.emulator.calls.filter((c) => ['CreateLicenseVersion', 'DeleteLicense', 'CreateLicense'].includes(c.operation));
const writeConfig = (config: unknown, file = 'license-gitops.json') =>
  writeFile(join(world.repo.dir, file), `${JSON.stringify(config, null, 2)}\n`);
const SAFE = { prune: false, maxChanges: 0 };

/** The committed configuration is the safe one; the last commit deletes Initech's manifest. Returns the commit before. */
async function reviewedRepo(): Promise<string> {
  await writeConfig(SAFE);
  const base = await commitAll(world.repo.dir, 'Safe settings');
  await rm(join(world.repo.dir, 'licenses/initech-support.json'));
  await commitAll(world.repo.dir, 'Retire Initech');
  return base;
}

/** Expects the run refused before any call, naming the configuration file and how to proceed. */
function expectRefused(result: { code: number; stderr: string }, file: string, clause: string): void {
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`${file}: the configuration ${clause}`);
  expect(result.stderr).toContain('apply reads its configuration from the commit it applies');
  expect(result.stderr).toContain('or pass --allow-dirty');
  expect(result.stderr).not.toContain('internal error');
  expect(world.emulator.calls).toHaveLength(0);
}

describe('apply obeys the configuration of the commit it applies', () => {
  it('refuses a working-tree edit that turns prune on (before: DeleteLicense); --allow-dirty obeys it', async () => {
    const base = await reviewedRepo();
    await writeConfig({ prune: true });
    expectRefused(await cli('apply', '--changed-since', base), 'license-gitops.json', 'has uncommitted changes');
    expectRefused(await cli('apply'), 'license-gitops.json', 'has uncommitted changes');
    expect(world.emulator.store.get(INITECH)?.Status).toBe('AVAILABLE');

    const allowed = await cli('apply', '--changed-since', base, '--allow-dirty');
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(writes().map((w) => w.operation)).toEqual(['DeleteLicense']);
  });

  it('obeys the committed settings when the file is clean: maxChanges 0 stops every write', async () => {
    await reviewedRepo();
    const applied = await cli('apply');
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain('more than --max-changes 0');
    expect(writes()).toHaveLength(0);
  });

  it('refuses a directory outside the repository before reading anything there, committed or not', async () => {
    const secret = 'OUTSIDE-THE-REPOSITORY-do-not-print';
    await mkdir(join(world.repo.dir, '../outside'));
    await writeFile(join(world.repo.dir, '../outside/leak.json'), JSON.stringify({ LicenseName: secret, x: secret }));
    await writeConfig({ directory: '../outside' });
    await commitAll(world.repo.dir, 'Point the run outside the repository');
    for (const command of ['validate', 'plan', 'apply']) {
      const result = await cli(command);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('license-gitops.json:2:16: /directory must name a folder inside the repository');
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
    expect(world.emulator.calls).toHaveLength(0);
  });

  it('refuses a configured or default directory that a committed link leads outside the repository', async () => {
    const secret = 'OUTSIDE-THROUGH-A-LINK-do-not-print';
    await mkdir(join(world.repo.dir, '../outside'));
    await writeFile(join(world.repo.dir, '../outside/leak.json'), JSON.stringify({ LicenseName: 5, Status: secret }));
    await symlink('../outside', join(world.repo.dir, 'lic'));
    await writeConfig({ directory: 'lic' });
    await commitAll(world.repo.dir, 'A directory that is a link out of the repository');
    const refused = 'the manifest directory lic leads outside the repository through a link';
    for (const command of ['validate', 'plan']) {
      const result = await cli(command);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`license-gitops.json: ${refused}`);
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
    // A folder not made yet below the link is refused too: import would make it outside.
    await writeConfig({ directory: 'lic/new' });
    const imported = await cli('import', '--all');
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('the manifest directory lic/new leads outside the repository through a link');
    expect(existsSync(join(world.repo.dir, '../outside/new'))).toBe(false);
    // With no configuration, the default folder is held to the same bound; --dir is the caller's own choice.
    await rm(join(world.repo.dir, 'license-gitops.json'));
    await rm(join(world.repo.dir, 'licenses'), { recursive: true });
    await symlink('../outside', join(world.repo.dir, 'licenses'));
    const byDefault = await cli('validate');
    expect(byDefault.code).toBe(1);
    expect(byDefault.stderr).toContain('the manifest directory licenses leads outside the repository through a link');
    expect(byDefault.stderr).not.toContain(secret);
    expect((await cli('validate', '--dir', 'licenses')).stderr).toContain('licenses/leak.json:');
    expect(world.emulator.calls).toHaveLength(0);
  });

  it('refuses an untracked configuration in a folder nearer the working directory', async () => {
    await reviewedRepo();
    await mkdir(join(world.repo.dir, 'docs'));
    await writeConfig({ prune: true, directory: '../licenses' }, 'docs/license-gitops.json');
    const result = await runCli(['apply'], { cwd: join(world.repo.dir, 'docs'), env: awsEnv(world.emulator.url) });
    expectRefused(result, 'license-gitops.json', 'is not committed at HEAD, where the nearest is');
  });

  it('refuses an untracked configuration in a parent folder, up to the git top level, when none is committed', async () => {
    await mkdir(join(world.repo.dir, 'docs'));
    await writeConfig({ prune: true });
    const result = await runCli(['apply', '--dir', '../licenses'], {
      cwd: join(world.repo.dir, 'docs'),
      env: awsEnv(world.emulator.url),
    });
    expectRefused(result, 'license-gitops.json', 'is not committed at HEAD (untracked, ignored, or added since)');
  });

  it('refuses a git-ignored configuration, and a committed one deleted from the working tree', async () => {
    await writeFile(join(world.repo.dir, '.gitignore'), 'license-gitops.json\n');
    await commitAll(world.repo.dir, 'ignore the local settings');
    await writeConfig({ prune: true });
    expectRefused(await cli('apply'), 'license-gitops.json', 'is not committed at HEAD');

    await rm(join(world.repo.dir, '.gitignore'));
    await commitAll(world.repo.dir, 'commit the settings');
    await rm(join(world.repo.dir, 'license-gitops.json'));
    expectRefused(await cli('apply'), 'license-gitops.json', 'is committed at HEAD but missing from the working tree');
  });

  it("reads --ref's configuration, and refuses a working tree whose configuration differs from it", async () => {
    await writeConfig({ maxChanges: 0 });
    const limited = await commitAll(world.repo.dir, 'limit changes');
    await writeConfig({});
    await commitAll(world.repo.dir, 'lift the limit');
    expectRefused(await cli('apply', '--ref', limited), 'license-gitops.json', `differs from ${limited}'s`);
    // With --allow-dirty the manifests and the configuration are both the commit's: its limit holds.
    const applied = await cli('apply', '--ref', limited, '--allow-dirty');
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain('more than --max-changes 0');
    expect(writes()).toHaveLength(0);
  });

  it('refuses --config FILE outside the repository unless --allow-dirty', async () => {
    const outside = join(world.repo.dir, '..', 'outside.json');
    await writeFile(outside, JSON.stringify({ maxChanges: 0 }));
    expectRefused(await cli('apply', '--config', outside), outside, 'is outside the repository');
    const allowed = await cli('apply', '--config', outside, '--allow-dirty', '--dir', 'licenses');
    expect(allowed.stdout).toContain('more than --max-changes 0'); // the file is obeyed
    expect(writes()).toHaveLength(0);
  });
});

describe('a saved plan names the configuration it was made with', () => {
  const PLAN = '../plan.json';
  const planFile = () => join(world.repo.dir, PLAN);

  it('records the blob; apply refuses it under another configuration, in the file or the working tree', async () => {
    await writeConfig({ ignore: ['/LicenseName'] });
    await commitAll(world.repo.dir, 'settings');
    expect((await cli('plan', '--out', PLAN)).code).toBe(0);
    const saved = JSON.parse(await readFile(planFile(), 'utf8'));
    const blob = (await git().revparse(['HEAD:license-gitops.json'])).trim();
    expect(saved.config).toEqual({ file: 'license-gitops.json', blob });

    await writeFile(
      planFile(),
      JSON.stringify({ ...saved, config: { file: 'license-gitops.json', blob: 'f'.repeat(40) } }),
    );
    const tampered = await cli('apply', PLAN);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain(`but this apply's configuration is license-gitops.json at blob ${blob}`);
    await writeFile(planFile(), JSON.stringify({ ...saved, config: null }));
    expect((await cli('apply', PLAN)).stderr).toContain('was made with no configuration file');
    const { config: _dropped, ...older } = saved;
    await writeFile(planFile(), JSON.stringify(older));
    expect((await cli('apply', PLAN)).stderr).toContain('records no configuration');

    await writeFile(planFile(), JSON.stringify(saved));
    await writeConfig({});
    const dirty = await cli('apply', PLAN, '--allow-dirty');
    expect(dirty.code).toBe(1);
    expect(dirty.stderr).toContain(
      'is applied only with its configuration, but license-gitops.json has uncommitted changes',
    );
    expect(world.emulator.calls.filter((c) => c.operation === 'CreateLicenseVersion')).toHaveLength(0);

    await git().checkout(['--', 'license-gitops.json']);
    const applied = await cli('apply', PLAN);
    expect(applied.code, applied.stderr).toBe(0);
    expect(world.emulator.store.get(ACME)?.Version).toBe('4');
  });

  it('is not saved from a configuration no commit vouches for', async () => {
    await writeConfig({ prune: true });
    const result = await cli('plan', '--out', PLAN);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'the plan was not saved to ../plan.json: the configuration license-gitops.json is not committed at HEAD',
    );
  });
});

describe('plan --base: a change of the configuration is a cause', () => {
  it('an ignore rule dropped by the pull request brings its license, not drift', async () => {
    // Live Acme has a LastAudit entry its manifest lacks; the base ignores it for Acme only.
    const live = world.emulator.store.get(ACME)!;
    const metadata = [...((live.LicenseMetadata as unknown[]) ?? []), { Name: 'LastAudit', Value: '2026-11-01' }];
    world.emulator.addLicenses([{ ...live, LicenseMetadata: metadata } as never]);
    await writeConfig({ ignore: [{ files: ['licenses/acme-*.json'], pointers: ['/LicenseMetadata/LastAudit'] }] });
    const base = await commitAll(world.repo.dir, 'ignore the audit date');
    await writeConfig({});
    await commitAll(world.repo.dir, 'stop ignoring it');

    const plan = JSON.parse((await cli('plan', '--json', '--base', base)).stdout);
    const causes = Object.fromEntries(plan.licenses.map((l: { file: string; cause?: string }) => [l.file, l.cause]));
    expect(causes['licenses/acme-analytics-pro.json']).toBe('config');
    expect(causes['licenses/initech-support.json']).toBe('drift');
    expect(plan.configChange).toEqual({ file: 'license-gitops.json', members: ['ignore'] });
    const text = (await cli('plan', '--base', base)).stdout;
    expect(text).toMatch(/Changed in this pull request:\n\n\* license-gitops\.json changes ignore\n\n~ licenses\/acme/);
  });

  it('prune turned on by the pull request brings the deletes it makes', async () => {
    await rm(join(world.repo.dir, 'licenses/initech-support.json'));
    await writeFile(join(world.repo.dir, 'licenses/hooli.json'), HOOLI);
    await commitAll(world.repo.dir, 'Add Hooli, retire Initech');
    expect((await cli('apply')).code).toBe(0); // creates Hooli and writes its ARN back
    await rm(join(world.repo.dir, 'licenses/hooli.json'));
    const base = await commitAll(world.repo.dir, 'Retire Hooli');
    await writeConfig({ prune: true });
    await commitAll(world.repo.dir, 'Turn prune on');

    const plan = JSON.parse((await cli('plan', '--json', '--base', base)).stdout);
    const deletes = plan.licenses.filter((l: { action: string }) => l.action === 'delete');
    expect(deletes.length).toBeGreaterThan(0);
    expect(deletes.every((l: { cause: string }) => l.cause === 'config')).toBe(true);
    expect(plan.configChange.members).toEqual(['prune']);
  });

  it('a configuration the pull request leaves alone changes no cause', async () => {
    await writeConfig({ maxChanges: 10 });
    const base = await commitAll(world.repo.dir, 'settings');
    const plan = JSON.parse((await cli('plan', '--json', '--base', base)).stdout);
    expect(plan).not.toHaveProperty('configChange');
    expect(plan.licenses.filter((l: { cause?: string }) => l.cause === 'config')).toEqual([]);
  });
});

const HOOLI = `${JSON.stringify(
  {
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
  },
  null,
  2,
)}\n`;
