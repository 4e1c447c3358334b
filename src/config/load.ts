/**
 * The configuration file, `license-gitops.json`: found from the working
 * directory upwards to the git top level (or named with `--config`), parsed
 * with positions, and checked against `schemas/config.schema.json`. The CLI
 * and the GitHub Action read it through this one function, so a rule can't
 * hold in one and not the other. Never throws: problems are `file:line:col` errors.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { byPosition } from '../manifests/messages.js';
import { parseManifest } from '../manifests/parse.js';
import { kindAt } from '../manifests/source.js';
import { checkAgainst, type ValidateFunction } from '../manifests/schema.js';
import { isWithin, shownPath } from '../paths.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { validate as generatedValidate } from './generated/config-validator.js';

// Synchronous calls behind promises: a config file is tiny, and loading node:fs/promises
// alone costs a tenth of `validate`'s start-up (see docs/performance.md).
const stat = async (file: string) => statSync(file);

/** The file name looked for. */
export const CONFIG_FILE = 'license-gitops.json';

/** A config file is a few hundred bytes; anything this big is not one. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Ignore pointers for the manifests matching any of `files` (globs relative to the config file's folder). */
export interface FileIgnoreRule {
  files: string[];
  pointers: string[];
}

/** The settings, as the file gives them; what it leaves out is undefined (the caller's defaults apply). */
export interface Config {
  /** The file read (absolute path); absent when there is none. */
  file?: string;
  /** The manifest directory, absolute (the file gives it relative to its own folder). */
  directory?: string;
  /** Pointers left as they are live, for every manifest. */
  ignore: string[];
  /** Pointers left as they are live, for some manifests. */
  ignoreFiles: FileIgnoreRule[];
  maxChanges?: number;
  prune?: boolean;
  /** Changes that could cut off a customer in use are allowed for every manifest. */
  allowBelowUsage?: boolean;
  /** Days ahead in which a license's Validity.End is listed (plan, validate). */
  expiryWarning?: number;
  concurrency?: number;
  maxRps?: number;
  /** Seconds per HTTP attempt. */
  timeout?: number;
}

export interface ConfigLoad {
  ok: boolean;
  /** Empty (no file) when `ok` is false, so callers can go on with defaults if they choose to. */
  config: Config;
  errors: LicenseError[];
}

export interface ConfigOptions {
  /** Where to start looking, and what `file` is relative to (default: the process's working directory). */
  cwd?: string;
  /** A file named explicitly (`--config`, the Action's `config` input); it must exist. */
  file?: string;
}

const EMPTY: Config = { ignore: [], ignoreFiles: [] };

export async function loadConfig(options: ConfigOptions = {}): Promise<ConfigLoad> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const file = options.file ? path.resolve(cwd, options.file) : await findConfig(cwd);
  if (!file) return { ok: true, config: EMPTY, errors: [] };
  const shown = shownPath(file, cwd);
  const text = await readConfig(file, shown, Boolean(options.file));
  if (typeof text !== 'string') return { ok: false, config: EMPTY, errors: [text] };
  return parseConfig(text, file, shown, await directoryBound(file));
}

/** The folder a configuration file's `directory` must stay inside: its repository's top level, else its own folder. */
export async function directoryBound(file: string): Promise<string> {
  return (await gitTop(path.dirname(file))) ?? path.dirname(file);
}

/**
 * The repository a manifest directory must stay inside once links are followed: the
 * configuration file's (else the working directory's); undefined outside git, where
 * no pull request can have put a link.
 */
export async function repositoryBound(config: Config, cwd: string): Promise<string | undefined> {
  return gitTop(config.file ? path.dirname(config.file) : path.resolve(cwd));
}

/**
 * Whether `dir`, every link in it followed, lies inside `bound` (also followed). Of a
 * folder not made yet, its nearest existing ancestor is followed (import makes it), so a
 * link can't lead there either, and the answer doesn't tell whether a folder exists.
 */
export function staysWithin(dir: string, bound: string): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      const parent = path.dirname(p);
      return parent === p ? p : path.join(real(parent), path.basename(p));
    }
  };
  return isWithin(real(path.resolve(dir)), real(path.resolve(bound)));
}

/**
 * The settings in `text` (the file at `file`, shown as `shown` in errors). Pure.
 * `within`: the folder its `directory` must resolve inside (the repository's top level,
 * else the file's folder), so a configuration can't point a run at files outside it.
 */
export function parseConfig(text: string, file: string, shown: string, within: string): ConfigLoad {
  const parsed = parseManifest({ file: shown, text }, 'the configuration');
  const fail = (errors: LicenseError[]): ConfigLoad => ({
    ok: false,
    config: EMPTY,
    errors: errors.map((e) => ({ ...e, code: 'CONFIG_INVALID' as const })).sort(byPosition),
  });
  if (!parsed.value || parsed.errors.length > 0) return fail(parsed.errors);
  const subject = { code: 'CONFIG_INVALID' as const, noun: 'the configuration' };
  const errors = checkAgainst(generatedValidate as ValidateFunction, parsed.value, parsed.locator, shown, subject);
  if (errors.length > 0) return fail(errors);
  const config = toConfig(parsed.value as RawConfig, file);
  if (config.directory !== undefined && !isWithin(config.directory, within)) {
    const message =
      "/directory must name a folder inside the repository (outside git: inside the configuration file's folder); a configuration can't point a run at files outside it";
    return fail([licenseError('CONFIG_INVALID', message, { file: shown, ...parsed.locator.value('/directory') })]);
  }
  return { ok: true, config, errors: [] };
}

/** The file as the schema allows it: the other settings are as in Config. */
type RawConfig = Omit<Config, 'file' | 'directory' | 'ignore' | 'ignoreFiles'> & {
  $schema?: string;
  directory?: string;
  ignore?: (string | FileIgnoreRule)[];
};

function toConfig(raw: RawConfig, file: string): Config {
  const { $schema: _forEditors, directory, ignore: rules = [], ...settings } = raw;
  return {
    file,
    ...(directory !== undefined ? { directory: path.resolve(path.dirname(file), directory) } : {}),
    ignore: rules.filter((r): r is string => typeof r === 'string'),
    ignoreFiles: rules.filter((r): r is FileIgnoreRule => typeof r !== 'string'),
    ...settings,
  };
}

/** `license-gitops.json` in `cwd` or a folder above it, up to the git top level (only `cwd` outside git). */
export function findConfig(cwd: string): Promise<string | undefined> {
  return nearest(cwd, CONFIG_FILE, (kind) => kind !== undefined);
}

/**
 * With no configuration file, the manifest directory: the folder `name` in `cwd` or a folder
 * above it, up to the git top level, found as the file is, so a run from inside the tree
 * (`licenses/team`) sees the same tree as one from the top. Absolute; undefined when there is none.
 */
export function findManifestDir(cwd: string, name: string): Promise<string | undefined> {
  return nearest(cwd, name, (kind) => kind === 'directory');
}

async function nearest(
  cwd: string,
  name: string,
  accept: (kind: Awaited<ReturnType<typeof kindAt>>) => boolean,
): Promise<string | undefined> {
  const top = await gitTop(cwd);
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, name);
    if (accept(await kindAt(candidate))) return candidate;
    if (dir === (top ?? cwd) || path.dirname(dir) === dir) return undefined;
  }
}

/** The nearest folder at or above `cwd` holding `.git` (a folder, or a file in a worktree). */
async function gitTop(cwd: string): Promise<string | undefined> {
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if ((await kindAt(path.join(dir, '.git'))) !== undefined) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export async function readConfig(file: string, shown: string, named: boolean): Promise<string | LicenseError> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) {
    const problem = info.code === 'ENOENT' ? 'does not exist' : `can't be read (${info.code ?? 'error'})`;
    const hint = named ? '; check the --config path' : '';
    return licenseError('CONFIG_INVALID', `the configuration file ${problem}${hint}`, { file: shown });
  }
  if (!info.isFile()) return licenseError('CONFIG_INVALID', 'the configuration is not a file', { file: shown });
  if (info.size > MAX_CONFIG_BYTES)
    return licenseError('CONFIG_INVALID', `the configuration is larger than ${MAX_CONFIG_BYTES} bytes`, {
      file: shown,
    });
  return readFileSync(file, 'utf8');
}
