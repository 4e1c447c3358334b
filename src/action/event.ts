/**
 * What the Action reads from the workflow's event (GITHUB_EVENT_NAME and the
 * JSON file at GITHUB_EVENT_PATH): the pull request's base commit, so a plan
 * attributes each change to the pull request or to drift, and the commit a
 * push delivered. The file comes from GitHub, but is still checked: a value of
 * the wrong form is treated as absent.
 */
import { readFile } from 'node:fs/promises';
import type { Repository } from './github.js';

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** The pull request's base commit on a `pull_request` event, else undefined. */
export async function pullRequestBase(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (env.GITHUB_EVENT_NAME !== 'pull_request') return undefined;
  const event = await readEvent(env.GITHUB_EVENT_PATH);
  const sha = (event?.['pull_request'] as { base?: { sha?: unknown } } | undefined)?.base?.sha;
  return typeof sha === 'string' && SHA.test(sha) ? sha : undefined;
}

/** The commit a `push` event delivered (GITHUB_SHA), else undefined. */
export function pushedCommit(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GITHUB_EVENT_NAME !== 'push') return undefined;
  return env.GITHUB_SHA && SHA.test(env.GITHUB_SHA) ? env.GITHUB_SHA : undefined;
}

/** `owner` and `repo` from GITHUB_REPOSITORY, if it is set. */
export function repositoryOf(env: NodeJS.ProcessEnv): Repository | undefined {
  const [owner, repo, extra] = (env.GITHUB_REPOSITORY ?? '').split('/');
  return owner && repo && extra === undefined ? { owner, repo } : undefined;
}

/** The event's JSON object, or undefined when the file is missing, unreadable or not an object. */
export async function readEvent(file: string | undefined): Promise<Record<string, unknown> | undefined> {
  if (!file) return undefined;
  try {
    const event: unknown = JSON.parse(await readFile(file, 'utf8'));
    return event && typeof event === 'object' ? (event as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
