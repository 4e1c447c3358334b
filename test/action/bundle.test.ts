/**
 * The committed bundle is what GitHub runs, so it must be exactly what the
 * sources build: `npm test` fails on a stale dist/action/index.js, as CI's
 * check-dist job does.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { BUNDLE } from './run-action.js';

it('dist/action/index.js is what `npm run bundle` builds from the sources', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'license-gitops-bundle-'));
  try {
    const outfile = join(dir, 'index.js');
    // From another working directory: the output must not depend on where the build runs.
    await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/bundle.mjs'), '--outfile', outfile], { cwd: dir });
    const [built, committed] = await Promise.all([readFile(outfile, 'utf8'), readFile(BUNDLE, 'utf8')]);
    expect(built.includes(ROOT), 'the bundle must not hold absolute paths').toBe(false);
    expect(built === committed, 'dist/action/index.js is stale: run `npm run bundle` and commit dist/').toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
