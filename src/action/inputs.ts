/**
 * The Action's inputs, validated. Defaults repeat action.yml's, so a run that
 * leaves an input unset (or an older runner) behaves as documented. Pure: the
 * caller passes how to read one input (`core.getInput` in the Action).
 */

export type Command = 'plan' | 'apply';

export interface ActionInputs {
  command: Command;
  /** The manifest directory, relative to the workspace. */
  directory: string;
  /** Limit the run to manifests added or changed since this ref. */
  changedSince?: string;
  /** The SDK's default region when AWS_REGION is unset. */
  region?: string;
  endpointUrl?: string;
  concurrency: number;
  /** Post (and update) the sticky pull-request comment. */
  comment: boolean;
  githubToken?: string;
}

export type InputsRead = { ok: true; inputs: ActionInputs } | { ok: false; errors: string[] };

export const DEFAULTS = { command: 'plan', directory: 'licenses', concurrency: '10', comment: 'true' } as const;

/** The YAML 1.2 booleans, as `core.getBooleanInput` accepts them. */
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

export function readInputs(get: (name: string) => string): InputsRead {
  const errors: string[] = [];
  const value = (name: string, fallback = '') => get(name).trim() || fallback;
  const optional = (name: string) => value(name) || undefined;

  const command = value('command', DEFAULTS.command);
  if (command !== 'plan' && command !== 'apply') errors.push(`input command must be plan or apply, not "${command}"`);

  const concurrencyText = value('concurrency', DEFAULTS.concurrency);
  const concurrency = Number(concurrencyText);
  if (!/^\d+$/.test(concurrencyText) || concurrency < 1)
    errors.push(`input concurrency must be a whole number ≥ 1, not "${concurrencyText}"`);

  const commentText = value('comment', DEFAULTS.comment);
  if (!TRUE.includes(commentText) && !FALSE.includes(commentText))
    errors.push(`input comment must be true or false, not "${commentText}"`);

  const endpointUrl = optional('endpoint-url');
  if (endpointUrl && !isHttpUrl(endpointUrl))
    errors.push(`input endpoint-url must be an http:// or https:// URL, not "${endpointUrl}"`);

  const region = optional('region');
  if (region && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    errors.push(`input region must be an AWS region such as us-east-1, not "${region}"`);

  if (errors.length > 0) return { ok: false, errors };
  const changedSince = optional('changed-since');
  const githubToken = optional('github-token');
  return {
    ok: true,
    inputs: {
      command: command as Command,
      directory: value('directory', DEFAULTS.directory),
      ...(changedSince ? { changedSince } : {}),
      ...(region ? { region } : {}),
      ...(endpointUrl ? { endpointUrl } : {}),
      concurrency,
      comment: TRUE.includes(commentText),
      ...(githubToken ? { githubToken } : {}),
    },
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
