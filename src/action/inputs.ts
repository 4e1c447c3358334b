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

/** The YAML 1.2 booleans, as `core.getBooleanInput` accepts them. */
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/** How one input's text is read: its value, or undefined when the text is not what the input `wants`. */
interface Reader {
  wants: string;
  read: (text: string) => unknown;
}

const reader = (wants: string, read: Reader['read']): Reader => ({ wants, read });
const text = reader('text', (t) => t);
const pointers = reader('JSON pointers', splitPointers);
const boolean = reader('true or false', (t) => (TRUE.includes(t) ? true : FALSE.includes(t) ? false : undefined));
const whole = (min: number) =>
  reader(`a whole number ≥ ${min}`, (t) => (/^\d+$/.test(t) && Number(t) >= min ? Number(t) : undefined));
const positive = reader('a number > 0', (t) => (/^\d+(\.\d+)?$/.test(t) && Number(t) > 0 ? Number(t) : undefined));
const matching = (wants: string, ok: (t: string) => boolean) => reader(wants, (t) => (ok(t) ? t : undefined));
const oneOf = (words: readonly string[], wants: string) => matching(wants, (t) => words.includes(t));

/** Every input: its name in action.yml, its member of ActionInputs, how it is read, and its default. */
const INPUTS: ReadonlyArray<readonly [name: string, key: keyof ActionInputs, reader: Reader, fallback?: string]> = [
  ['command', 'command', oneOf(['plan', 'apply'], 'plan or apply'), 'plan'],
  ['directory', 'directory', text],
  ['config', 'config', text],
  ['ref', 'ref', text],
  ['changed-since', 'changedSince', text],
  ['ignore', 'ignore', pointers],
  ['max-changes', 'maxChanges', whole(0)],
  ['prune', 'prune', boolean],
  ['allow-in-use', 'allowInUse', boolean],
  ['expiry-warning', 'expiryWarning', whole(0)],
  ['fail-on-expiring', 'failOnExpiring', boolean],
  ['region', 'region', matching('an AWS region such as us-east-1', (t) => /^[a-z]{2}(-[a-z]+)+-\d+$/.test(t))],
  ['endpoint-url', 'endpointUrl', matching('an http:// or https:// URL', isHttpUrl)],
  ['concurrency', 'concurrency', whole(1)],
  ['max-rps', 'maxRps', positive],
  ['timeout', 'timeout', positive],
  ['comment', 'comment', boolean, 'true'],
  ['drift-issue', 'driftIssue', boolean, 'false'],
  ['github-token', 'githubToken', text],
  ['record-arns', 'recordArns', oneOf(RECORD_ARNS, RECORD_ARNS.join(', ')), 'pull-request'],
];

/** The defaults, by input name: action.yml declares the same. */
export const DEFAULTS = Object.fromEntries(
  INPUTS.flatMap(([name, , , fallback]) => (fallback ? [[name, fallback]] : [])),
);

export function readInputs(get: (name: string) => string): InputsRead {
  const errors: string[] = [];
  // An input left unset (and without a default) is left out, so the config file can decide it.
  const read: Partial<Record<keyof ActionInputs, unknown>> = {};
  for (const [name, key, reader, fallback = ''] of INPUTS) {
    const given = get(name).trim() || fallback;
    if (given === '') continue;
    const value = reader.read(given);
    if (value === undefined) errors.push(`input ${name} must be ${reader.wants}, not "${given}"`);
    else read[key] = value;
  }
  const inputs = { ignore: [], failOnExpiring: false, ...read } as ActionInputs;

  if (inputs.timeout !== undefined && inputs.timeout * 1000 > MAX_TIMER_MS)
    errors.push(
      `input timeout must be at most ${Math.floor(MAX_TIMER_MS / 1000)} seconds (the longest timer Node.js can set)`,
    );
  if (inputs.driftIssue && inputs.command === 'apply')
    errors.push('input drift-issue works with command: plan (the scheduled drift check), not apply');
  // A narrowed plan can't say live and git agree, so it must never close the drift issue.
  if (inputs.driftIssue && inputs.changedSince)
    errors.push('input drift-issue needs a plan of every manifest: remove changed-since');

  return errors.length > 0 ? { ok: false, errors } : { ok: true, inputs };
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
