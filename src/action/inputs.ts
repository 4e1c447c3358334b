/**
 * The Action's inputs, validated. Defaults repeat action.yml's, so a run that
 * leaves an input unset (or an older runner) behaves as documented. Inputs the
 * config file can also set (directory, ignore, max-changes, prune, concurrency,
 * max-rps, timeout) have no default here: unset, the config file decides, then
 * the built-in default. Pure: the caller passes how to read one input
 * (`core.getInput` in the Action).
 */
import { MAX_TIMER_MS } from '../aws/limits.js';

export type Command = 'plan' | 'apply';

/** How the Action records the ARNs of licenses apply created (after apply on a push). */
export type RecordArns =
  /** Open (or update) a pull request with the manifests that got their new LicenseArn. */
  | 'pull-request'
  /** Push one commit with them onto the branch that was pushed (a pull request if it moved on or is protected). */
  | 'commit'
  /** Leave them in the workspace (the next plan adopts the licenses). */
  | 'none';

export const RECORD_ARNS: readonly RecordArns[] = ['pull-request', 'commit', 'none'];

export interface ActionInputs {
  command: Command;
  /** The manifest directory, relative to the workspace. */
  directory?: string;
  /** The config file, relative to the workspace (else `license-gitops.json` is looked for). */
  config?: string;
  /** Read the manifests as committed at this ref instead of the working tree. */
  ref?: string;
  /** Limit the run to manifests added or changed since this ref. */
  changedSince?: string;
  /** JSON pointers left out of the comparison (empty when the input is unset). */
  ignore: string[];
  /** Apply changes nothing when more than this many licenses would change. */
  maxChanges?: number;
  /** Whether apply may retire licenses whose manifests were deleted. */
  prune?: boolean;
  /** Make changes that could cut off a customer in use (MaxCount below consumed, DEACTIVATED, prune, a grant taken away). */
  allowInUse?: boolean;
  /** Days ahead in which a license's Validity.End is listed (else the config's, else 30). */
  expiryWarning?: number;
  /** Fail the step when a license ends within the expiry warning (a scheduled check). */
  failOnExpiring: boolean;
  /** The SDK's default region when AWS_REGION is unset. */
  region?: string;
  endpointUrl?: string;
  concurrency?: number;
  /** Calls a second per region at most. */
  maxRps?: number;
  /** Seconds one HTTP attempt may take. */
  timeout?: number;
  /** Post (and update) the sticky pull-request comment; after apply on push, the merged pull request's. */
  comment: boolean;
  /** Keep one issue labelled `license-drift` in step with the plan. */
  driftIssue: boolean;
  githubToken?: string;
  /** After apply on a push: how the new ARNs written into manifests reach git. */
  recordArns: RecordArns;
}

export type InputsRead = { ok: true; inputs: ActionInputs } | { ok: false; errors: string[] };

export const DEFAULTS = {
  command: 'plan',
  comment: 'true',
  'drift-issue': 'false',
  'record-arns': 'pull-request',
} as const;

/** The YAML 1.2 booleans, as `core.getBooleanInput` accepts them. */
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

export function readInputs(get: (name: string) => string): InputsRead {
  const errors: string[] = [];
  const value = (name: string, fallback = '') => get(name).trim() || fallback;
  const given = (name: string) => value(name) || undefined;
  const boolean = (name: string, fallback?: string) => {
    const text = value(name, fallback);
    if (text === '') return undefined;
    if (TRUE.includes(text)) return true;
    if (FALSE.includes(text)) return false;
    errors.push(`input ${name} must be true or false, not "${text}"`);
    return undefined;
  };
  const number = (name: string, rule: 'whole ≥ 0' | 'whole ≥ 1' | '> 0') => {
    const text = value(name);
    if (text === '') return undefined;
    const n = Number(text);
    const whole = /^\d+$/.test(text);
    const ok = rule === '> 0' ? /^\d+(\.\d+)?$/.test(text) && n > 0 : whole && n >= (rule === 'whole ≥ 1' ? 1 : 0);
    if (ok) return n;
    const wanted = rule === '> 0' ? 'a number > 0' : `a whole number ${rule.slice(6)}`;
    errors.push(`input ${name} must be ${wanted}, not "${text}"`);
    return undefined;
  };

  const command = value('command', DEFAULTS.command);
  if (command !== 'plan' && command !== 'apply') errors.push(`input command must be plan or apply, not "${command}"`);

  const concurrency = number('concurrency', 'whole ≥ 1');
  const maxChanges = number('max-changes', 'whole ≥ 0');
  const maxRps = number('max-rps', '> 0');
  const timeout = number('timeout', '> 0');
  if (timeout !== undefined && timeout * 1000 > MAX_TIMER_MS)
    errors.push(
      `input timeout must be at most ${Math.floor(MAX_TIMER_MS / 1000)} seconds (the longest timer Node.js can set)`,
    );
  const comment = boolean('comment', DEFAULTS.comment) ?? true;
  const prune = boolean('prune');
  const allowInUse = boolean('allow-in-use');
  const expiryWarning = number('expiry-warning', 'whole ≥ 0');
  const failOnExpiring = boolean('fail-on-expiring') ?? false;
  const driftIssue = boolean('drift-issue', DEFAULTS['drift-issue']) ?? false;
  if (driftIssue && command === 'apply')
    errors.push('input drift-issue works with command: plan (the scheduled drift check), not apply');
  // A narrowed plan can't say live and git agree, so it must never close the drift issue.
  if (driftIssue && value('changed-since'))
    errors.push('input drift-issue needs a plan of every manifest: remove changed-since');

  const recordArns = value('record-arns', DEFAULTS['record-arns']);
  if (!(RECORD_ARNS as readonly string[]).includes(recordArns))
    errors.push(`input record-arns must be ${RECORD_ARNS.join(', ')}, not "${recordArns}"`);

  const endpointUrl = given('endpoint-url');
  if (endpointUrl && !isHttpUrl(endpointUrl))
    errors.push(`input endpoint-url must be an http:// or https:// URL, not "${endpointUrl}"`);

  const region = given('region');
  if (region && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    errors.push(`input region must be an AWS region such as us-east-1, not "${region}"`);

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    inputs: {
      command: command as Command,
      ...optional('directory', given('directory')),
      ...optional('config', given('config')),
      ...optional('ref', given('ref')),
      ...optional('changedSince', given('changed-since')),
      ignore: splitPointers(get('ignore')),
      ...optional('maxChanges', maxChanges),
      ...optional('prune', prune),
      ...optional('allowInUse', allowInUse),
      ...optional('expiryWarning', expiryWarning),
      failOnExpiring,
      ...optional('region', region),
      ...optional('endpointUrl', endpointUrl),
      ...optional('concurrency', concurrency),
      ...optional('maxRps', maxRps),
      ...optional('timeout', timeout),
      comment,
      driftIssue,
      ...optional('githubToken', given('github-token')),
      recordArns: recordArns as RecordArns,
    },
  };
}

/** `{ [key]: value }`, or `{}` when the value is unset: a member present only when it has a value. */
export function optional<K extends string, T>(key: K, value: T | undefined) {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<K, T>>;
}

/**
 * Ignore rules, one a line or comma-separated. A comma splits only before a
 * `/` (the start of the next pointer), so a pointer whose name holds a comma,
 * `/LicenseMetadata/a,b`, stays whole.
 */
export function splitPointers(text: string): string[] {
  return text
    .split(/\r?\n|,\s*(?=\/)/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
