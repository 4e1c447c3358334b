/**
 * Paths are shown the same however they were found: one file at a time
 * (`shownPath`), many below one folder (`shownPathsBelow`, the directory walk),
 * or from git's top-level-relative names (`PathMap.user`).
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shownPath, shownPathsBelow } from '../../src/paths.js';
import { PathMap } from '../../src/run/path-map.js';

const segment = fc.constantFrom('a', 'b', 'licenses', 'x.json', 'a b', 'é', '..x', '.hidden');
const absolute = fc.array(segment, { maxLength: 4 }).map((parts) => path.join('/', ...parts));
const relative = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => path.join(...parts));

describe('shown paths', () => {
  it('below one folder: the same as shownPath file by file', () => {
    fc.assert(
      fc.property(absolute, absolute, relative, (folder, base, file) => {
        expect(shownPathsBelow(folder, base)(file)).toBe(shownPath(path.join(folder, file), base));
      }),
    );
  });

  it("from git's names: the same as shownPath of the file in the working tree", () => {
    fc.assert(
      fc.property(absolute, absolute, relative, (top, cwd, gitPath) => {
        const posix = gitPath.split(path.sep).join('/');
        expect(new PathMap(top, cwd, '.').user(posix)).toBe(shownPath(path.join(top, gitPath), cwd));
      }),
    );
  });
});
