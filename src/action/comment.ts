/**
 * The sticky pull-request comment: one comment per directory and command,
 * found again by a hidden marker on its first line and updated in place.
 * Commenting never fails the step: a read-only token (a pull request from a
 * fork) or any API error becomes a warning.
 */
import { truncateMarkdown } from '../render/truncate-markdown.js';
import { link } from '../render/escape.js';
import { readEvent } from './event.js';
import type { Command } from './inputs.js';
import { failedCall, octokit, statusOf, tokenIdentity, writtenBy } from './github.js';
import type { Repository, TokenIdentity } from './github.js';

/** GitHub refuses a comment body over 65,536 characters; keep clear of it. */
export const COMMENT_LIMIT = 65_000;

export interface PullRequest extends Repository {
  number: number;
}

/** The pull request the run is for: only on a `pull_request` event. Else why not, for the log. */
export async function pullRequestOf(env: NodeJS.ProcessEnv): Promise<PullRequest | { skip: string }> {
  if (env.GITHUB_EVENT_NAME !== 'pull_request')
    return { skip: `not a pull_request event (${env.GITHUB_EVENT_NAME ?? 'none'}); no comment` };
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) return { skip: 'GITHUB_REPOSITORY is not set; no comment' };
  const event = await readEvent(env.GITHUB_EVENT_PATH);
  const number = (event?.['pull_request'] as { number?: unknown } | null | undefined)?.number;
  if (typeof number !== 'number' || !Number.isInteger(number) || number <= 0)
    return { skip: 'the event (GITHUB_EVENT_PATH) names no pull request number; no comment' };
  return { owner, repo, number };
}

/** The run's page, for links: `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`. */
export function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: run } = env;
  return server && repository && run ? `${server}/${repository}/actions/runs/${run}` : undefined;
}

/** A commit's page, for the plan's header. */
export function commitUrl(env: NodeJS.ProcessEnv, commit: string | undefined): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository } = env;
  return server && repository && commit ? `${server}/${repository}/commit/${commit}` : undefined;
}

/** The hidden first line that finds the comment (or drift issue) again; the directory keeps two Action steps apart. */
export function marker(command: Command | 'drift', directory: string): string {
  const dir = directory.replace(/[^\w./-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `<!-- license-gitops:${command} dir=${dir} -->`;
}

/** The marker, the Markdown cut to fit, and a link to the run. */
export function commentBody(mark: string, markdown: string, run: string | undefined): string {
  const summary = run ? link(run, 'the job summary of this run') : 'the job summary';
  const footer = run ? `\n<sub>license-gitops · ${link(run, 'workflow run')}</sub>\n` : '';
  const note = `> [!NOTE]\n> Truncated to fit a comment: the full plan is in ${summary}.`;
  const room = COMMENT_LIMIT - Buffer.byteLength(`${mark}\n${footer}`, 'utf8');
  return `${mark}\n${truncateMarkdown(markdown, room, note)}${footer}`;
}

export interface Comment {
  id: number;
  body?: string | null;
  /** Who wrote it (REST `user`). */
  user?: { id?: unknown; login?: unknown } | null;
}

/** The calls the sticky comment needs (a port: the REST API, or a fake). */
export interface CommentsApi {
  /** Who the token writes comments as. */
  identity(): Promise<TokenIdentity>;
  /** Every comment on the pull request, page by page. */
  list(): AsyncIterable<Comment[]>;
  create(body: string): Promise<Comment>;
  update(id: number, body: string): Promise<Comment>;
}

/**
 * Updates the comment that starts with the marker and was written by the
 * token's own identity, else creates it: a comment someone else planted with
 * the marker is never taken over (its text would sit under our name).
 */
export async function upsert(
  api: CommentsApi,
  mark: string,
  body: string,
): Promise<{ action: 'created' | 'updated'; id: number }> {
  const me = await api.identity();
  for await (const page of api.list()) {
    const mine = page.find((c) => c.body?.startsWith(mark) && writtenBy(me, c.user));
    if (mine) return { action: 'updated', id: (await api.update(mine.id, body)).id };
  }
  return { action: 'created', id: (await api.create(body)).id };
}

/** The comment with the marker on `pr`, cut to fit and linked to the run, created or updated over the REST API. */
export function postComment(token: string, pr: PullRequest, mark: string, markdown: string, env: NodeJS.ProcessEnv) {
  return upsert(restComments(token, pr, env.GITHUB_API_URL), mark, commentBody(mark, markdown, runUrl(env)));
}

/** Issue comments over the REST API at `baseUrl` (GITHUB_API_URL, so GitHub Enterprise works). */
function restComments(token: string, pr: PullRequest, baseUrl: string | undefined): CommentsApi {
  const client = octokit(token, baseUrl);
  const target = { owner: pr.owner, repo: pr.repo, issue_number: pr.number };
  return {
    identity: () => tokenIdentity(client),
    async *list() {
      const pages = client.paginate.iterator(client.rest.issues.listComments, { ...target, per_page: 100 });
      for await (const page of pages) yield page.data;
    },
    create: async (body) => (await client.rest.issues.createComment({ ...target, body })).data,
    update: async (id, body) =>
      (await client.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: id, body })).data,
  };
}

/** Why commenting failed (`doing`: what failed), in words a workflow author can act on. */
export function commentProblem(error: unknown, doing = 'post the plan comment'): string {
  if (statusOf(error) === 403)
    return (
      'no permission to comment on the pull request (HTTP 403): the token is read-only, as for a pull request ' +
      'from a fork, or the job lacks `permissions: pull-requests: write`. The plan is in the job summary.'
    );
  return `could not ${doing} (${failedCall(error)}); the plan is in the job summary`;
}
