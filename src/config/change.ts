/**
 * How the configuration changed since a base (`plan --base`, a pull request's
 * base). A pull request that turns prune on or drops an ignore rule asks for
 * the writes that follow, as much as one that edits a manifest: those steps are
 * its doing, not drift outside git. Pure: two configurations in, a verdict out.
 */
import { isDeepStrictEqual } from 'node:util';
import { ignoreForFile } from './ignore.js';
import type { Config } from './load.js';

/** What changed in the configuration file, and which steps that change brings into a plan. */
export interface ConfigChange {
  /** The configuration file, as shown to the user. */
  file: string;
  /** The settings that differ, by the file's names (`prune`, `ignore`, `directory`, `maxChanges`, …). */
  members: string[];
  /** Whether the change brings a write of this action to the license (or grant) in this manifest file. */
  brings(file: string, action: 'create' | 'update' | 'delete'): boolean;
  /** allowBelowUsage was turned on: a write allowed only by it (IN_USE otherwise) is the change's. */
  allowsInUse: boolean;
}

const SCALARS = ['directory', 'prune', 'allowBelowUsage', 'maxChanges', 'concurrency', 'maxRps', 'timeout'] as const;

/**
 * The change from `before` (undefined: there was no readable configuration at
 * the base, so every write may be its doing) to `after`; undefined when the two
 * decide everything alike. Files are as plans show them, relative to `cwd`.
 */
export function configChange(
  before: Config | undefined,
  after: Config,
  file: string,
  cwd: string,
): ConfigChange | undefined {
  const base = before ?? { ignore: [], ignoreFiles: [] };
  const members: string[] = SCALARS.filter((key) => base[key] !== after[key]);
  const ignoreMoved =
    !isDeepStrictEqual(base.ignore, after.ignore) || !isDeepStrictEqual(base.ignoreFiles, after.ignoreFiles);
  if (ignoreMoved) members.push('ignore');
  if (before !== undefined && members.length === 0) return undefined;
  const everything = before === undefined || members.includes('directory');
  const ignoredBefore = pointersFor(base, cwd);
  const ignoredAfter = pointersFor(after, cwd);
  return {
    file,
    members: before === undefined ? ['the whole file (none was readable at the base)'] : members,
    allowsInUse: members.includes('allowBelowUsage') && after.allowBelowUsage === true,
    brings: (manifest, action) => {
      if (everything) return true;
      if (action === 'delete') return members.includes('prune');
      // An ignore rule added or dropped for this file changes what is written at its pointers.
      return ignoreMoved && !sameSet(ignoredBefore(manifest), ignoredAfter(manifest));
    },
  };
}

/** Every ignore pointer that holds for a manifest file under `config`. */
function pointersFor(config: Config, cwd: string): (file: string) => string[] {
  const perFile = ignoreForFile(config, cwd);
  return (file) => [...config.ignore, ...(perFile?.(file) ?? [])];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}
