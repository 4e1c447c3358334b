/** Opening a repository: its top level and HEAD's commit, read from real git. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitRepository } from '../../src/git/repository.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'license-gitops-git-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('GitRepository.open', () => {
  it('finds the top level from a folder below it, and the commit HEAD names', async () => {
    const git = simpleGit(root);
    await git.init();
    await git.addConfig('user.name', 'Test').addConfig('user.email', 'test@example.com');
    await mkdir(join(root, 'licenses', 'team'), { recursive: true });
    await writeFile(join(root, 'licenses', 'team', 'a.json'), '{}');
    await git.add('.').commit('first');
    const head = (await git.revparse(['HEAD'])).trim();
    const repo = await GitRepository.open(join(root, 'licenses', 'team'));
    expect(repo?.top).toBe(await simpleGit(root).revparse(['--show-toplevel']));
    expect(repo?.head).toBe(head);
  });

  it('before the first commit: the top level, and no commit', async () => {
    await simpleGit(root).init();
    const repo = await GitRepository.open(root);
    expect(repo?.top).toBeTruthy();
    expect(repo?.head).toBeUndefined();
  });

  it('outside any repository, or for a folder that does not exist: none', async () => {
    expect(await GitRepository.open(root)).toBeUndefined();
    expect(await GitRepository.open(join(root, 'missing'))).toBeUndefined();
  });
});
