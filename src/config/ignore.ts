/** The configuration's ignore rules as the plan takes them: pointers for all manifests, and per manifest file. */
import path from 'node:path';
import { toPosix } from '../paths.js';
import type { Config } from './load.js';

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

/*
 * File globs for per-file ignore rules: `*` matches within one folder, `**`
 * across folders, `?` one character, `{a,b}` either. Paths use `/`.
 * Hand-written because Node 20's `path.matchesGlob` is experimental (it warns
 * on every run) and these four forms are all a rule needs.
 */

/** The expression matching the files (relative, with `/`) that `glob` matches. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const wholeSegment = (i === 0 || glob[i - 1] === '/') && (glob[i + 2] === '/' || i + 2 === glob.length);
      if (wholeSegment && glob[i + 2] === '/') {
        source += '(?:[^/]*/)*'; // `**/`: any number of folders, none included
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') {
      braces++;
      source += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (c === ',' && braces > 0) source += '|';
    else source += c.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
  }
  return new RegExp(`^${source}${')'.repeat(braces)}$`);
}
