/**
 * What one Action run does: its inputs over the repository's config file
 * (`license-gitops.json`, the one the CLI reads) over the built-in defaults, and
 * what the event adds (a pull request's base, for cause attribution).
 */
import type { ActionInputs, Command } from './inputs.js';

export interface RunSettings {
  command: Command;
  directory: string;
  ref?: string;
  changedSince?: string;
  /** The pull request's base: each planned license is attributed to the pull request or to drift. */
  base?: string;
  ignore: string[];
  maxChanges?: number;
  prune: boolean;
  endpointUrl?: string;
  concurrency: number;
  maxRps?: number;
  /** Seconds one HTTP attempt may take. */
  timeout: number;
}

/** The config file's settings the Action shares with the CLI. */
export interface SharedConfig {
  directory?: string;
  ignore?: string[];
  maxChanges?: number;
  prune?: boolean;
  concurrency?: number;
  maxRps?: number;
  timeout?: number;
}

export const BUILT_IN = { directory: 'licenses', concurrency: 10, timeout: 30, prune: false } as const;

/** Inputs win over the config file; ignore rules add up, so a rule in the file holds in every run. */
export function resolveSettings(inputs: ActionInputs, config: SharedConfig, base: string | undefined): RunSettings {
  const pick = <T>(input: T | undefined, file: T | undefined, fallback: T): T => input ?? file ?? fallback;
  const optional = <K extends string, T>(key: K, value: T | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, T>>;
  return {
    command: inputs.command,
    directory: pick(inputs.directory, config.directory, BUILT_IN.directory),
    ...optional('ref', inputs.ref),
    ...optional('changedSince', inputs.changedSince),
    ...optional('base', base),
    ignore: [...new Set([...(config.ignore ?? []), ...inputs.ignore])],
    ...optional('maxChanges', inputs.maxChanges ?? config.maxChanges),
    prune: pick(inputs.prune, config.prune, BUILT_IN.prune),
    ...optional('endpointUrl', inputs.endpointUrl),
    concurrency: pick(inputs.concurrency, config.concurrency, BUILT_IN.concurrency),
    ...optional('maxRps', inputs.maxRps ?? config.maxRps),
    timeout: pick(inputs.timeout, config.timeout, BUILT_IN.timeout),
  };
}
