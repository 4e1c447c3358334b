/**
 * How paths are shown to users and compared across sources (files, git, the
 * Action): relative to a base (the working directory) when inside it, else
 * absolute; always with `/`. One function, so a manifest read from the working
 * tree and the same manifest read through git have the same name.
 */
import path from 'node:path';

export function shownPath(absolute: string, base: string = process.cwd()): string {
  const relative = path.relative(base, absolute);
  return toPosix(relative === '' || isOutside(relative) ? absolute : relative);
}

/**
 * `shownPath` for many files below one folder (`relative` to it, normalized): the
 * folder's place relative to the base is worked out once, not once a file.
 */
export function shownPathsBelow(folder: string, base: string = process.cwd()): (relative: string) => string {
  const inside = path.relative(base, folder);
  if (isOutside(inside)) return (relative) => shownPath(path.join(folder, relative), base);
  const prefix = inside === '' ? '' : `${toPosix(inside)}/`;
  return (relative) => (relative === '' ? shownPath(folder, base) : prefix + toPosix(relative));
}

/** Whether a relative path leaves its base. */
export function isOutside(relative: string): boolean {
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

/** Whether the folder `dir` is `tree` or below it. */
export function isWithin(dir: string, tree: string): boolean {
  return !isOutside(path.relative(path.resolve(tree), path.resolve(dir)));
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
