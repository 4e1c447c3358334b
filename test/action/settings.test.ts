/**
 * The Action's run settings: inputs over the config file over the built-in
 * defaults (pure), and each input's effect end to end through the bundled
 * Action against the emulator.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../src/action/inputs.js';
import { resolveSettings } from '../../src/action/settings.js';
import { commitAll } from '../helpers/cli.js';
import { ACME, INITECH, useDemoWorld } from '../helpers/demo-world.js';
import { actionRunner, annotations, type ActionOptions, type Runner } from './run-action.js';

const inputs = (values: Record<string, string>) => {
  const read = readInputs((name) => values[name] ?? '');
  if (!read.ok) throw new Error(read.errors.join('\n'));
  return read.inputs;
};

describe('resolveSettings', () => {
  it('takes the built-in defaults when neither input nor config file says', () => {
    expect(resolveSettings(inputs({}), {}, undefined)).toEqual({
      command: 'plan',
      directory: 'licenses',
      ignore: [],
      prune: false,
      concurrency: 10,
      timeout: 30,
    });
  });

  it('lets the config file decide what inputs leave unset, and inputs win over it', () => {
    const config = {
      directory: 'infra/licenses',
      ignore: ['/LicenseMetadata/LastAudit'],
      maxChanges: 5,
      prune: true,
      concurrency: 4,
      maxRps: 3,
      timeout: 10,
    };
    expect(resolveSettings(inputs({}), config, undefined)).toMatchObject({ ...config });
    const set = inputs({ directory: 'other', 'max-changes': '0', prune: 'false', concurrency: '2', timeout: '5' });
    expect(resolveSettings(set, config, 'a'.repeat(40))).toMatchObject({
      directory: 'other',
      maxChanges: 0,
      prune: false,
      concurrency: 2,
      maxRps: 3,
      timeout: 5,
      base: 'a'.repeat(40),
    });
  });

  it('adds the inputs ignore rules to the config file rules, so a rule in the file holds in every run', () => {
    const set = inputs({ ignore: '/Status\n/LicenseMetadata/LastAudit' });
    expect(resolveSettings(set, { ignore: ['/LicenseMetadata/LastAudit'] }, undefined).ignore).toEqual([
      '/LicenseMetadata/LastAudit',
      '/Status',
    ]);
  });
});

describe('inputs, end to end', () => {
  const world = useDemoWorld();
  let runner: Runner;
  beforeAll(async () => {
    runner = await actionRunner();
  });
  afterAll(async () => {
    await runner.cleanup();
  });
  const action = (options: Partial<ActionOptions> = {}) =>
    runner.run({ cwd: world.repo.dir, endpoint: world.emulator.url, ...options });

  it('ignore: the pointers are left out of the plan, and apply keeps the live value', async () => {
    const result = await action({
      inputs: { command: 'apply', ignore: '/Entitlements/seats/MaxCount\n/LicenseMetadata/EditedInConsole' },
    });
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(result.outputs['plan-json']!, 'utf8'));
    const acme = report.licenses.find((l: { licenseArn: string }) => l.licenseArn === ACME);
    expect(JSON.stringify(acme?.patch ?? [])).not.toContain('MaxCount');
    const live = world.emulator.store.history(ACME)?.at(-1) as { Entitlements?: { Name: string; MaxCount?: number }[] };
    expect(live.Entitlements?.find((e) => e.Name === 'seats')?.MaxCount).toBe(100);
  });

  it('ignore: a malformed pointer fails the step before any call', async () => {
    const result = await action({ inputs: { ignore: 'Entitlements/seats' } });
    expect(result.code).toBe(1);
    expect(annotations(result.stdout).join('\n')).toContain('is not a JSON pointer');
    expect(world.emulator.calls).toHaveLength(0);
  });

  it('max-changes: more licenses would change than allowed, so apply changes none', async () => {
    const result = await action({ inputs: { command: 'apply', 'max-changes': '1' } });
    expect(result.code).toBe(1);
    expect(world.writes()).toHaveLength(0);
    expect(result.summary).toContain('2 skipped');
    const allowed = await action({ inputs: { command: 'apply', 'max-changes': '2' } });
    expect(allowed.code).toBe(0);
    expect(world.writes()).toHaveLength(2);
  });

  it('ref: reads the manifests as committed at that ref, not the working tree', async () => {
    const git = simpleGit(world.repo.dir);
    const first = (await git.revparse(['HEAD'])).trim();
    const file = join(world.repo.dir, 'licenses/initech-support.json');
    const manifest = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...manifest, ProductName: 'Renamed' }, null, 2));
    await commitAll(world.repo.dir, 'Initech: rename');
    await writeFile(file, '{ not even JSON'); // the working tree is broken; the ref is not
    const result = await action({ inputs: { ref: first } });
    expect(result.code).toBe(0);
    expect(result.outputs['commit']).toBe(first);
    const plan = JSON.parse(await readFile(result.outputs['plan-json']!, 'utf8'));
    expect(JSON.stringify(plan)).not.toContain('Renamed');
  });

  it('timeout: a hung call is abandoned after that many seconds, and the others are still planned', async () => {
    world.emulator.faults.add({ kind: 'latency', operation: 'GetLicense', licenseArn: ACME, ms: 20_000 });
    const started = Date.now();
    const result = await action({ inputs: { timeout: '0.3' } });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ failed: '1', updated: '1' });
    const plan = JSON.parse(await readFile(result.outputs['plan-json']!, 'utf8'));
    expect(plan.licenses.find((l: { licenseArn: string }) => l.licenseArn === INITECH).action).toBe('update');
  });
});
