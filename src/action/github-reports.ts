/**
 * What the Action posts to GitHub after the run, beyond the step itself: the
 * sticky pull-request comment, the outcome comment on the merged pull request
 * after apply on push, and the drift issue. None ever fails the step: any
 * problem is a warning.
 */
import * as core from '@actions/core';
import { commentBody, commentProblem, commitUrl, marker, postComment, pullRequestOf, runUrl } from './comment.js';
import { driftIssueProblem, restIssues, syncDriftIssue, type DriftState } from './drift-issue.js';
import { pushedCommit, repositoryOf } from './event.js';
import { octokit } from './github.js';
import type { Command } from './inputs.js';
import { hasChanges, markdown, writes, type RunResult } from './result.js';
import { outcomeComment } from '../render/outcome-comment.js';
import { code } from '../render/escape.js';
import type { Plan } from '../reconcile/types.js';
import { isLicenseStep } from '../reconcile/steps.js';

/** The sticky comment on a pull_request event. */
export async function commentOnPullRequest(
  command: Command,
  directory: string,
  body: string,
  token: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const pr = await pullRequestOf(env);
  if ('skip' in pr) return core.info(pr.skip);
  if (!token) return core.warning('no github-token: skipped the pull-request comment');
  try {
    const done = await postComment(token, pr, marker(command, directory), body, env);
    core.info(`${done.action} comment ${done.id} on pull request #${pr.number}`);
  } catch (error) {
    core.warning(commentProblem(error));
  }
}

/** After apply on a push: the outcome, one line per license, on the pull request the push merged. */
export async function commentOnMergedPullRequest(
  directory: string,
  result: RunResult,
  token: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const sha = pushedCommit(env);
  const repository = repositoryOf(env);
  if (!sha || !repository) return;
  if (!token) return core.warning('no github-token: skipped the comment on the merged pull request');
  const commit = result.kind === 'invalid' ? sha : (result.plan.commit ?? sha);
  const title = `license-gitops apply · ${directory}`;
  const body =
    result.kind === 'apply'
      ? outcomeComment(result.plan, result.results, result.summary, {
          title,
          commitUrl: commitUrl(env, commit),
          runUrl: runUrl(env),
        })
      : markdown(result, { title });
  try {
    // GET /repos/{owner}/{repo}/commits/{sha}/pulls lists the merged pull request that brought a commit to
    // the default branch: the one to comment on, as Atlantis comments after an apply.
    const pulls = await octokit(token, env.GITHUB_API_URL).rest.repos.listPullRequestsAssociatedWithCommit({
      ...repository,
      commit_sha: sha,
      per_page: 100,
    });
    const merged = pickMerged(pulls.data, sha);
    if (!merged) return core.info(`no merged pull request brought commit ${sha}; no outcome comment`);
    const pr = { ...repository, number: merged.number };
    const done = await postComment(token, pr, marker('apply', directory), body, env);
    core.info(`${done.action} the apply comment ${done.id} on merged pull request #${pr.number}`);
  } catch (error) {
    core.warning(commentProblem(error, 'comment on the merged pull request'));
  }
}

interface PullOfCommit {
  number: number;
  merged_at?: string | null;
  merge_commit_sha?: string | null;
}

/** The merged pull request for `sha`: the one whose merge commit it is, else the first merged one. */
export function pickMerged(pulls: readonly PullOfCommit[], sha: string): PullOfCommit | undefined {
  const merged = pulls.filter((p) => p.merged_at);
  return merged.find((p) => p.merge_commit_sha === sha) ?? merged[0];
}

/** `drift-issue: true`: open, update or close the one drift issue for the directory. */
export async function keepDriftIssue(
  directory: string,
  result: RunResult,
  token: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const repository = repositoryOf(env);
  if (!repository) return core.warning('GITHUB_REPOSITORY is not set: no drift issue');
  if (!token) return core.warning('no github-token: no drift issue');
  const state = driftState(result);
  const run = runUrl(env);
  const commit = result.kind === 'invalid' ? undefined : result.plan.commit;
  const mark = marker('drift', directory);
  const intro =
    'The drift check found live licenses that differ from the manifests in git. Run the apply workflow to ' +
    'restore what git says, or change the manifests (e.g. with `license-gitops import`) to keep the live values. ' +
    'Each drift check updates this issue, and closes it when live and git agree again.';
  const plan = markdown(result, {
    title: `license-gitops drift · ${directory}`,
    commitUrl: commitUrl(env, commit),
    expand: true,
  });
  const versions = result.kind === 'plan' ? driftedVersions(result.plan) : '';
  const at = commit ? ` at commit ${commit.slice(0, 12)}` : '';
  try {
    const done = await syncDriftIssue(restIssues(token, repository, env.GITHUB_API_URL), {
      state,
      mark,
      title: `License drift: live licenses differ from ${directory} in git`,
      body: commentBody(mark, [intro, versions, plan].filter(Boolean).join('\n\n'), run),
      closing: `Live licenses match the manifests in git again${at}${run ? ` (${run})` : ''}. Closing.`,
    });
    if (done.action === 'none') core.info(`drift issue: ${done.reason}`);
    else core.info(`drift issue: ${done.action} #${done.numbers.join(', #')}`);
  } catch (error) {
    core.warning(driftIssueProblem(error));
  }
}

function driftState(result: RunResult): DriftState {
  if (result.kind !== 'plan') return 'unknown';
  if (hasChanges(result)) return 'drifted';
  return result.plan.summary.error > 0 ? 'unknown' : 'in-sync';
}

/**
 * Markdown lines, one per drifted license with a live version; '' when there is none:
 * its version and when it was made, from the plan's own read (GetLicense's Version and
 * CreateTime), so a reader can tell which edit outside git to look for (`license-gitops history`).
 */
function driftedVersions(plan: Plan): string {
  const drifted = new Set(plan.steps.filter(writes).map((s) => `${s.file}\0${s.licenseArn}`));
  const lines = plan.steps
    .filter(isLicenseStep)
    .filter((s) => s.licenseArn !== '' && s.sourceVersion !== undefined && drifted.has(`${s.file}\0${s.licenseArn}`))
    .map((s) => {
      const made = s.sourceCreateTime ? `, made ${code(s.sourceCreateTime)}` : '';
      return `- ${code(s.file)}: live version ${code(s.sourceVersion ?? '')}${made}`;
    });
  if (lines.length === 0) return '';
  return [
    '**Live versions** (`license-gitops history FILE` tells which commit, if any, made each):',
    '',
    ...lines,
  ].join('\n');
}
