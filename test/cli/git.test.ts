/**
 * Git decides what is applied: dirty trees, --ref, --changed-since, removed
 * manifests, and saved plans — the built CLI in a temporary git repository.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ACME, GLOBEX, INITECH, readArns, useDemoWorld } from '../helpers/demo-world.js';
import { simpleGit } from 'simple-git';
import { describe, expect, it } from 'vitest';
import { ROOT, awsEnv, commitAll, runCli } from '../helpers/cli.js';

const ACME_FILE = 'licenses/acme-analytics-pro.json';

const world = useDemoWorld();
const { cli, writes } = world;
const head = async () => (await simpleGit(world.repo.dir).revparse(['HEAD'])).trim();

async function setSeats(maxCount: number): Promise<void> {
  const path = join(world.repo.dir, ACME_FILE);
  const doc = JSON.parse(await readFile(path, 'utf8'));
  doc.Entitlements[0].MaxCount = maxCount;
  await writeFile(path, JSON.stringify(doc, null, 2));
}

describe('a repository before its first commit', () => {
  it('plans its working tree, refuses to apply it, and history reads no commit', async () => {
    // The same manifests in a fresh repository that has no commit yet.
    const { mkdtemp, cp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'license-gitops-unborn-'));
    await cp(join(ROOT, 'licenses'), join(dir, 'licenses'), { recursive: true });
    await simpleGit(dir).init();
    const run = (...args: string[]) => runCli(args, { cwd: dir, env: awsEnv(world.emulator.url) });
    try {
      const planned = await run('plan', '--detailed-exitcode');
      expect(planned.code, planned.stderr).toBe(2);
      expect(planned.stderr).toContain('planning the working tree, which has uncommitted changes');
      const applied = await run('apply');
      expect(applied.code).toBe(1);
      expect(applied.stderr).toContain('uncommitted changes');
      const history = await run('history', ACME_FILE);
      expect(history.code, history.stderr).toBe(0);
      expect(history.stdout).toContain('0 commits of the manifest read');
      expect(writes()).toHaveLength(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a dirty working tree', () => {
  it('is refused by apply, with no call made', async () => {
    await setSeats(300);
    const result = await cli('apply');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`uncommitted changes (${ACME_FILE})`);
    expect(result.stderr).toContain('--allow-dirty');
    expect(world.emulator.calls).toHaveLength(0);
  });

  it('counts untracked manifests as uncommitted', async () => {
    await writeFile(join(world.repo.dir, 'licenses/new.json'), '{}');
    const result = await cli('apply');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('licenses/new.json');
  });

  it('is applied with --allow-dirty', async () => {
    await setSeats(300);
    const result = await cli('apply', '--allow-dirty');
    expect(result.code).toBe(0);
    expect(world.emulator.store.get(ACME)?.Entitlements).toContainEqual(
      expect.objectContaining({ Name: 'seats', MaxCount: 300 }),
    );
  });

  it('is planned, and plan says so', async () => {
    await setSeats(300);
    const result = await cli('plan');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`note: planning the working tree, which has uncommitted changes: ${ACME_FILE}`);
    expect(result.stdout).toContain('~ /Entitlements/seats/MaxCount: 100 → 300');
  });
});

describe('--ref', () => {
  it('reads the manifests as committed at that ref, not the working tree', async () => {
    const first = await head();
    await setSeats(300);
    await commitAll(world.repo.dir, 'More seats');
    await setSeats(999); // uncommitted: ignored with --ref
    const atFirst = await cli('plan', '--ref', first);
    expect(atFirst.stdout).toContain('~ /Entitlements/seats/MaxCount: 100 → 250');
    expect(atFirst.stdout).toContain(`Manifests at commit ${first}`);
    const atHead = await cli('plan', '--ref', 'HEAD', '--json');
    expect(JSON.parse(atHead.stdout).commit).toBe(await head());
    expect(atHead.stdout).toContain('"value": 300');
  });

  it('applies the committed state even when the working tree is dirty', async () => {
    await setSeats(999);
    const result = await cli('apply', '--ref', 'HEAD');
    expect(result.code).toBe(0);
    expect(world.emulator.store.get(ACME)?.Entitlements).toContainEqual(
      expect.objectContaining({ Name: 'seats', MaxCount: 250 }),
    );
  });

  it('names an unknown ref as a usage error', async () => {
    const result = await cli('plan', '--ref', 'no-such-branch');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--ref no-such-branch names no commit');
    expect(world.emulator.calls).toHaveLength(0);
  });
});

describe('--changed-since', () => {
  it('limits the run to manifests changed since the ref', async () => {
    const base = await head();
    await setSeats(300);
    await commitAll(world.repo.dir, 'More seats');
    const result = await cli('plan', '--changed-since', base, '--json');
    const plan = JSON.parse(result.stdout);
    expect(plan.licenses.map((l: { licenseArn: string }) => l.licenseArn)).toEqual([ACME]);
    expect(readArns(world.emulator.calls).map(([arn]) => arn)).toEqual([ACME]);
  });

  it('names files the same way through git and from disk, also for a directory outside the working directory', async () => {
    const base = await head();
    await setSeats(300);
    await commitAll(world.repo.dir, 'More seats');
    const dir = join(world.repo.dir, 'licenses');
    const elsewhere = await runCli(['plan', '--changed-since', base, '--dir', dir, '--json'], {
      cwd: ROOT, // not an ancestor of the repository: files are shown with absolute paths
      env: awsEnv(world.emulator.url),
    });
    const plan = JSON.parse(elsewhere.stdout);
    expect(plan.licenses.map((l: { file: string }) => l.file)).toEqual([join(dir, 'acme-analytics-pro.json')]);
  });

  it('shows a manifest deleted since the ref as removed, and leaves its license alone', async () => {
    const base = await head();
    await rm(join(world.repo.dir, 'licenses/partners/globex-storage.json'));
    await commitAll(world.repo.dir, 'Stop managing Globex');
    const text = await cli('apply', '--changed-since', base);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('- licenses/partners/globex-storage.json (removed from git)');
    expect(text.stdout).toContain(`${GLOBEX} is left alone`);
    expect(text.stdout).toContain('1 removed from git (left alone)');
    expect(world.emulator.calls.filter((c) => c.licenseArn === GLOBEX)).toHaveLength(0);
    const json = JSON.parse((await cli('plan', '--changed-since', base, '--json')).stdout);
    expect(json.removed).toEqual([
      { file: 'licenses/partners/globex-storage.json', licenseArn: GLOBEX, homeRegion: 'eu-west-1' },
    ]);
  });

  it('treats a moved manifest as changed, not removed', async () => {
    const base = await head();
    await simpleGit(world.repo.dir).mv(ACME_FILE, 'licenses/partners/acme.json');
    await commitAll(world.repo.dir, 'Move Acme');
    const json = JSON.parse((await cli('plan', '--changed-since', base, '--json')).stdout);
    expect(json.removed).toBeUndefined();
    expect(json.licenses.map((l: { file: string }) => l.file)).toEqual(['licenses/partners/acme.json']);
  });
});

describe('saved plans', () => {
  it('applies exactly the saved plan, once, pinned to the planned versions', async () => {
    const planned = await cli('plan', '--out', 'plan.json');
    expect(planned.stderr).toContain('Saved the plan to plan.json');
    const saved = JSON.parse(await readFile(join(world.repo.dir, 'plan.json'), 'utf8'));
    expect(saved).toMatchObject({ formatVersion: 1, kind: 'license-gitops-plan', commit: await head() });
    expect(saved.licenses.find((l: { licenseArn: string }) => l.licenseArn === ACME).desired.LicenseName).toBe(
      'Acme Analytics Pro',
    );
    world.emulator.resetCalls();
    const applied = await cli('apply', 'plan.json');
    expect(applied.code).toBe(0);
    // The plan is made again from the commit (one read per license, batched) and must match before anything is sent.
    expect(readArns(world.emulator.calls)).toHaveLength(3);
    expect(
      writes()
        .map((w) => [w.licenseArn, w.sourceVersion])
        .sort(),
    ).toEqual([
      [ACME, '3'],
      [INITECH, '2'],
    ]);
    const converged = await cli('plan', '--detailed-exitcode');
    expect(converged.code).toBe(0);
  });

  it('refuses a plan whose licenses changed since it was made, before sending anything', async () => {
    await cli('plan', '--out', 'plan.json');
    await setSeats(300);
    await cli('apply', '--allow-dirty'); // someone else changed the licenses in between
    world.emulator.resetCalls();
    const stale = await cli('apply', 'plan.json');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(
      'the plan is stale: license changed since it was planned (perhaps by applying this plan)',
    );
    expect(world.emulator.store.get(ACME)?.Version).toBe('4');
    expect(world.emulator.store.get(ACME)?.Entitlements).toContainEqual(
      expect.objectContaining({ Name: 'seats', MaxCount: 300 }),
    );
    expect(writes()).toHaveLength(0);
  });

  it('refuses a plan made from another commit, unless --ref names it', async () => {
    const first = await head();
    await cli('plan', '--out', '../plan.json');
    await setSeats(300);
    await commitAll(world.repo.dir, 'More seats');
    const refused = await cli('apply', '../plan.json');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`was made from commit ${first}, but HEAD is ${await head()}`);
    expect(writes()).toHaveLength(0);
    const accepted = await cli('apply', '../plan.json', '--ref', first);
    expect(accepted.code).toBe(0);
    expect(writes()).toHaveLength(2);
  });

  it('refuses a file that is not a saved plan', async () => {
    await writeFile(join(world.repo.dir, 'not-a-plan.json'), '{"formatVersion": 1}');
    const result = await cli('apply', 'not-a-plan.json');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not-a-plan.json: is not a saved plan');
  });
});
