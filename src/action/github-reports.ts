/**
 * What the Action posts to GitHub after the run, beyond the step itself: the
 * outcome comment on the merged pull request after apply on push, and the
 * drift issue. Neither ever fails the step: any problem is a warning.
 */
import * as core from '@actions/core';
import { commentBody, commentProblem, commitUrl, marker, restComments, runUrl, upsert } from './comment.js';
import { driftIssueProblem, restIssues, syncDriftIssue, type DriftState } from './drift-issue.js';
import { pushedCommit, repositoryOf } from './event.js';
import { mergedPullRequest } from './merged-pr.js';
import { hasChanges, markdown, type RunResult } from './result.js';
import { driftedVersions } from '../render/drift-versions.js';
import { outcomeComment } from '../render/outcome-comment.js';

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
          ...optional('commitUrl', commitUrl(env, commit)),
          ...optional('runUrl', runUrl(env)),
        })
      : markdown(result, { title });
  try {
    const pr = await mergedPullRequest(token, repository, sha, env.GITHUB_API_URL);
    if (!pr) return core.info(`no merged pull request brought commit ${sha}; no outcome comment`);
    const mark = marker('apply', directory);
    const done = await upsert(restComments(token, pr, env.GITHUB_API_URL), mark, commentBody(mark, body, runUrl(env)));
    core.info(`${done.action} the apply comment ${done.id} on merged pull request #${pr.number}`);
  } catch (error) {
    core.warning(commentProblem(error).replace('post the plan comment', 'comment on the merged pull request'));
  }
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
    ...optional('commitUrl', commitUrl(env, commit)),
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

function optional<K extends string>(key: K, value: string | undefined) {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;
}
