/** settle(): flags over the config file over the defaults, as the CLI and the Action both run it. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settle } from '../../src/commands/settings.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'license-gitops-settle-'));
  await mkdir(path.join(root, '.git'));
  await mkdir(path.join(root, 'sub'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const config = (value: unknown) => writeFile(path.join(root, 'license-gitops.json'), JSON.stringify(value));

describe('settle', () => {
  it('defaults without a file', async () => {
    const settled = await settle({}, root);
    expect(settled.ok && settled.args).toStrictEqual({
      dir: 'licenses',
      manifestTree: 'licenses',
      concurrency: 10,
      timeout: 30,
      ignore: [],
      expiryWarning: 30,
      configOrigin: { vouched: true },
    });
  });

  it("takes the file's values, the directory relative to the file", async () => {
    await config({
      directory: 'manifests',
      concurrency: 3,
      timeout: 9,
      maxRps: 2,
      maxChanges: 4,
      prune: true,
      ignore: ['/A'],
    });
    const settled = await settle({}, path.join(root, 'sub'));
    expect(settled.ok && settled.args).toMatchObject({
      dir: '../manifests',
      concurrency: 3,
      timeout: 9,
      maxRps: 2,
      maxChanges: 4,
      prune: true,
      ignore: ['/A'],
    });
  });

  it("lets flags win, and adds --ignore to the file's rules", async () => {
    await config({ directory: 'manifests', concurrency: 3, maxChanges: 4, prune: true, ignore: ['/A'] });
    const settled = await settle(
      { dir: 'elsewhere', concurrency: 7, maxChanges: 0, prune: false, ignore: ['/B'] },
      root,
    );
    expect(settled.ok && settled.args).toMatchObject({
      dir: 'elsewhere',
      manifestTree: 'elsewhere', // --dir outside the configured tree is a tree of its own
      concurrency: 7,
      maxChanges: 0,
      prune: false,
      ignore: ['/A', '/B'],
    });
  });

  it('gives per-file rules as ignoreFor', async () => {
    await config({ ignore: [{ files: ['licenses/eu/*.json'], pointers: ['/E'] }] });
    const settled = await settle({}, root);
    expect(settled.ok && settled.args.ignoreFor?.('licenses/eu/a.json')).toStrictEqual(['/E']);
    expect(settled.ok && settled.args.ignoreFor?.('licenses/a.json')).toStrictEqual([]);
  });

  it("fails with the file's errors", async () => {
    await config({ prune: 'yes' });
    const settled = await settle({}, root);
    expect(settled.ok).toBe(false);
    expect(!settled.ok && settled.errors[0]?.code).toBe('CONFIG_INVALID');
  });
});
