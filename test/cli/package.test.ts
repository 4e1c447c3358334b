/**
 * The install path the README gives: `npm pack`, then in any other repository
 * `npm install --save-dev license-gitops-X.tgz` and `npx license-gitops …`.
 * The package ships bundles only (the CLI, the Action) and declares no runtime
 * dependency, so the install needs no registry: the test points npm at a
 * closed port and runs it offline with an empty cache. `npm test` builds
 * lib/bundle first; the pack here skips the prepack build for speed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempRepo } from '../helpers/cli.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let work: string;
let repo: { dir: string; cleanup: () => Promise<void> };
let env: NodeJS.ProcessEnv;

const run = (command: string, args: string[], cwd: string): Promise<Run> =>
  new Promise((resolve) => {
    execFile(command, args, { cwd, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'license-gitops-pack-'));
  // npm sets npm_config_* for the scripts it runs (npm test): none of them may reach the inner npm.
  env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  Object.assign(env, {
    npm_config_registry: 'http://127.0.0.1:9/', // nothing listens: any registry request would fail
    npm_config_cache: join(work, 'npm-cache'), // empty: nothing can come from a cache either
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    NO_COLOR: '1',
  });
  repo = await tempRepo();
  await writeFile(join(repo.dir, 'package.json'), '{ "name": "acme-licenses", "private": true }\n');
}, 120_000);

afterAll(async () => {
  await repo?.cleanup();
  await rm(work, { recursive: true, force: true });
});

describe('npm pack, then install into another repository', () => {
  it('installs offline with no dependency, and npx license-gitops runs --version and validate there', async () => {
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
    expect(packed.code, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    const files = info.files.map((f) => f.path);
    expect(files).toContain('lib/bundle/license-gitops.js');
    expect(files).toContain('schemas/license.schema.json');
    expect(files.filter((f) => f.startsWith('lib/') && !f.startsWith('lib/bundle/'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);

    const tarball = join(work, info.filename);
    const installed = await run('npm', ['install', '--save-dev', '--offline', tarball], repo.dir);
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stdout).toMatch(/added 1 package/);
    const manifest = JSON.parse(await readFile(join(repo.dir, 'package.json'), 'utf8'));
    expect(manifest.devDependencies['license-gitops']).toMatch(/^file:.*\.tgz$/);

    const version = await run('npx', ['--no-install', 'license-gitops', '--version'], repo.dir);
    expect(version.code, version.stderr).toBe(0);
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    expect(version.stdout.trim()).toBe(pkg.version);

    const valid = await run('npx', ['--no-install', 'license-gitops', 'validate'], repo.dir);
    expect(valid.code, valid.stderr).toBe(0);
    expect(valid.stdout).toContain('3 manifests valid in licenses');

    await writeFile(join(repo.dir, 'licenses', 'broken.json'), '{\n  "LicenseName": 42\n}\n');
    const invalid = await run('npx', ['--no-install', 'license-gitops', 'validate'], repo.dir);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^licenses\/broken\.json:2:\d+: /m);
  });
});
