/**
 * Safety limits and faults from outside: --max-changes, SIGINT/SIGTERM during
 * apply, --timeout, throttling storms, and broken manifests that must never
 * reach License Manager.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACME, INITECH, useDemoWorld } from '../helpers/demo-world.js';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { live, manifest } from '../../scripts/bench-data.mjs';
import { CLI, awsEnv, commitAll, runCli, type CliResult } from '../helpers/cli.js';

const world = useDemoWorld();
const { cli, writes } = world;

describe('--max-changes', () => {
  it('changes nothing when the plan would change more licenses, and says so', async () => {
    const result = await cli('apply', '--max-changes', '1');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'the plan would change 2 licenses (2 changes), more than --max-changes 1, so none was changed',
    );
    expect(result.stdout).toMatch(/skipped\s+licenses\/acme-analytics-pro\.json/);
    expect(writes()).toHaveLength(0);
  });

  it('applies when the plan stays within the limit', async () => {
    const result = await cli('apply', '--max-changes', '2');
    expect(result.code).toBe(0);
    expect(writes()).toHaveLength(2);
  });
});

/** Starts apply, sends `signal` once a write is in flight, and collects the result. */
function applyAndInterrupt(signal: NodeJS.Signals): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'apply', '--concurrency', '1'], {
      cwd: world.repo.dir,
      env: awsEnv(world.emulator.url),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      const reads = world.emulator.calls.filter((c) => c.operation === 'ListLicenses').length; // one per region
      if (reads === 3 && world.emulator.stats().inFlight > 0) {
        clearInterval(poll);
        child.kill(signal);
      }
    }, 10);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

describe('an interrupted apply', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('on %s starts no new call, finishes the one in flight, reports, exits %i', async (signal, code) => {
    world.emulator.faults.add({ kind: 'latency', operation: 'CreateLicenseVersion', ms: 1500 });
    const interrupted = await applyAndInterrupt(signal);
    expect(interrupted.code).toBe(code);
    expect(interrupted.stderr).toContain(`${signal} received: no new calls will start`);
    expect(interrupted.stdout).toMatch(/updated\s+licenses\/acme-analytics-pro\.json/);
    expect(interrupted.stdout).toMatch(
      /skipped\s+licenses\/initech-support\.json\s+.*not applied: the run was interrupted/,
    );
    expect(writes()).toHaveLength(1);

    world.emulator.faults.clear();
    const rerun = await cli('apply');
    expect(rerun.code).toBe(0);
    // Seeded at versions 3 and 2: exactly one new version each, never two.
    expect(world.emulator.store.history(ACME)?.map((v) => v.Version)).toEqual(['3', '4']);
    expect(world.emulator.store.history(INITECH)?.map((v) => v.Version)).toEqual(['2', '3']);
  });
});

describe('--max-rps', () => {
  it('paces the calls to one region', async () => {
    const count = 6;
    const licenses = Array.from({ length: count }, (_, i) => ({ ...live(i), HomeRegion: 'us-east-1' }));
    const paced = await startEmulator({ port: 0, seed: { licenses } });
    const dir = await mkdtemp(join(tmpdir(), 'license-gitops-rps-'));
    try {
      await mkdir(join(dir, 'licenses'));
      for (let i = 0; i < count; i++) {
        const doc = { ...manifest(i), HomeRegion: 'us-east-1', $schema: undefined };
        await writeFile(join(dir, 'licenses', `${i}.json`), JSON.stringify(doc));
      }
      const result = await runCli(['plan', '--max-rps', '5', '--concurrency', String(count), '--batch-size', '1'], {
        cwd: dir,
        env: awsEnv(paced.url),
      });
      expect(result.code).toBe(0);
      const arrivals = paced.calls.map((c) => c.arrivedAt).sort((a, b) => a - b);
      expect(arrivals).toHaveLength(count);
      // 5 calls a second: six calls span at least a second (less a little for timer slack).
      expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(900);
    } finally {
      await paced.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('time-outs and throttling', () => {
  it('abandons a hung call after --timeout, and still reconciles the others', async () => {
    world.emulator.faults.add({ kind: 'latency', licenseArn: ACME, ms: 20_000 }); // its batched read too
    const started = Date.now();
    // Two seconds: far below the hung call's twenty, and above any other reply on a machine busy with other tests.
    const result = await cli('apply', '--timeout', '2', '--max-attempts', '1');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/failed\s+licenses\/acme-analytics-pro\.json\s+.*GetLicense failed in us-east-1/);
    expect(result.stdout).toMatch(/updated\s+licenses\/initech-support\.json/);
  });

  it('slows down under a throttling storm instead of failing', async () => {
    world.emulator.faults.add({ kind: 'throttle', times: 8 });
    const result = await cli('apply', '--concurrency', '3');
    expect(result.code).toBe(0);
    expect(world.emulator.calls.filter((c) => c.errorType === 'RateLimitExceededException')).toHaveLength(8);
    expect(writes().filter((w) => w.outcome === 'ok')).toHaveLength(2);
  });
});

describe('broken manifests', () => {
  const nasty: Record<string, string> = {
    'bom.json': '\uFEFF{"LicenseName": "x"}',
    'truncated.json': '{"LicenseArn": "arn:aws:license-manager::1:license:l-1", "Entitlements": [',
    'deep.json': '['.repeat(100_000),
    'binary.json': '\u0000\u0001\u0002',
    'huge-number.json': '{"Entitlements": [{"Name": "x", "Unit": "Count", "MaxCount": 1e400}]}',
    'wrong-types.json': '{"LicenseArn": 1, "Issuer": [], "Validity": "soon", "Entitlements": {}, "Status": true}',
    'not-an-object.json': '"just a string"',
  };

  it('fail closed with every file named, no stack trace, and no call', async () => {
    for (const [name, text] of Object.entries(nasty)) await writeFile(join(world.repo.dir, 'licenses', name), text);
    await commitAll(world.repo.dir, 'Nasty manifests');
    for (const command of ['validate', 'plan', 'apply']) {
      const result = await cli(command);
      expect(result.code, command).toBe(1);
      for (const name of Object.keys(nasty)) expect(result.stderr, `${command} ${name}`).toContain(`licenses/${name}`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stderr).not.toContain('internal error');
    }
    expect(world.emulator.calls).toHaveLength(0);
  });
});
