/**
 * plan run from a subfolder of the repository names manifests as it does from
 * the root: relative to the repository's top level (text, JSON, errors, the
 * uncommitted-changes note), and a plan saved there still applies from there.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsEnv, runCli } from '../helpers/cli.js';
import { useDemoWorld } from '../helpers/demo-world.js';

const world = useDemoWorld();
const from = (sub: string, ...args: string[]) =>
  runCli(args, { cwd: join(world.repo.dir, sub), env: awsEnv(world.emulator.url) });
const FILES = [
  'licenses/acme-analytics-pro.json',
  'licenses/initech-support.json',
  'licenses/partners/globex-storage.json',
];

describe('plan from a subfolder', () => {
  it('shows the same repository paths as from the root, in text and JSON', async () => {
    const root = await world.cli('plan');
    const json = JSON.parse((await world.cli('plan', '--json')).stdout);
    expect(json.licenses.map((l: { file: string }) => l.file)).toEqual(FILES);
    for (const [sub, dir] of [
      ['licenses', '.'],
      ['licenses/partners', '..'],
      ['licenses/partners', join(world.repo.dir, 'licenses')],
    ] as const) {
      const text = await from(sub, 'plan', '--dir', dir);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toBe(root.stdout);
      const again = JSON.parse((await from(sub, 'plan', '--dir', dir, '--json')).stdout);
      expect(again.licenses.map((l: { file: string }) => l.file)).toEqual(FILES);
    }
  });

  it('names a bad manifest and an uncommitted one from the top level too', async () => {
    await writeFile(join(world.repo.dir, 'licenses/partners/broken.json'), '{bad');
    const text = await from('licenses/partners', 'plan', '--dir', '.');
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('uncommitted changes: licenses/partners/broken.json');
    expect(text.stderr).toMatch(/^licenses\/partners\/broken\.json:1:2: /m);
    const json = JSON.parse((await from('licenses/partners', 'plan', '--dir', '.', '--json')).stdout);
    expect(json.errors.map((e: { file?: string }) => e.file)).toEqual(['licenses/partners/broken.json']);
  });

  it('saves a plan that applies from the same folder', async () => {
    expect((await from('licenses', 'plan', '--dir', '.', '--out', '../plan.json')).code).toBe(0);
    const applied = await from('licenses', 'apply', '../plan.json', '--dir', '.');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(world.writes()).toHaveLength(2);
  });
});
