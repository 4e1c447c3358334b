/**
 * The Action's run settings: inputs over the config file over the built-in
 * defaults (pure), and each input's effect end to end through the bundled
 * Action against the emulator.
 */
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../src/action/inputs.js';
import { runSettings } from '../../src/action/settings.js';
import { commitAll } from '../helpers/cli.js';
import { ACME, INITECH, useDemoWorld } from '../helpers/demo-world.js';
import { actionRunner, annotations, type ActionOptions, type Runner } from './run-action.js';

const inputs = (values: Record<string, string>) => {
  const read = readInputs((name) => values[name] ?? '');
  if (!read.ok) throw new Error(read.errors.join('\n'));
  return read.inputs;
};

describe('runSettings', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'license-gitops-settings-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('takes the built-in defaults when neither input nor config file says', async () => {
    expect(await runSettings(inputs({}), undefined, dir)).toEqual({
      ok: true,
      settings: {
        command: 'plan',
        directory: 'licenses',
        tree: 'licenses',
        ignore: [],
        prune: false,
        allowInUse: false,
        expiryWarning: 30,
        concurrency: 10,
        timeout: 30,
      },
    });
  });

  it('lets the config file decide what inputs leave unset; inputs win; ignore rules add up', async () => {
    const config = {
      directory: 'infra/licenses',
      ignore: ['/LicenseMetadata/LastAudit'],
      maxChanges: 5,
      prune: true,
      concurrency: 4,
      maxRps: 3,
      timeout: 10,
      allowBelowUsage: true,
      expiryWarning: 14,
    };
    await writeFile(join(dir, 'ci.json'), JSON.stringify(config));
    const fromFile = await runSettings(inputs({ config: 'ci.json' }), undefined, dir);
    const { allowBelowUsage: _allow, ...others } = config;
    expect(fromFile).toEqual({
      ok: true,
      settings: { command: 'plan', ...others, tree: 'infra/licenses', allowInUse: true },
    });
    const set = inputs({
      config: 'ci.json',
      directory: 'other',
      ignore: '/Status',
      'max-changes': '0',
      prune: 'false',
      concurrency: '2',
      timeout: '5',
    });
    expect(await runSettings(set, 'a'.repeat(40), dir)).toEqual({
      ok: true,
      settings: {
        command: 'plan',
        directory: 'other',
        tree: 'other',
        ignore: ['/LicenseMetadata/LastAudit', '/Status'],
        maxChanges: 0,
        prune: false,
        concurrency: 2,
        maxRps: 3,
        timeout: 5,
        allowInUse: true,
        expiryWarning: 14,
        base: 'a'.repeat(40),
      },
    });
  });

  it('refuses a config file that is wrong, at file:line:col, or missing when named', async () => {
    await writeFile(join(dir, 'bad.json'), '{\n  "maxChanges": -1\n}\n');
    const bad = await runSettings(inputs({ config: 'bad.json' }), undefined, dir);
    expect(bad).toMatchObject({ ok: false, errors: [{ code: 'CONFIG_INVALID', file: 'bad.json', line: 2 }] });
    const missing = await runSettings(inputs({ config: 'nowhere.json' }), undefined, dir);
    expect(missing).toMatchObject({ ok: false, errors: [{ code: 'CONFIG_INVALID' }] });
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

  it("config: the repository's license-gitops.json holds in the Action as in the CLI; inputs override it", async () => {
    await rename(join(world.repo.dir, 'licenses'), join(world.repo.dir, 'manifests'));
    const config = { directory: 'manifests', ignore: ['/Entitlements/seats/MaxCount'], maxChanges: 0 };
    await writeFile(join(world.repo.dir, 'license-gitops.json'), JSON.stringify(config, null, 2));
    await commitAll(world.repo.dir, 'Manifests in manifests/, with a config file');
    const planned = await action();
    expect(planned.code).toBe(0);
    expect(planned.summary).toContain('### license-gitops plan · manifests');
    expect(planned.outputs).toMatchObject({ updated: '1', unchanged: '2' }); // Acme's MaxCount is ignored
    const refused = await action({ inputs: { command: 'apply' } });
    expect(refused.code).toBe(1);
    expect(world.writes()).toHaveLength(0); // maxChanges 0 from the file
    const allowed = await action({ inputs: { command: 'apply', 'max-changes': '5' } });
    expect(allowed.code).toBe(0);
    expect(world.writes()).toHaveLength(1);
  });

  it('config: apply obeys the committed file, and refuses one an earlier step rewrote', async () => {
    await writeFile(join(world.repo.dir, 'license-gitops.json'), JSON.stringify({ maxChanges: 0 }));
    await commitAll(world.repo.dir, 'No changes without review');
    // An earlier step of the job lifts the limit in the checkout.
    await writeFile(join(world.repo.dir, 'license-gitops.json'), JSON.stringify({ prune: true }));
    const refused = await action({ inputs: { command: 'apply' } });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('license-gitops.json: the configuration has uncommitted changes');
    expect(world.emulator.calls).toHaveLength(0);
    // A plan may show the working tree's settings: it writes nothing.
    expect((await action()).code).toBe(0);
  });

  it('config: a named file that is invalid is annotated at file:line:col, and nothing is called', async () => {
    await writeFile(join(world.repo.dir, 'ci.json'), '{\n  "ignore": ["no-slash"]\n}\n');
    const result = await action({ inputs: { config: 'ci.json' } });
    expect(result.code).toBe(1);
    expect(annotations(result.stdout)).toContainEqual(expect.stringMatching(/^::error file=ci\.json,line=2,col=\d+::/));
    expect(world.emulator.calls).toHaveLength(0);
  });

  it("on pull_request, the base is passed: the comment tells the pull request's changes from drift", async () => {
    const base = (await simpleGit(world.repo.dir).revparse(['HEAD'])).trim();
    const file = join(world.repo.dir, 'licenses/acme-analytics-pro.json');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    doc.Entitlements[0].MaxCount = 300;
    await writeFile(file, JSON.stringify(doc, null, 2));
    await commitAll(world.repo.dir, 'Raise Acme seats');
    const event = { name: 'pull_request', payload: { number: 7, pull_request: { number: 7, base: { sha: base } } } };
    const result = await action({ event, inputs: { comment: 'false' } });
    expect(result.code).toBe(0);
    const plan = JSON.parse(await readFile(result.outputs['plan-json']!, 'utf8'));
    expect(plan.base).toBe(base);
    expect(plan.scope).toBeUndefined(); // attributed, not narrowed
    const cause = (arn: string) => plan.licenses.find((l: { licenseArn: string }) => l.licenseArn === arn).cause;
    expect([cause(ACME), cause(INITECH)]).toEqual(['manifest', 'drift']);
    const mine = result.summary.indexOf('Changed in this pull request');
    const drift = result.summary.indexOf('Drift outside git: merging will revert it');
    expect(mine).toBeGreaterThan(-1);
    expect(drift).toBeGreaterThan(mine);
  });

  it('on pull_request, a base the shallow checkout lacks gives a warning and an unattributed plan', async () => {
    const event = { name: 'pull_request', payload: { pull_request: { number: 7, base: { sha: 'c'.repeat(40) } } } };
    const result = await action({ event, inputs: { comment: 'false' } });
    expect(result.code).toBe(0);
    expect(annotations(result.stdout, 'warning')).toEqual([
      expect.stringMatching(/^::warning::the pull request's base commit c{40} is not in the checkout.*fetch-depth: 0/),
    ]);
    const plan = JSON.parse(await readFile(result.outputs['plan-json']!, 'utf8'));
    expect(plan.base).toBeUndefined();
    expect(plan.summary.update).toBe(2);
  });

  it('timeout: a hung call is abandoned after that many seconds, and the others are still planned', async () => {
    world.emulator.faults.add({ kind: 'latency', licenseArn: ACME, ms: 20_000 }); // its batched read too
    const started = Date.now();
    const result = await action({ inputs: { timeout: '0.3' } });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ failed: '1', updated: '1' });
    const plan = JSON.parse(await readFile(result.outputs['plan-json']!, 'utf8'));
    expect(plan.licenses.find((l: { licenseArn: string }) => l.licenseArn === INITECH).action).toBe('update');
  });
});
