/** The configuration's ignore rules as the plan takes them: pointers for all manifests, and per manifest file. */
import path from 'node:path';
import { toPosix } from '../paths.js';
import type { Config } from './load.js';
import { globToRegExp } from './glob.js';

/**
 * For a manifest file (as plans show it: relative to `cwd`, or absolute), the
 * pointers of the per-file rules whose globs match it. Globs are relative to the
 * configuration file's folder. Undefined when the configuration has no such rule.
 */
export function ignoreForFile(config: Config, cwd: string = process.cwd()): ((file: string) => string[]) | undefined {
  if (config.ignoreFiles.length === 0 || !config.file) return undefined;
  const base = path.dirname(config.file);
  const rules = config.ignoreFiles.map((rule) => ({ globs: rule.files.map(globToRegExp), pointers: rule.pointers }));
  return (file) => {
    const relative = toPosix(path.relative(base, path.resolve(cwd, file)));
    return rules.flatMap((rule) => (rule.globs.some((glob) => glob.test(relative)) ? rule.pointers : []));
  };
}
