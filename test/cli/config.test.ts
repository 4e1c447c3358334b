/**
 * One config file, end to end: license-gitops.json at the repository root,
 * found from a subfolder, named with --config, overridden by flags, and refused
 * at file:line:col before any call when it is wrong.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsEnv, commitAll, runCli } from '../helpers/cli.js';
import { ACME, useDemoWorld } from '../helpers/demo-world.js';

const world = useDemoWorld();

const writeConfig = (config: unknown, file = 'license-gitops.json') =>
  writeFile(join(world.repo.dir, file), typeof config === 'string' ? config : JSON.stringify(config, null, 2));

/** Live Acme gets a LastAudit entry no manifest holds. */
function auditLive(): void {
  const live = world.emulator.store.get(ACME)!;
  const metadata = [...((live.LicenseMetadata as unknown[]) ?? []), { Name: 'LastAudit', Value: '2026-11-01' }];
  world.emulator.addLicenses([{ ...live, LicenseMetadata: metadata } as never]);
}

const metadataNames = () =>
  ((world.emulator.store.get(ACME)?.LicenseMetadata as { Name: string }[]) ?? []).map((m) => m.Name).sort();

describe('license-gitops.json', () => {
  it('ignore rules in the file are kept live by apply, from any folder of the repository', async () => {
    auditLive();
    await writeConfig({ $schema: './schemas/config.schema.json', ignore: ['/LicenseMetadata/LastAudit'] });
    await commitAll(world.repo.dir, 'Keep the audit date live'); // apply obeys the committed configuration
    await mkdir(join(world.repo.dir, 'docs', 'deep'), { recursive: true });
    const fromSubfolder = (...args: string[]) =>
      runCli(args, { cwd: join(world.repo.dir, 'docs', 'deep'), env: awsEnv(world.emulator.url) });
    const planned = await fromSubfolder('plan');
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('~ licenses/acme-analytics-pro.json\n'); // from the top level, as from the root
    expect(planned.stdout).not.toContain(world.repo.dir);
    expect(planned.stdout).toContain('~ /Entitlements/seats/MaxCount: 100 → 250');
    expect(planned.stdout).not.toContain('LastAudit');
    const applied = await fromSubfolder('apply');
    expect(applied.code).toBe(0);
    expect(metadataNames()).toEqual(['Customer', 'LastAudit', 'Tier']);
  });

  it('per-file rules apply only to the manifests their globs match', async () => {
    auditLive();
    await writeConfig({ ignore: [{ files: ['licenses/*-pro.json'], pointers: ['/LicenseMetadata/LastAudit'] }] });
    expect((await world.cli('plan')).stdout).not.toContain('LastAudit');
    await writeConfig({ ignore: [{ files: ['licenses/partners/*.json'], pointers: ['/LicenseMetadata/LastAudit'] }] });
    expect((await world.cli('plan')).stdout).toContain('- /LicenseMetadata/LastAudit');
  });

  it('directory and maxChanges come from the file; flags override them', async () => {
    await rename(join(world.repo.dir, 'licenses'), join(world.repo.dir, 'manifests'));
    await writeConfig({ directory: 'manifests', maxChanges: 1 });
    const validated = await world.cli('validate');
    expect(validated.stdout).toContain('3 manifests valid in manifests');
    const limited = await world.cli('apply', '--allow-dirty');
    expect(limited.code).toBe(1);
    expect(limited.stdout).toContain('more than --max-changes 1');
    expect(world.writes()).toHaveLength(0);
    const overridden = await world.cli('apply', '--allow-dirty', '--max-changes', '5', '--dir', 'manifests/partners');
    expect(overridden.code).toBe(0);
    expect(overridden.stdout).toContain('manifests/partners/globex-storage.json');
  });

  it('--config names another file', async () => {
    await writeConfig({ directory: 'licenses/partners' }, 'ci-config.json');
    const result = await world.cli('validate', '--config', 'ci-config.json');
    expect(result.stdout).toContain('1 manifest valid in licenses/partners');
    const missing = await world.cli('plan', '--config', 'nope.json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.json: the configuration file does not exist');
  });

  it('an unknown key or a bad value stops every command at file:line:col, before any call', async () => {
    await writeConfig('{\n  "maxChange": 3,\n  "concurrency": "ten"\n}\n');
    await commitAll(world.repo.dir, 'A broken configuration'); // what apply reads
    for (const command of ['validate', 'plan', 'apply']) {
      const result = await world.cli(command);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('license-gitops.json:2:3: unknown member "maxChange"; did you mean maxChanges?');
      expect(result.stderr).toContain(
        'license-gitops.json:3:18: /concurrency must be an integer from 1 to 1000 (got "ten")',
      );
    }
    const json = JSON.parse((await world.cli('plan', '--json')).stdout);
    expect(json.errors[0]).toMatchObject({ code: 'CONFIG_INVALID', file: 'license-gitops.json', line: 2, column: 3 });
    expect(world.emulator.calls).toHaveLength(0);
  });
});
