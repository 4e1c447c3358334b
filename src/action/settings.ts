/**
 * What one Action run does: its inputs over the repository's config file
 * (`license-gitops.json`, or the `config` input) over the built-in defaults,
 * settled by the same function the CLI uses (`settle`), so a setting can't hold
 * in one and not the other; then what the event adds (a pull request's base,
 * for cause attribution).
 */
import type { ConfigChange } from '../config/change.js';
import { settle, type RawSettings } from '../commands/settings.js';
import type { LicenseError } from '../reconcile/errors.js';
import type { RunSettings as AssembledSettings } from '../run/assembly.js';
import type { ActionInputs, Command } from './inputs.js';

/** A run's settings (run/assembly.ts), with the command and what the inputs and the event add. */
export interface RunSettings extends AssembledSettings {
  command: Command;
  ref?: string;
  changedSince?: string;
  /** The pull request's base: each planned license is attributed to the pull request or to drift. */
  base?: string;
  /** How the configuration changed since the base, when it did: a cause like a manifest's change. */
  configChange?: ConfigChange;
  /** Make changes that could cut off a customer in use (input allow-in-use over the file's allowBelowUsage). */
  allowInUse: boolean;
  /** Days ahead in which a license's Validity.End is listed. */
  expiryWarning: number;
}

export type SettingsRead = { ok: true; settings: RunSettings } | { ok: false; errors: LicenseError[] };

/** Inputs win over the config file; ignore rules add up, so a rule in the file holds in every run. */
export async function runSettings(
  inputs: ActionInputs,
  base: string | undefined,
  cwd: string = process.cwd(),
): Promise<SettingsRead> {
  const raw: RawSettings = {
    ...optional('config', inputs.config),
    ...optional('dir', inputs.directory),
    ...optional('concurrency', inputs.concurrency),
    ...optional('timeout', inputs.timeout),
    ...optional('maxRps', inputs.maxRps),
    ...optional('maxChanges', inputs.maxChanges),
    ...optional('prune', inputs.prune),
    ...optional('allowInUse', inputs.allowInUse),
    ...optional('expiryWarning', inputs.expiryWarning),
    ignore: inputs.ignore,
    ...optional('ref', inputs.ref),
    ...optional('base', base),
  };
  // Apply obeys the configuration of the commit it applies; the Action has no --allow-dirty.
  const settled = await settle(raw, cwd, inputs.command === 'apply' ? 'committed' : 'working-tree');
  if (!settled.ok) return settled;
  const { args } = settled;
  return {
    ok: true,
    settings: {
      command: inputs.command,
      directory: args.dir,
      tree: args.manifestTree,
      ...optional('ref', inputs.ref),
      ...optional('changedSince', inputs.changedSince),
      ...optional('base', base),
      ...optional('configChange', base !== undefined ? args.configChange : undefined),
      ignore: args.ignore,
      ...optional('ignoreFor', args.ignoreFor),
      ...optional('maxChanges', args.maxChanges),
      prune: args.prune ?? false,
      allowInUse: args.allowInUse ?? false,
      expiryWarning: args.expiryWarning,
      ...optional('endpointUrl', inputs.endpointUrl),
      concurrency: args.concurrency,
      ...optional('maxRps', args.maxRps),
      timeout: args.timeout,
    },
  };
}

/** `{ [key]: value }`, or `{}` when the value is unset: a member present only when it has a value. */
function optional<K extends string, T>(key: K, value: T | undefined) {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<K, T>>;
}
