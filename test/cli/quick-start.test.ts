/**
 * `validate`, `plan` and `apply` with plain flags start without yargs
 * (src/quick-args.ts). They must behave exactly as the full parser does: the same
 * output, exit code and calls for every command line the quick path takes, and
 * every other command line left to yargs.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeedFile, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { quickArgs } from '../../src/quick-args.js';
import { awsEnv, CLI, ROOT, tempRepo, type CliResult } from '../helpers/cli.js';

/** The yargs path, never the quick one: the compiled cli.ts run directly. */
const FULL_PARSER = join(ROOT, 'lib', 'cli.js');

function run(entry: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [entry, ...args],
      { cwd, env: { PATH: process.env.PATH, NO_COLOR: '1', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('quickArgs for validate', () => {
  const quickValidateArgs = (argv: string[]) => {
    const quick = quickArgs(argv);
    return quick?.command === 'validate' ? quick.args : undefined;
  };
  it.each([
    [['validate'], { json: false, verbose: false }],
    [['validate', '--json'], { json: true, verbose: false }],
    [['validate', '--config', 'x.json'], { config: 'x.json', json: false, verbose: false }],
    [['--dir', 'x', 'validate', '--verbose'], { dir: 'x', json: false, verbose: true }],
    [['validate', '--dir=some/where'], { dir: 'some/where', json: false, verbose: false }],
  ])('takes %j', (argv, expected) => {
    expect(quickValidateArgs(argv)).toEqual(expected);
  });

  it.each([
    [[]],
    [['validate', '--help']],
    [['validate', '--ref', 'HEAD']],
    [['validate', '--json', '--json']],
    [['validate', '--no-json']],
    [['validate', '--json=false']],
    [['validate', '--dir']],
    [['validate', '--dir', '--json']],
    [['validate', '--dir', 'true']],
    [['validate', '--dir=']],
    [['validate', 'extra']],
    [['validate', 'validate']],
    [['--version']],
  ])('leaves %j to yargs', (argv) => {
    expect(quickValidateArgs(argv)).toBeUndefined();
  });
});

describe('quickArgs for plan and apply', () => {
  const client = { maxAttempts: 5, forceDeleteGranted: false, json: false, verbose: false };
  it.each([
    [['plan'], { command: 'plan', args: { ...client, detailedExitcode: false } }],
    [
      ['plan', '--detailed-exitcode', '--out', 'p.json', '--json'],
      { command: 'plan', args: { ...client, detailedExitcode: true, out: 'p.json', json: true } },
    ],
    [['--dir=x', 'plan'], { command: 'plan', args: { ...client, detailedExitcode: false, dir: 'x' } }],
    [['apply'], { command: 'apply', args: { ...client, allowDirty: false } }],
    [
      ['apply', '--allow-dirty', '--config', 'c.json', '--force-delete-granted'],
      { command: 'apply', args: { ...client, allowDirty: true, config: 'c.json', forceDeleteGranted: true } },
    ],
    [
      ['--dir', 'validate', 'validate'],
      { command: 'validate', args: { dir: 'validate', json: false, verbose: false } },
    ],
  ])('takes %j', (argv, expected) => {
    expect(quickArgs(argv)).toEqual(expected);
  });

  it.each([
    [['plan', '--prune']],
    [['plan', '--ref', 'HEAD']],
    [['plan', '--concurrency', '3']],
    [['plan', '--ignore', '/Status']],
    [['plan', '--out']],
    [['plan', '--out', '--json']],
    [['plan', '--allow-dirty']],
    [['plan', '-h']],
    [['plan', '--']],
    [['plan', 'plan']],
    [['--out', 'plan']],
    [['apply', 'saved.json']],
    [['apply', '--out', 'x']],
    [['apply', '--max-changes', '1']],
    [['apply', '--detailed-exitcode']],
    [['import', '--all']],
    [['orphans']],
    // A command's own flags before the command word: yargs reads them as taking the word as their value.
    [['--detailed-exitcode', 'plan']],
    [['--force-delete-granted', 'plan']],
    [['--allow-dirty', 'apply']],
    [['--json', '--allow-dirty', 'apply']],
    [['--out', 'p.json', 'plan']],
  ])('leaves %j to yargs', (argv) => {
    expect(quickArgs(argv)).toBeUndefined();
  });
});

describe('plan and apply: the quick path and yargs agree', () => {
  let repo: { dir: string; cleanup: () => Promise<void> };
  const emulators: Emulator[] = [];
  beforeAll(async () => {
    repo = await tempRepo();
  });
  afterAll(async () => {
    await Promise.all(emulators.map((e) => e.close()));
    await repo.cleanup();
  });
  /** A fresh emulator seeded with the demo's drifted licenses, so both runs see the same world. */
  const world = async () => {
    const emulator = await startEmulator({ port: 0, seed: await readSeedFile(join(ROOT, 'demo/seed.json')) });
    emulators.push(emulator);
    return emulator;
  };

  it.each([
    [['plan']],
    [['plan', '--json', '--detailed-exitcode']],
    [['plan', '--dir', 'missing']],
    [['apply', '--json']],
    [['apply', '--allow-dirty']],
    [['--json', 'plan']],
    [['--allow-dirty', 'apply']],
  ])('%j', async (args) => {
    const [quickWorld, fullWorld] = await Promise.all([world(), world()]);
    const [quick, full] = await Promise.all([
      run(CLI, args, repo.dir, awsEnv(quickWorld.url)),
      run(FULL_PARSER, args, repo.dir, awsEnv(fullWorld.url)),
    ]);
    expect(quick).toEqual(full);
    const calls = (e: Emulator) => e.calls.map((c) => c.operation).sort();
    expect(calls(quickWorld)).toEqual(calls(fullWorld));
  });
});

describe('the quick path and yargs agree', () => {
  let repo: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    repo = await tempRepo();
    await mkdir(join(repo.dir, 'broken'));
    await writeFile(join(repo.dir, 'broken', 'bad.json'), '{"LicenseArn": 1,\n "Nope": true}');
    await writeFile(join(repo.dir, 'license-gitops.json'), JSON.stringify({ directory: 'licenses' }));
    await writeFile(join(repo.dir, 'broken.json'), '{"directory": 3}');
  });
  afterAll(() => repo.cleanup());

  it.each([
    [['validate']],
    [['validate', '--json']],
    [['validate', '--dir', 'broken']],
    [['validate', '--dir=broken', '--json', '--verbose']],
    [['validate', '--dir', 'missing']],
    [['validate', '--config', 'license-gitops.json']],
    [['validate', '--config=broken.json']],
  ])('%j', async (args) => {
    const [quick, full] = await Promise.all([run(CLI, args, repo.dir), run(FULL_PARSER, args, repo.dir)]);
    expect(quick).toEqual(full);
  });
});
