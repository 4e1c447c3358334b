/**
 * After apply on a push, the pull request whose merge the push delivered, found
 * through `GET /repos/{owner}/{repo}/commits/{sha}/pulls` (which lists the
 * merged pull request that brought a commit to the default branch). The
 * outcome is posted there as a sticky comment, like Atlantis after an apply.
 */
import { getOctokit } from '@actions/github';
import type { PullRequest } from './comment.js';

export interface PullOfCommit {
  number: number;
  merged_at?: string | null;
  merge_commit_sha?: string | null;
}

/** The merged pull request for `sha`: the one whose merge commit it is, else the first merged one. */
export function pickMerged(pulls: readonly PullOfCommit[], sha: string): PullOfCommit | undefined {
  const merged = pulls.filter((p) => p.merged_at);
  return merged.find((p) => p.merge_commit_sha === sha) ?? merged[0];
}

export async function mergedPullRequest(
  token: string,
  repository: { owner: string; repo: string },
  sha: string,
  baseUrl: string | undefined,
): Promise<PullRequest | undefined> {
  const octokit = getOctokit(token, baseUrl ? { baseUrl } : {});
  const pulls = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    ...repository,
    commit_sha: sha,
    per_page: 100,
  });
  const found = pickMerged(pulls.data, sha);
  return found ? { ...repository, number: found.number } : undefined;
}
