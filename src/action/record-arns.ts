/**
 * After apply on a push created licenses, their new ARNs are in the workspace's
 * manifests (apply wrote them back) but not in git. This records them: by
 * default one pull request (branch `license-gitops/record-arns/<base>`, opened
 * or updated), or with `record-arns: commit` one commit pushed onto the branch
 * that was pushed (a pull request instead when that branch moved on or refuses
 * the push). Everything goes through the REST API (Git Data: tree, commit, ref),
 * so the checkout needs no push credentials (`persist-credentials: false`).
 * Needs `contents: write` (and `pull-requests: write` for the pull request).
 * A problem is a warning, never a failed step: a license whose ARN is not
 * recorded is found again (adopted) by the next plan, never created twice.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import type { ApplyResult } from '../reconcile/outcome.js';
import { redactServiceMessage } from '../aws/redact.js';
import { toPosix } from '../paths.js';
import { code, escapeText } from '../render/escape.js';
import { pushedCommit, repositoryOf } from './event.js';
import { octokit, statusOf, type Octokit, type Repository } from './github.js';
import type { RecordArns } from './inputs.js';

/** A manifest to record: its path in the repository and its text now. */
interface Recorded {
  path: string;
  content: string;
  arns: string[];
}

/** After apply on a push: the new ARNs apply wrote into manifests go to git (a pull request, or a commit). */
export async function recordArns(
  results: readonly ApplyResult[],
  mode: RecordArns,
  base: string | undefined,
  token: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const files = recordedFiles(results);
  if (files.size === 0) return;
  const pushed = pushedCommit(env);
  const repository = repositoryOf(env);
  const branch = /^refs\/heads\/(.+)$/.exec(env.GITHUB_REF ?? '')?.[1];
  const leave = (why: string) =>
    core.warning(
      `the new ${members([...files.values()].flat())} is in ${[...files.keys()].join(', ')} in the workspace, not in git: ${why}. The next plan finds what was created again (adopted); commit the files to record them`,
    );
  if (mode === 'none') return leave('record-arns is none');
  if (!pushed || !repository || !branch) return leave('this run is not a push to a branch');
  if (!token) return leave('there is no github-token');
  const parent = base ?? pushed;
  try {
    const manifests = await readManifests(files, env.GITHUB_WORKSPACE ?? process.cwd());
    const client = octokit(token, env.GITHUB_API_URL);
    const sha = await commitFiles(client, repository, parent, manifests);
    if (mode === 'commit' && (await fastForward(client, repository, branch, sha))) {
      core.info(`pushed ${sha} onto ${branch}, recording the new ARNs`);
      return core.setOutput('record-commit', sha);
    }
    if (mode === 'commit')
      core.info(`${branch} moved on or refused the commit: recording the ARNs in a pull request instead`);
    const pr = await pullRequest(client, repository, branch, parent, sha, manifests);
    core.info(`${pr.updated ? 'updated' : 'opened'} pull request #${pr.number} recording the new ARNs: ${pr.url}`);
    core.setOutput('record-pull-request', pr.url);
  } catch (error) {
    leave(
      `recording them failed (${escapeText(problem(error))}); the token needs contents: write and pull-requests: write`,
    );
  }
}

/** Manifest files apply wrote an ARN into, with the ARNs. */
function recordedFiles(results: readonly ApplyResult[]): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const { recorded } of results) {
    if (recorded) files.set(recorded.file, [...(files.get(recorded.file) ?? []), recorded.arn]);
  }
  return files;
}

/** Each file's repository path (it must lie inside the workspace) and its text. */
async function readManifests(files: Map<string, string[]>, workspace: string): Promise<Recorded[]> {
  return Promise.all(
    [...files].map(async ([file, arns]) => {
      const relative = path.relative(path.resolve(workspace), path.resolve(file));
      if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative))
        throw new Error(`${file} is outside the workspace`);
      return { path: toPosix(relative), content: await readFile(file, 'utf8'), arns };
    }),
  );
}

/** One commit on top of `parent` changing exactly these files. */
async function commitFiles(
  octokit: Octokit,
  repository: Repository,
  parent: string,
  manifests: readonly Recorded[],
): Promise<string> {
  const { data: commit } = await octokit.rest.git.getCommit({ ...repository, commit_sha: parent });
  const { data: tree } = await octokit.rest.git.createTree({
    ...repository,
    base_tree: commit.tree.sha,
    tree: manifests.map((m) => ({ path: m.path, mode: '100644' as const, type: 'blob' as const, content: m.content })),
  });
  const { data: created } = await octokit.rest.git.createCommit({
    ...repository,
    message: commitMessage(manifests),
    tree: tree.sha,
    parents: [parent],
  });
  return created.sha;
}

/** Moves `branch` to `sha` only if that is a fast-forward; false when GitHub refuses. */
async function fastForward(octokit: Octokit, repository: Repository, branch: string, sha: string): Promise<boolean> {
  try {
    await octokit.rest.git.updateRef({ ...repository, ref: `heads/${branch}`, sha, force: false });
    return true;
  } catch (error) {
    const status = statusOf(error);
    if (status === 422 || status === 403 || status === 409) return false;
    throw error;
  }
}

/** The pull request from `license-gitops/record-arns/<base>` into `branch`: opened, or updated when open already. */
async function pullRequest(
  octokit: Octokit,
  repository: Repository,
  branch: string,
  parent: string,
  sha: string,
  manifests: readonly Recorded[],
): Promise<{ number: number; url: string; updated: boolean }> {
  const head = `license-gitops/record-arns/${parent.slice(0, 12)}`;
  try {
    await octokit.rest.git.createRef({ ...repository, ref: `refs/heads/${head}`, sha });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    await octokit.rest.git.updateRef({ ...repository, ref: `heads/${head}`, sha, force: true }); // our own branch
  }
  const title = `Record the ${recordedWhat(manifests.flatMap((m) => m.arns))}`;
  const body = pullRequestBody(manifests, parent);
  const { data: open } = await octokit.rest.pulls.list({
    ...repository,
    head: `${repository.owner}:${head}`,
    base: branch,
    state: 'open',
  });
  const existing = open[0];
  if (existing) {
    await octokit.rest.pulls.update({ ...repository, pull_number: existing.number, title, body });
    return { number: existing.number, url: existing.html_url, updated: true };
  }
  const { data: created } = await octokit.rest.pulls.create({ ...repository, head, base: branch, title, body });
  return { number: created.number, url: created.html_url, updated: false };
}

function commitMessage(manifests: readonly Recorded[]): string {
  const lines = manifests.flatMap((m) => m.arns.map((arn) => `- ${m.path}: ${arn}`));
  return `Record the ${recordedWhat(manifests.flatMap((m) => m.arns))}\n\nlicense-gitops apply created them and wrote their ARNs here:\n${lines.join('\n')}\n`;
}

function pullRequestBody(manifests: readonly Recorded[], parent: string): string {
  const rows = manifests.flatMap((m) => m.arns.map((arn) => `| ${code(m.path)} | ${code(arn)} |`));
  return [
    `license-gitops apply created these from the manifests at ${parent.slice(0, 12)} and wrote each new ARN (\`LicenseArn\`, or a grant's \`GrantArn\`) into its manifest. Merge this pull request to record them in git.`,
    '',
    '| Manifest | New ARN |',
    '| --- | --- |',
    ...rows,
    '',
    'Until it is merged, every plan finds them again and adopts them (a license by the tags license-gitops put on it, a grant by its license, name and principal): none is created twice.',
  ].join('\n');
}

/** `LicenseArn of a new license`, `GrantArn of 2 new grants`, `ARNs of a new license and a new grant`. */
function recordedWhat(arns: readonly string[]): string {
  const grants = arns.filter((arn) => /:grant:/.test(arn)).length;
  const licenses = arns.length - grants;
  const count = (n: number, noun: string) => (n === 1 ? `a new ${noun}` : `${n} new ${noun}s`);
  if (grants === 0) return `LicenseArn of ${count(licenses, 'license')}`;
  if (licenses === 0) return `GrantArn of ${count(grants, 'grant')}`;
  return `ARNs of ${count(licenses, 'license')} and ${count(grants, 'grant')}`;
}

/** `LicenseArn`, `GrantArn`, or `LicenseArn and GrantArn`: what apply wrote into the files (at least one ARN). */
function members(arns: readonly string[]): string {
  const grants = arns.filter((arn) => /:grant:/.test(arn)).length;
  return grants === 0 ? 'LicenseArn' : grants === arns.length ? 'GrantArn' : 'LicenseArn and GrantArn';
}

function problem(error: unknown): string {
  const status = statusOf(error);
  const message = redactServiceMessage(error instanceof Error ? error.message : String(error));
  return status ? `HTTP ${status}: ${message.slice(0, 200)}` : message.slice(0, 200);
}
