#!/usr/bin/env node
// npm run bundle: the GitHub Action as one ESM file, dist/action/index.js, with
// every dependency inside (the AWS SDK too), so the Action runs without an
// npm install. The output is deterministic and independent of where the
// repository lies: paths are relative to it and nothing carries a time.
//
//   node scripts/bundle.mjs [--outfile FILE]   (default dist/action/index.js)
//
// The bundle needs no file beside it (the schema validator is precompiled);
// test/action/ runs a copy of it from an empty folder to keep it that way.
import { build } from 'esbuild';
import { nodeModuleBundle } from './esbuild-options.mjs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { outfile: { type: 'string', default: 'dist/action/index.js' } } });

await build({
  absWorkingDir: root,
  entryPoints: ['src/action/main.ts'],
  outfile: values.outfile,
  ...nodeModuleBundle,
  legalComments: 'eof',
  charset: 'utf8',
  sourcemap: false,
  minify: false,
});
