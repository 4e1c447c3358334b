/**
 * What a command runs with: its flags over the configuration file
 * (`license-gitops.json`, or `--config FILE`) over the defaults. Scalars given
 * as flags win; `--ignore` adds to the file's rules (ignore rules only ever
 * keep live values, so combining them is the safe reading of both).
 */
import path from 'node:path';
import { ignoreForFile } from '../config/ignore.js';
import { loadConfig, type Config } from '../config/load.js';
import type { LicenseError } from '../reconcile/errors.js';
import { errorsJson } from '../render/json.js';
import { DEFAULT_CONCURRENCY, reportErrors, writeJson, type Io } from './context.js';

export const DEFAULT_DIR = 'licenses';
export const DEFAULT_TIMEOUT_SECONDS = 30;

/** The options a configuration file can set, as yargs hands them over (unset when not given). */
export interface RawSettings {
  config?: string;
  dir?: string;
  json?: boolean;
  concurrency?: number;
  timeout?: number;
  maxRps?: number;
  maxChanges?: number;
  ignore?: string[];
  prune?: boolean;
}

/** The same, settled: defaults filled, the file's rules included. */
export interface Settings {
  dir: string;
  concurrency: number;
  timeout: number;
  maxRps?: number;
  maxChanges?: number;
  /** The file's pointers for every manifest, then the flags'. */
  ignore: string[];
  /** The file's per-file rules. */
  ignoreFor?: (file: string) => string[];
  prune?: boolean;
}

export type Settled<T> =
  { ok: true; args: Omit<T, keyof Settings> & Settings; config: Config } | { ok: false; errors: LicenseError[] };

export async function settle<T extends RawSettings>(raw: T, cwd: string = process.cwd()): Promise<Settled<T>> {
  const loaded = await loadConfig({ cwd, ...(raw.config ? { file: raw.config } : {}) });
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  const { config } = loaded;
  const ignoreFor = ignoreForFile(config, cwd);
  const pick = <K extends 'maxRps' | 'maxChanges' | 'prune'>(key: K) => {
    const value = raw[key] ?? config[key];
    return value === undefined ? {} : { [key]: value };
  };
  const args = {
    ...raw,
    dir: raw.dir ?? directoryOf(config, cwd),
    concurrency: raw.concurrency ?? config.concurrency ?? DEFAULT_CONCURRENCY,
    timeout: raw.timeout ?? config.timeout ?? DEFAULT_TIMEOUT_SECONDS,
    ignore: [...config.ignore, ...(raw.ignore ?? [])],
    ...pick('maxRps'),
    ...pick('maxChanges'),
    ...pick('prune'),
    ...(ignoreFor ? { ignoreFor } : {}),
  };
  return { ok: true, args, config };
}

/** The file's directory (or `licenses` beside the file), as a path from the working directory. */
function directoryOf(config: Config, cwd: string): string {
  if (!config.file) return DEFAULT_DIR;
  const absolute = config.directory ?? path.join(path.dirname(config.file), DEFAULT_DIR);
  return path.relative(cwd, absolute) || '.';
}

/** Settles the flags, then runs the command; an invalid configuration file stops it with `file:line:col` errors. */
export async function withSettings<T extends RawSettings>(
  raw: T,
  io: Io,
  command: (args: Omit<T, keyof Settings> & Settings, io: Io) => Promise<number>,
): Promise<number> {
  const settled = await settle(raw);
  if (settled.ok) return command(settled.args, io);
  reportErrors(io, settled.errors);
  if (raw.json) writeJson(io, errorsJson(settled.errors));
  return 1;
}
