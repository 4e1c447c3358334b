/**
 * `validate` starts without yargs (src/quick-args.ts). It must behave exactly as
 * the full parser does: the same output and exit code for every command line it
 * takes, and every other command line left to yargs.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickValidateArgs } from '../../src/quick-args.js';
import { CLI, ROOT, tempRepo, type CliResult } from '../helpers/cli.js';

/** The yargs path, never the quick one: the compiled cli.ts run directly. */
const FULL_PARSER = join(ROOT, 'lib', 'cli.js');

function run(entry: string, args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [entry, ...args],
      { cwd, env: { PATH: process.env.PATH, NO_COLOR: '1' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('quickValidateArgs', () => {
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
    [['plan']],
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
