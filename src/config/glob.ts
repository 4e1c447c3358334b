/**
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
