/**
 * Paths between git and the user: git names files relative to the repository's
 * top level, with `/`; users see them as shownPath shows them (relative to the
 * working directory when inside it).
 */
import path from 'node:path';
import { isManifestPath } from '../manifests/source.js';
import { isOutside, shownPath, toPosix } from '../paths.js';

/** Converts between git's top-level-relative paths and the paths users type (relative to cwd). */
export class PathMap {
  readonly gitDir: string;
  /** The working directory relative to the top level, with `/` after it; undefined when outside the repository. */
  private readonly cwdPrefix: string | undefined;
  constructor(
    private readonly top: string,
    private readonly cwd: string,
    dir: string,
  ) {
    this.gitDir = toPosix(path.relative(top, path.resolve(cwd, dir))) || '.';
    const cwdInTop = path.relative(top, cwd);
    this.cwdPrefix = isOutside(cwdInTop) ? undefined : cwdInTop === '' ? '' : `${toPosix(cwdInTop)}/`;
  }
  /** Whether a top-level-relative path is a manifest by the directory walk's rule (`isManifestPath`). */
  readonly selects = (gitPath: string): boolean => {
    const below =
      this.gitDir === '.'
        ? gitPath
        : gitPath.startsWith(`${this.gitDir}/`)
          ? gitPath.slice(this.gitDir.length + 1)
          : undefined;
    return below !== undefined && isManifestPath(below);
  };

  user(gitPath: string): string {
    // A path below the working directory is the rest of it (a plan names every manifest, so no resolving each).
    const prefix = this.cwdPrefix;
    if (prefix !== undefined && gitPath.startsWith(prefix) && gitPath.length > prefix.length)
      return gitPath.slice(prefix.length);
    return shownPath(path.join(this.top, gitPath), this.cwd);
  }
}
