/**
 * Runs the built CLI (`lib/cli.js`) as a user would: a child process in a
 * temporary git repository, pointed at an emulator over HTTP.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleGit } from 'simple-git';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The shipped CLI: the bundle `bin` points at. */
export const CLI = join(ROOT, 'lib', 'bundle', 'license-gitops.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Credentials for the emulator; the secret is distinctive so tests can prove it is never printed. */
export const TEST_SECRET = 'wJalrXUtnFEMI-TEST-SECRET-do-not-print';

export function awsEnv(endpoint?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: 'AKIDTESTTESTTEST',
    AWS_SECRET_ACCESS_KEY: TEST_SECRET,
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    NO_COLOR: '1',
    // Expiry is measured from a fixed day, so no output changes as the fixtures' Validity.End
    // (2026-12-31 and 2027-01-01 in the demo) draws near; expiry tests set their own.
    LICENSE_GITOPS_NOW: '2026-06-01T00:00:00Z',
  };
  if (endpoint) env.AWS_ENDPOINT_URL = endpoint;
  return env;
}

export function runCli(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: options.cwd, env: options.env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * One committed repository per manifest folder and test worker, made once: each test's
 * repository is a copy of it, which costs no git process (a fresh init and commit costs five).
 */
const templates = new Map<string, Promise<string>>();
const templateRoots: string[] = [];
process.once('exit', () => {
  for (const root of templateRoots) rmSync(root, { recursive: true, force: true });
});

function template(manifests: string): Promise<string> {
  let made = templates.get(manifests);
  if (!made) {
    made = (async () => {
      const root = await mkdtemp(join(tmpdir(), 'license-gitops-template-'));
      templateRoots.push(root);
      await cp(manifests, join(root, 'licenses'), { recursive: true });
      await cp(join(ROOT, 'schemas'), join(root, 'schemas'), { recursive: true });
      const git = simpleGit(root);
      await git.init(['--initial-branch=main']);
      await git.addConfig('user.name', 'Test').addConfig('user.email', 'test@example.com');
      await git.add('.').commit('Initial license manifests');
      return root;
    })();
    templates.set(manifests, made);
  }
  return made;
}

/**
 * A temporary git repository holding a copy of the example manifests, committed.
 * It lies in a folder of its own (`<private>/repo`), so a test may write beside it
 * (`../plan.json`) without sharing that file with tests running in parallel.
 */
export async function tempRepo(
  manifests = join(ROOT, 'licenses'),
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'license-gitops-'));
  const dir = join(root, 'repo');
  await cp(await template(manifests), dir, { recursive: true });
  return { dir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Commits everything in the repository at `dir`; returns the new commit id. */
export async function commitAll(dir: string, message: string): Promise<string> {
  const git = simpleGit(dir);
  await git.add('.').commit(message);
  return (await git.revparse(['HEAD'])).trim();
}
