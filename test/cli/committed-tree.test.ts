/**
 * apply reconciles what is committed, read through git: ignored, untracked,
 * skip-worktree and assume-unchanged files can't get in; a path holding a
 * newline can't shift what --ref reads; a dirty tree is named as such; outside
 * git, apply refuses unless --allow-dirty.
 */
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { describe, expect, it } from 'vitest';
import { ROOT, awsEnv, commitAll, runCli } from '../helpers/cli.js';
import { ACME, GLOBEX, useDemoWorld } from '../helpers/demo-world.js';

const ACME_FILE = 'licenses/acme-analytics-pro.json';
const GLOBEX_FILE = 'licenses/partners/globex-storage.json';

const world = useDemoWorld();
const { cli, writes } = world;
const git = () => simpleGit(world.repo.dir);

async function edit(file: string, change: (doc: any) => void): Promise<void> {
  const path = join(world.repo.dir, file);
  const doc = JSON.parse(await readFile(path, 'utf8'));
  change(doc);
  await writeFile(path, JSON.stringify(doc, null, 2));
}

const seats = (n: number) => (doc: any) => {
  doc.Entitlements.find((e: { Name: string }) => e.Name === 'seats').MaxCount = n;
};

describe('apply reads the committed tree', () => {
  it('never reads a git-ignored manifest, in apply or plan', async () => {
    // Globex's manifest leaves git and comes back as an ignored local file with a change.
    await rename(join(world.repo.dir, GLOBEX_FILE), join(world.repo.dir, 'licenses/sneaky.local.json'));
    await writeFile(join(world.repo.dir, '.gitignore'), '*.local.json\n');
    await commitAll(world.repo.dir, 'globex is managed elsewhere');
    await edit('licenses/sneaky.local.json', (doc) => (doc.LicenseName = 'Sneaky'));
    const planned = await cli('plan', '--json');
    expect(JSON.parse(planned.stdout).licenses.map((l: { file: string }) => l.file)).not.toContain(
      'licenses/sneaky.local.json',
    );
    const applied = await cli('apply');
    expect(applied.code).toBe(0);
    expect(writes().map((w) => w.licenseArn)).not.toContain(GLOBEX);
    expect(world.emulator.store.get(GLOBEX)?.LicenseName).not.toBe('Sneaky');
  });

  for (const flag of ['--skip-worktree', '--assume-unchanged']) {
    it(`refuses a manifest marked ${flag} with local edits, and never writes them`, async () => {
      await git().raw(['update-index', flag, ACME_FILE]);
      await edit(ACME_FILE, seats(7));
      expect(await git().raw(['status', '--porcelain'])).toBe(''); // git status hides the edit
      const refused = await cli('apply');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`uncommitted changes (${ACME_FILE})`);
      expect(world.emulator.calls).toHaveLength(0);
      const allowed = await cli('apply', '--ref', 'HEAD');
      expect(allowed.code).toBe(0);
      expect(writes().map((w) => w.licenseArn)).toContain(ACME);
      expect(world.emulator.store.get(ACME)?.Entitlements).toContainEqual(
        expect.objectContaining({ Name: 'seats', MaxCount: 250 }),
      );
    });
  }

  it('counts as uncommitted only files the manifest walk would read (not a dot-folder)', async () => {
    await mkdir(join(world.repo.dir, 'licenses/.drafts'));
    await writeFile(join(world.repo.dir, 'licenses/.drafts/idea.json'), '{}');
    const result = await cli('apply');
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('uncommitted');
  });

  it('names both paths of a staged rename in full', async () => {
    await git().mv(ACME_FILE, 'licenses/acme-renamed.json');
    const result = await cli('apply');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('licenses/acme-renamed.json');
    expect(result.stderr).toContain(ACME_FILE);
    expect(world.emulator.calls).toHaveLength(0);
  });

  it('says a plan of a dirty tree is of the working tree, not a commit', async () => {
    await edit(ACME_FILE, seats(300));
    const result = await cli('plan');
    expect(result.stdout).toMatch(/^Manifests from the working tree \(uncommitted changes\)\n/);
    expect(result.stdout).not.toContain('Manifests at commit');
    expect(JSON.parse((await cli('plan', '--json')).stdout)).toMatchObject({ workingTree: true });
    expect(JSON.parse((await cli('plan', '--json')).stdout).commit).toBeUndefined();
  });
});

describe('--ref and paths holding a newline', () => {
  it('reads each file by its object id, so no answer shifts', async () => {
    const evil = 'licenses/m\nHEAD:extra/evil.json';
    await edit(ACME_FILE, seats(260));
    await cp(join(world.repo.dir, ACME_FILE), join(world.repo.dir, evil));
    await rm(join(world.repo.dir, ACME_FILE));
    await mkdir(join(world.repo.dir, 'extra'));
    await writeFile(join(world.repo.dir, 'extra/evil.json'), '{"not": "a manifest"}');
    await commitAll(world.repo.dir, 'a path with a newline');
    const result = await cli('plan', '--ref', 'HEAD', '--json');
    expect(result.stderr).toBe('');
    const plan = JSON.parse(result.stdout);
    const step = plan.licenses.find((l: { licenseArn: string }) => l.licenseArn === ACME);
    expect(step.file).toBe(evil);
    expect(step.patch).toContainEqual({ op: 'replace', path: '/Entitlements/seats/MaxCount', value: 260 });
  });
});

describe('outside any git repository', () => {
  it('apply refuses unless --allow-dirty', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'license-gitops-nogit-'));
    try {
      await cp(join(ROOT, 'licenses'), join(dir, 'licenses'), { recursive: true });
      const run = (...args: string[]) => runCli(args, { cwd: dir, env: awsEnv(world.emulator.url) });
      const refused = await run('apply');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('not in a git repository');
      expect(refused.stderr).toContain('or pass --allow-dirty to apply the files as they are');
      expect(refused.stderr).not.toContain('stash'); // no working tree to stash
      expect(world.emulator.calls).toHaveLength(0);
      const allowed = await run('apply', '--allow-dirty');
      expect(allowed.code).toBe(0);
      expect(writes().length).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
