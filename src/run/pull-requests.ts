/**
 * The pull request that brought a commit, for `history`: optional, asked only
 * when a GitHub token and repository are given (GITHUB_TOKEN,
 * GITHUB_REPOSITORY, GITHUB_API_URL as in the Action), through
 * `GET /repos/{owner}/{repo}/commits/{sha}/pulls`. Never required: the first
 * failure stops asking, and history shows commits without pull requests.
 */

export interface PullRequestRef {
  number: number;
  title: string;
  url: string;
}

export interface GitHubAccess {
  token: string;
  /** `owner/repo`. */
  repository: string;
  /** Default https://api.github.com. */
  apiUrl?: string;
}

/** The GitHub access the environment gives, if any. */
export function gitHubAccess(env: NodeJS.ProcessEnv): GitHubAccess | undefined {
  const token = env.GITHUB_TOKEN;
  const repository = env.GITHUB_REPOSITORY ?? '';
  if (!token || !/^[\w.-]+\/[\w.-]+$/.test(repository)) return undefined;
  return { token, repository, ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}) };
}

const TIMEOUT_MS = 5000;

export type PullRequestsFound = { found: Map<string, PullRequestRef>; problem?: string };

/** The first pull request listed for each commit, one call at a time; stops at the first failure. */
export async function pullRequestsOf(commits: readonly string[], access: GitHubAccess): Promise<PullRequestsFound> {
  const found = new Map<string, PullRequestRef>();
  const api = (access.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  for (const sha of new Set(commits)) {
    try {
      const reply = await fetch(`${api}/repos/${access.repository}/commits/${sha}/pulls?per_page=10`, {
        headers: {
          authorization: `Bearer ${access.token}`,
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
        },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!reply.ok) return { found, problem: `GitHub answered HTTP ${reply.status}` };
      const pulls: unknown = await reply.json();
      const first = Array.isArray(pulls) ? (pulls[0] as Record<string, unknown> | undefined) : undefined;
      if (first && typeof first.number === 'number')
        found.set(sha, {
          number: first.number,
          title: typeof first.title === 'string' ? first.title : '',
          url: typeof first.html_url === 'string' ? first.html_url : '',
        });
    } catch (error) {
      return { found, problem: error instanceof Error ? error.name : 'the request failed' };
    }
  }
  return { found };
}
