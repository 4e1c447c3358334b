/**
 * The reviewed plan is the applied plan: `plan --base REF` plans every license
 * (as apply on push will) and says of each whether the pull request or drift
 * outside git brought it in; a narrowed plan (--changed-since) says so.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { describe, expect, it } from 'vitest';
import { commitAll } from '../helpers/cli.js';
import { ACME, GLOBEX, INITECH, useDemoWorld } from '../helpers/demo-world.js';

const world = useDemoWorld();

/** A pull request: a commit on top of the initial one that raises Acme's seats; returns the base commit. */
async function pullRequest(): Promise<string> {
  const base = (await simpleGit(world.repo.dir).revparse(['HEAD'])).trim();
  const file = join(world.repo.dir, 'licenses/acme-analytics-pro.json');
  const doc = JSON.parse(await readFile(file, 'utf8'));
  doc.Entitlements[0].MaxCount = 300;
  await writeFile(file, JSON.stringify(doc, null, 2));
  await commitAll(world.repo.dir, 'Raise Acme seats');
  return base;
}

type License = { licenseArn: string; action: string; cause?: string };

describe('plan --base', () => {
  it('attributes each license in JSON without narrowing the plan', async () => {
    const base = await pullRequest();
    const result = await world.cli('plan', '--json', '--base', base);
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan.base).toBe(base);
    expect(plan.scope).toBeUndefined();
    const byArn = Object.fromEntries(plan.licenses.map((l: License) => [l.licenseArn, l]));
    expect(byArn[ACME]).toMatchObject({ action: 'update', cause: 'manifest' });
    expect(byArn[INITECH]).toMatchObject({ action: 'update', cause: 'drift' });
    expect(byArn[GLOBEX].action).toBe('noop');
    expect(byArn[GLOBEX].cause).toBeUndefined();
  });

  it('shows the pull request and the drift it will revert as two groups', async () => {
    const base = await pullRequest();
    const { stdout } = await world.cli('plan', '--base', base);
    const mine = stdout.indexOf('Changed in this pull request:');
    const drift = stdout.indexOf('Drift outside git: merging will revert it:');
    expect(mine).toBeGreaterThan(-1);
    expect(drift).toBeGreaterThan(mine);
    expect(stdout.indexOf('~ licenses/acme-analytics-pro.json')).toBeGreaterThan(mine);
    expect(stdout.indexOf('~ licenses/acme-analytics-pro.json')).toBeLessThan(drift);
    expect(stdout.indexOf('~ licenses/initech-support.json')).toBeGreaterThan(drift);
    expect(stdout).toContain('Plan: 2 to update, 1 unchanged, 0 errors.');
  });

  it("counts an uncommitted manifest change as the pull request's", async () => {
    const file = join(world.repo.dir, 'licenses/initech-support.json');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    doc.LicenseName = 'Initech Premium Support!';
    await writeFile(file, JSON.stringify(doc, null, 2));
    const plan = JSON.parse((await world.cli('plan', '--json', '--base', 'HEAD')).stdout);
    const initech = plan.licenses.find((l: License) => l.licenseArn === INITECH);
    expect(initech.cause).toBe('manifest');
    expect(plan.licenses.find((l: License) => l.licenseArn === ACME).cause).toBe('drift');
  });

  it('attributes a license pruned because the pull request deleted its manifest to the pull request', async () => {
    const base = (await simpleGit(world.repo.dir).revparse(['HEAD'])).trim();
    await rm(join(world.repo.dir, 'licenses/partners/globex-storage.json'));
    await commitAll(world.repo.dir, 'Retire Globex');
    const result = await world.cli('plan', '--json', '--prune', '--base', base);
    const plan = JSON.parse(result.stdout);
    const globex = plan.licenses.find((l: License) => l.licenseArn === GLOBEX);
    expect(globex).toMatchObject({ action: 'delete', cause: 'manifest' });
    expect(plan.licenses.find((l: License) => l.licenseArn === INITECH).cause).toBe('drift');
  });

  it('refuses a base that names no commit', async () => {
    const result = await world.cli('plan', '--base', 'no-such-branch');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--base no-such-branch names no commit');
    expect(world.emulator.calls).toHaveLength(0);
  });
});

describe('a narrowed plan', () => {
  it('says it planned only some of the licenses, in text and JSON', async () => {
    const base = await pullRequest();
    const text = await world.cli('plan', '--changed-since', base);
    expect(text.stdout).toContain('Plan: 1 to update, 0 unchanged, 0 errors; planned 1 of 3 licenses');
    const plan = JSON.parse((await world.cli('plan', '--json', '--changed-since', base)).stdout);
    expect(plan.scope).toEqual({ planned: 1, total: 3 });
  });
});

describe('show PLANFILE of a plan made with --base or --changed-since', () => {
  it('keeps the groups, the base and the scope, as plan printed them', async () => {
    const base = await pullRequest();
    for (const flags of [
      ['--base', base],
      ['--changed-since', base],
    ]) {
      const planned = await world.cli('plan', ...flags);
      const plannedJson = JSON.parse((await world.cli('plan', '--json', ...flags)).stdout);
      expect((await world.cli('plan', ...flags, '--out', '../saved.json')).code).toBe(0);
      const shown = await world.cli('show', '../saved.json');
      expect(shown.code).toBe(0);
      expect(shown.stdout).toBe(planned.stdout);
      expect(JSON.parse((await world.cli('show', '../saved.json', '--json')).stdout)).toEqual(plannedJson);
    }
  });
});
