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
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { outfile: { type: 'string', default: 'dist/action/index.js' } } });

await build({
  absWorkingDir: root,
  entryPoints: ['src/action/main.ts'],
  outfile: values.outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Prefer a package's ES module build: jsonc-parser's CommonJS one is UMD and requires files by computed names.
  mainFields: ['module', 'main'],
  // CommonJS dependencies call require(); an ES module has none until it makes one.
  banner: {
    js: "import { createRequire as __bundleCreateRequire } from 'node:module';\nconst require = __bundleCreateRequire(import.meta.url);",
  },
  legalComments: 'eof',
  charset: 'utf8',
  sourcemap: false,
  minify: false,
  logLevel: 'warning',
});
