/**
 * The CLI end to end: a temporary git repository with the example manifests,
 * the built CLI as a child process, the emulator over HTTP as License Manager.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ACME, GLOBEX, INITECH, readArns, useDemoWorld } from '../helpers/demo-world.js';
import { describe, expect, it } from 'vitest';
import { ROOT, TEST_SECRET, awsEnv, commitAll, runCli } from '../helpers/cli.js';

const world = useDemoWorld();
const { cli, writes } = world;

describe('plan', () => {
  it('shows drift terraform-style and exits 2 with --detailed-exitcode', async () => {
    const result = await cli('plan', '--detailed-exitcode');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('~ licenses/acme-analytics-pro.json');
    expect(result.stdout).toContain('~ /Entitlements/seats/MaxCount: 100 → 250');
    expect(result.stdout).toContain('~ /Entitlements/support-plan/Value: "standard" → "premium"');
    expect(result.stdout).toMatch(/~ \/LicenseName: "Initech Support" → "Initech Premium Support"/);
    expect(result.stdout).toContain('- /LicenseMetadata/EditedInConsole: {"Value":"true"}');
    expect(result.stdout).not.toContain('globex-storage.json');
    expect(result.stdout).toContain('Plan: 2 to update, 1 unchanged, 0 errors.');
    expect(writes()).toHaveLength(0);
  });

  it('leaves out what --ignore names, on both sides', async () => {
    const result = await cli('plan', '--json', '--ignore', '/Entitlements/*/MaxCount', '--ignore', '/LicenseName');
    const plan = JSON.parse(result.stdout);
    const acme = plan.licenses.find((l: { licenseArn: string }) => l.licenseArn === ACME);
    expect(acme.action).toBe('noop');
    const initech = plan.licenses.find((l: { licenseArn: string }) => l.licenseArn === INITECH);
    expect(initech.patch.map((op: { path: string }) => op.path).sort()).toEqual([
      '/Entitlements/support-plan/Value',
      '/LicenseMetadata/EditedInConsole',
    ]);
  });

  it('refuses an ignore rule that is not a JSON pointer, before any call', async () => {
    const result = await cli('plan', '--ignore', 'LicenseName');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ignore rule "LicenseName" is not a JSON pointer');
    expect(world.emulator.calls).toHaveLength(0);
  });

  it('reads each license in its HomeRegion', async () => {
    await cli('plan');
    const regions = Object.fromEntries(readArns(world.emulator.calls));
    expect(regions).toEqual({ [ACME]: 'us-east-1', [GLOBEX]: 'eu-west-1', [INITECH]: 'us-west-2' });
    // One ListLicenses per region, and no GetLicense: reads are batched. Acme's seats change, so its usage is read.
    expect(world.emulator.calls.map((c) => c.operation)).toEqual([
      'ListLicenses',
      'ListLicenses',
      'ListLicenses',
      'GetLicenseUsage',
    ]);
  });

  it('prints a versioned JSON plan with the pins', async () => {
    const result = await cli('plan', '--json');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan.formatVersion).toBe(1);
    expect(plan.summary).toEqual({ create: 0, update: 2, delete: 0, noop: 1, error: 0 });
    const acme = plan.licenses.find((l: { licenseArn: string }) => l.licenseArn === ACME);
    expect(acme).toMatchObject({ file: 'licenses/acme-analytics-pro.json', action: 'update', sourceVersion: '3' });
    expect(acme.patch).toContainEqual({ op: 'replace', path: '/Entitlements/seats/MaxCount', value: 250 });
  });

  it('exits 0 with --detailed-exitcode when nothing drifted', async () => {
    const onlyGlobex = await cli('plan', '--detailed-exitcode', '--dir', 'licenses/partners');
    expect(onlyGlobex.code).toBe(0);
    expect(onlyGlobex.stdout).toContain('No changes.');
  });
});

describe('apply', () => {
  it('makes one pinned CreateLicenseVersion per drifted license and converges', async () => {
    const applied = await cli('apply');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/updated\s+licenses\/acme-analytics-pro\.json\s+version 3 → 4/);
    expect(applied.stdout).toMatch(/unchanged\s+licenses\/partners\/globex-storage\.json/);
    expect(
      writes()
        .map((w) => [w.licenseArn, w.sourceVersion, w.region])
        .sort(),
    ).toEqual([
      [ACME, '3', 'us-east-1'],
      [INITECH, '2', 'us-west-2'],
    ]);
    const again = await cli('plan', '--detailed-exitcode');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Plan: 0 to update, 3 unchanged, 0 errors.');
  });

  it('sends the manifest content, not the live content', async () => {
    await cli('apply');
    const manifest = JSON.parse(await readFile(join(world.repo.dir, 'licenses/initech-support.json'), 'utf8'));
    const live = world.emulator.store.get(INITECH);
    expect(live?.LicenseName).toBe(manifest.LicenseName);
    expect(live?.Entitlements).toEqual([{ Name: 'support-plan', Unit: 'None', Value: 'premium' }]);
    expect(live?.ProductSKU).toBe('support-premium');
  });

  it('makes no call at all when any manifest is invalid', async () => {
    await writeFile(join(world.repo.dir, 'licenses/broken.json'), '{\n  "LicenseName": 42\n');
    await commitAll(world.repo.dir, 'A broken manifest');
    const result = await cli('apply');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^licenses\/broken\.json:\d+:\d+: \S/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(world.emulator.calls).toHaveLength(0);
  });

  it('reports a conflict without overwriting, applies the others, exits 1', async () => {
    world.emulator.faults.add({
      kind: 'concurrent-write',
      operation: 'CreateLicenseVersion',
      licenseArn: ACME,
      times: 1,
    });
    const result = await cli('apply');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/conflict\s+licenses\/acme-analytics-pro\.json\s+.*changed after it was read/);
    expect(result.stdout).toMatch(/updated\s+licenses\/initech-support\.json/);
    expect(
      writes()
        .filter((w) => w.licenseArn === ACME)
        .map((w) => w.sourceVersion),
    ).toEqual(['3']);
  });

  it('retries RateLimitExceededException (HTTP 400) and still writes once', async () => {
    world.emulator.faults.add({ kind: 'throttle', operation: 'CreateLicenseVersion', times: 2 });
    world.emulator.faults.add({ kind: 'throttle', operation: 'GetLicense', times: 2 });
    const result = await cli('apply');
    expect(result.code).toBe(0);
    expect(world.emulator.store.get(ACME)?.Version).toBe('4');
    expect(world.emulator.store.get(INITECH)?.Version).toBe('3');
  });

  it('retries a write whose reply was lost without creating a second version', async () => {
    world.emulator.faults.add({ kind: 'drop-reply', operation: 'CreateLicenseVersion', licenseArn: ACME, times: 1 });
    world.emulator.faults.add({ kind: 'internal', operation: 'CreateLicenseVersion', licenseArn: INITECH, times: 1 });
    const result = await cli('apply');
    expect(result.stdout).toMatch(/updated\s+licenses\/acme-analytics-pro\.json/);
    expect(result.code).toBe(0);
    expect(writes().filter((w) => w.licenseArn === ACME).length).toBeGreaterThanOrEqual(2);
    expect(world.emulator.store.get(ACME)?.Version).toBe('4');
    expect(world.emulator.store.get(INITECH)?.Version).toBe('3');
  });

  it('reconciles the others when one license is not found or denied', async () => {
    // Every read of these licenses fails, batched (ListLicenses asking for them) or not (GetLicense).
    world.emulator.faults.add({ kind: 'not-found', licenseArn: ACME });
    world.emulator.faults.add({ kind: 'access-denied', licenseArn: GLOBEX });
    const result = await cli('apply');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/failed\s+licenses\/acme-analytics-pro\.json\s+.*not found/);
    expect(result.stdout).toMatch(/failed\s+licenses\/partners\/globex-storage\.json\s+.*access denied/);
    expect(result.stdout).toMatch(/updated\s+licenses\/initech-support\.json/);
  });
});

describe('the command line', () => {
  it('never prints credentials, even with --verbose', async () => {
    const result = await cli('apply', '--verbose');
    expect(result.stdout + result.stderr).not.toContain(TEST_SECRET);
    expect(result.stdout + result.stderr).not.toContain('AKIDTESTTESTTEST');
  });

  it('honours --endpoint-url and AWS_ENDPOINT_URL_LICENSE_MANAGER', async () => {
    const env = awsEnv();
    const byFlag = await runCli(['plan', '--detailed-exitcode', '--endpoint-url', world.emulator.url], {
      cwd: world.repo.dir,
      env,
    });
    expect(byFlag.code).toBe(2);
    const byEnv = await runCli(['plan', '--detailed-exitcode'], {
      cwd: world.repo.dir,
      env: { ...env, AWS_ENDPOINT_URL_LICENSE_MANAGER: world.emulator.url },
    });
    expect(byEnv.code).toBe(2);
  });

  it('colours only when asked, and never with NO_COLOR', async () => {
    const { NO_COLOR: _unset, ...env } = awsEnv(world.emulator.url);
    const forced = await runCli(['plan'], { cwd: world.repo.dir, env: { ...env, FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[');
    const plain = await runCli(['plan'], { cwd: world.repo.dir, env: { ...env, FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\u001b[');
    expect(plain.stdout).toContain('Plan: 2 to update');
  });

  it('prints --version and --help', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    expect((await cli('--version')).stdout.trim()).toBe(pkg.version);
    const help = await cli('--help');
    expect(help.stdout).toContain('license-gitops <command>');
    for (const command of ['validate', 'plan', 'apply', 'emulator']) expect(help.stdout).toContain(command);
  });

  it('answers a usage error with a message, exit 1, no stack trace', async () => {
    const result = await cli('plan', '--concurrency', '0');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--concurrency must be a whole number');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('answers a usage error under --json with the JSON errors on stdout too (code USAGE)', async () => {
    const result = await cli('plan', '--json', '--bogus');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: Unknown argument');
    expect(JSON.parse(result.stdout)).toMatchObject({
      valid: false,
      errors: [{ code: 'USAGE', message: 'Unknown argument: bogus', fault: 'user' }],
      licenses: [],
    });
    expect(JSON.parse((await cli('plan', '--json=true', '--bogus')).stdout).errors[0].code).toBe('USAGE');
    expect((await cli('plan', '--bogus')).stdout).toBe('');
  });

  it('refuses a repeated emulator --dialect or --seed rather than starting without it', async () => {
    const dialects = await cli(
      'emulator',
      '--port',
      '0',
      '--dialect',
      'stalePin=validation',
      '--dialect',
      'clientToken=ignore',
    );
    expect(dialects.code).toBe(1);
    expect(dialects.stderr).toContain('--dialect');
    const seeds = await cli('emulator', '--port', '0', '--seed', 'a.json', '--seed', 'b.json');
    expect(seeds.code).toBe(1);
    expect(seeds.stderr).toContain('seed');
    expect(`${dialects.stdout}${seeds.stdout}`).not.toContain('listening');
  });
});
