/**
 * What a command runs with: its flags over the configuration file
 * (`license-gitops.json`, or `--config FILE`) over the defaults. Scalars given
 * as flags win; `--ignore` adds to the file's rules (ignore rules only ever
 * keep live values, so combining them is the safe reading of both).
 */
import path from 'node:path';
import { ignoreForFile } from '../config/ignore.js';
import { configChange, type ConfigChange } from '../config/change.js';
import { CONFIG_FILE, findManifestDir, loadConfig, repositoryBound, staysWithin, type Config } from '../config/load.js';
import { isWithin, shownPath, toPosix } from '../paths.js';
import { DEFAULT_EXPIRY_WARNING_DAYS } from '../reconcile/expiry.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { ConfigOrigin, ConfigRead, Uncommitted } from '../run/config-source.js';
import { DEFAULT_CONCURRENCY, fail, type Io } from './context.js';

export const DEFAULT_DIR = 'licenses';
export const DEFAULT_TIMEOUT_SECONDS = 30;

/** The options a configuration file can set, as yargs hands them over (unset when not given). */
export interface RawSettings {
  /** The configuration file named with --config (else license-gitops.json is looked for). */
  config?: string;
  dir?: string;
  json?: boolean;
  concurrency?: number;
  timeout?: number;
  maxRps?: number;
  maxChanges?: number;
  ignore?: string[];
  prune?: boolean;
  /** --allow-in-use (the file's `allowBelowUsage`). */
  allowInUse?: boolean;
  /** --expiry-warning (the file's `expiryWarning`). */
  expiryWarning?: number;
  /** Read the manifests (and so the configuration) as committed at this ref. */
  ref?: string;
  /**
   * Attribute each planned license to its manifest's change since this ref, or to drift (plan --base):
   * the configuration's change too.
   */
  base?: string;
}

/** The same, settled: defaults filled, the file's rules included. */
export interface Settings {
  dir: string;
  /**
   * The manifest tree --dir is part of: the configuration's directory (else licenses) when --dir is it
   * or a folder in it, else --dir itself. Markers name manifests from it, and a folder of it sees its siblings.
   */
  manifestTree: string;
  concurrency: number;
  timeout: number;
  maxRps?: number;
  maxChanges?: number;
  /** The file's pointers for every manifest, then the flags'. */
  ignore: string[];
  /** The file's per-file rules. */
  ignoreFor?: (file: string) => string[];
  prune?: boolean;
  /** Changes that could cut off a customer in use are allowed (--allow-in-use over the file's allowBelowUsage). */
  allowInUse?: boolean;
  /** Days ahead in which a license's Validity.End is listed (default 30). */
  expiryWarning: number;
  /** Where the configuration came from: a saved plan records it, apply checks it. */
  configOrigin: ConfigOrigin;
  /** With a base: how the configuration changed since it, when it did. */
  configChange?: ConfigChange;
}

/**
 * Where the configuration is read from. A closed vocabulary; with --ref, always
 * the commit's blob at that ref.
 */
export type ConfigUse =
  /** The file on disk, nothing asked of git (validate, import, orphans). */
  | 'file'
  /** The file on disk, and whether the commit holds it as it is (plan: a saved plan must name a committed one). */
  | 'working-tree'
  /** The commit's blob (HEAD), like the manifests apply reads; refused when the working tree's differs. */
  | 'committed';

type SettleResult<T> =
  { ok: true; args: Omit<T, keyof Settings> & Settings; config: Config } | { ok: false; errors: LicenseError[] };

export async function settle<T extends RawSettings>(
  raw: T,
  cwd: string = process.cwd(),
  use: ConfigUse = 'file',
): Promise<SettleResult<T>> {
  const file = raw.config ? { file: raw.config } : {};
  // Git (and its library) is loaded only when the commit is asked about.
  const loaded = await (use === 'file' && raw.ref === undefined
    ? readConfigFile(cwd, file)
    : (await import('../run/config-source.js')).readRunConfig({
        cwd,
        from: use === 'committed' || raw.ref !== undefined ? 'commit' : 'working-tree',
        ...file,
        ...(raw.ref !== undefined ? { ref: raw.ref } : {}),
      }));
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  const { config, origin } = loaded;
  if (use === 'committed' && origin.uncommitted) return { ok: false, errors: [uncommittedConfig(origin.uncommitted)] };
  const changed = raw.base !== undefined ? await changeSince(raw.base, config, origin, cwd, file) : undefined;
  const ignoreFor = ignoreForFile(config, cwd);
  const configured = await directoryOf(config, cwd);
  const escapes = raw.dir === undefined ? await linkedOutside(configured, config, cwd) : undefined;
  if (escapes) return { ok: false, errors: [escapes] };
  // A setting neither the flags nor the file give is left out, not set to undefined.
  const given = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : { [key]: value });
  const args = {
    ...raw,
    dir: raw.dir ?? configured,
    manifestTree: await treeOf(raw.dir ?? configured, configured, config, cwd),
    concurrency: raw.concurrency ?? config.concurrency ?? DEFAULT_CONCURRENCY,
    timeout: raw.timeout ?? config.timeout ?? DEFAULT_TIMEOUT_SECONDS,
    ignore: [...config.ignore, ...(raw.ignore ?? [])],
    expiryWarning: raw.expiryWarning ?? config.expiryWarning ?? DEFAULT_EXPIRY_WARNING_DAYS,
    ...given('maxRps', raw.maxRps ?? config.maxRps),
    ...given('maxChanges', raw.maxChanges ?? config.maxChanges),
    ...given('prune', raw.prune ?? config.prune),
    ...given('allowInUse', raw.allowInUse ?? config.allowBelowUsage),
    ...(ignoreFor ? { ignoreFor } : {}),
    configOrigin: origin,
    ...(changed ? { configChange: changed } : {}),
  };
  return { ok: true, args, config };
}

/** The file on disk alone: whether a commit vouches for it is not asked. */
async function readConfigFile(cwd: string, file: { file?: string }): Promise<ConfigRead> {
  const loaded = await loadConfig({ cwd, ...file });
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  const origin = loaded.config.file ? { path: toPosix(loaded.config.file), vouched: false } : { vouched: true };
  return { ok: true, config: loaded.config, origin };
}

/**
 * How the configuration changed since `base`, read there by the same search. A
 * base git can't resolve is left to the manifests' loader, which reports it.
 */
async function changeSince(
  base: string,
  config: Config,
  origin: ConfigOrigin,
  cwd: string,
  file: { file?: string },
): Promise<ConfigChange | undefined> {
  const { readRunConfig } = await import('../run/config-source.js');
  const before = await readRunConfig({ cwd, from: 'commit', ref: base, ...file });
  if (before.ok && !before.origin.vouched) return undefined;
  if (before.ok && before.origin.blob === origin.blob) return undefined;
  // Named as it is now, else as it was at the base.
  const named = config.file || (before.ok ? before.config.file : undefined);
  const shown = named ? shownPath(named, cwd) : CONFIG_FILE;
  return configChange(before.ok ? before.config : undefined, config, shown, cwd);
}

/**
 * The default manifest directory, as a path from the working directory: the file's
 * `directory` (or `licenses` beside the file); with no file, the nearest `licenses` folder
 * at or above the working directory, up to the git top level (else `licenses`).
 */
async function directoryOf(config: Config, cwd: string): Promise<string> {
  const absolute = config.file
    ? (config.directory ?? path.join(path.dirname(config.file), DEFAULT_DIR))
    : await findManifestDir(path.resolve(cwd), DEFAULT_DIR);
  return absolute === undefined ? DEFAULT_DIR : path.relative(cwd, absolute) || '.';
}

/**
 * The configured (or default) manifest directory when a link in it leads out of the
 * repository: refused, as a `directory` with `..` is, so a committed link can't point a
 * run at the runner's files. `--dir` (the Action's `directory` input) is the caller's own
 * choice and is not checked.
 */
async function linkedOutside(dir: string, config: Config, cwd: string): Promise<LicenseError | undefined> {
  const bound = await repositoryBound(config, cwd);
  if (bound === undefined || staysWithin(path.resolve(cwd, dir), bound)) return undefined;
  const message = `the manifest directory ${dir} leads outside the repository through a link; manifests are read only from inside it (pass --dir to name a folder elsewhere yourself)`;
  return config.file
    ? licenseError('CONFIG_INVALID', message, { file: shownPath(config.file, cwd) })
    : licenseError('USAGE', message);
}

/**
 * The tree `dir` is part of: `configured` when `dir` is it or below it; with no file, the nearest
 * `licenses` folder holding `dir` (found from `dir` up, so `--dir ../team` from a sibling folder, or
 * a path from outside the repository, sees the same tree); else `dir` itself.
 */
async function treeOf(dir: string, configured: string, config: Config, cwd: string): Promise<string> {
  // The default directory is its own tree: no second search for it.
  const found =
    config.file || dir === configured ? undefined : await findManifestDir(path.resolve(cwd, dir), DEFAULT_DIR);
  const tree = found === undefined ? configured : path.relative(cwd, found) || '.';
  return isWithin(path.resolve(cwd, dir), path.resolve(cwd, tree)) ? tree : dir;
}

/** What decides what apply does comes from the commit it applies: a configuration no commit vouches for is refused. */
function uncommittedConfig({ file, clause }: Uncommitted): LicenseError {
  const message = `the configuration ${clause}; apply reads its configuration from the commit it applies, as it does the manifests, so that what it obeys was reviewed. Commit the configuration in the repository (or restore it), or pass --allow-dirty to apply the working tree as it is`;
  return licenseError('DIRTY_TREE', message, { file });
}

/** Settles the flags, then runs the command; an invalid configuration file stops it with `file:line:col` errors. */
export async function withSettings<T extends RawSettings>(
  raw: T,
  io: Io,
  command: (args: Omit<T, keyof Settings> & Settings, io: Io) => Promise<number>,
  use: ConfigUse = 'file',
): Promise<number> {
  const settled = await settle(raw, process.cwd(), use);
  return settled.ok ? command(settled.args, io) : fail(io, raw, settled.errors);
}
