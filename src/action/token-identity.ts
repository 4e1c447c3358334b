/**
 * Who the token is, so the Action trusts only issues and comments it wrote
 * itself: anyone can write a comment or open an issue that carries our hidden
 * marker. GraphQL's `viewer` answers for every kind of token (REST `GET /user`
 * refuses an installation token, which GITHUB_TOKEN is); its `databaseId` is
 * the REST `user.id` of what the token writes.
 */
import type { getOctokit } from '@actions/github';

export type Octokit = ReturnType<typeof getOctokit>;

export interface TokenIdentity {
  login: string;
  id: number;
}

export async function tokenIdentity(octokit: Octokit): Promise<TokenIdentity> {
  const answer = await octokit.graphql<{ viewer?: { login?: unknown; databaseId?: unknown } }>(
    'query { viewer { login databaseId } }',
  );
  const { login, databaseId } = answer.viewer ?? {};
  if (typeof login !== 'string' || typeof databaseId !== 'number' || !Number.isSafeInteger(databaseId))
    throw new Error('GitHub did not say who the token belongs to (GraphQL viewer)');
  return { login, id: databaseId };
}

/** Whether `author` (a REST `user`) is the token's identity. */
export function writtenBy(identity: TokenIdentity, author: { id?: unknown } | null | undefined): boolean {
  return author?.id === identity.id;
}
