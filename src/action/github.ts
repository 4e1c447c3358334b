/**
 * What the Action's calls to GitHub share: the client, how a failed call is
 * told, and who the token is, so the Action trusts only issues and comments it
 * wrote itself: anyone can write a comment or open an issue that carries our
 * hidden marker. GraphQL's `viewer` answers for every kind of token (REST `GET /user`
 * refuses an installation token, which GITHUB_TOKEN is); its `databaseId` is
 * the REST `user.id` of what the token writes.
 */
import { getOctokit } from '@actions/github';
import { redactServiceMessage } from '../aws/redact.js';
import { escapeText } from '../render/escape.js';

export type Octokit = ReturnType<typeof getOctokit>;

/** A client of the REST and GraphQL API at `baseUrl` (GITHUB_API_URL, so GitHub Enterprise works). */
export function octokit(token: string, baseUrl: string | undefined): Octokit {
  return getOctokit(token, baseUrl ? { baseUrl } : {});
}

/** The HTTP status a failed call carries, if any. */
export function statusOf(error: unknown): unknown {
  return (error as { status?: unknown }).status;
}

/** A failed call, for a warning: `HTTP 502`, or else its message, redacted and made printable. */
export function failedCall(error: unknown): string {
  const status = statusOf(error);
  if (typeof status === 'number') return `HTTP ${status}`;
  return escapeText(redactServiceMessage(error instanceof Error ? error.message : String(error)));
}

/** A repository, as the REST API names it. */
export interface Repository {
  owner: string;
  repo: string;
}

export interface TokenIdentity {
  login: string;
  id: number;
}

/** What GITHUB_TOKEN writes as: the GitHub Actions app's bot user (the same login and id on every repository). */
const GITHUB_ACTIONS_BOT: TokenIdentity = { login: 'github-actions[bot]', id: 41898282 };

/**
 * GraphQL `viewer` first; where GraphQL is unavailable (some GitHub Enterprise
 * Server set-ups), REST `GET /user`; and where that is refused too (401, 403,
 * 404: an installation token such as GITHUB_TOKEN), the Actions bot, which is
 * what such a token writes as.
 */
export async function tokenIdentity(octokit: Octokit): Promise<TokenIdentity> {
  try {
    const answer = await octokit.graphql<{ viewer?: { login?: unknown; databaseId?: unknown } }>(
      'query { viewer { login databaseId } }',
    );
    const { login, databaseId } = answer.viewer ?? {};
    if (typeof login === 'string' && typeof databaseId === 'number' && Number.isSafeInteger(databaseId))
      return { login, id: databaseId };
  } catch {
    // fall through to REST
  }
  try {
    const { login, id } = (await octokit.rest.users.getAuthenticated()).data;
    if (typeof login === 'string' && Number.isSafeInteger(id)) return { login, id };
  } catch (error) {
    const status = statusOf(error);
    if (status === 401 || status === 403 || status === 404) return GITHUB_ACTIONS_BOT;
    throw error;
  }
  throw new Error('GitHub did not say who the token belongs to (GraphQL viewer, REST /user)');
}

/** Whether `author` (a REST `user`) is the token's identity. */
export function writtenBy(identity: TokenIdentity, author: { id?: unknown } | null | undefined): boolean {
  return author?.id === identity.id;
}
