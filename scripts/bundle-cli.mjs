#!/usr/bin/env node
// Bundles the CLI into lib/bundle/ for a fast cold start: one file to load for
// `--version` and `validate`, and separate chunks (loaded on demand) for the
// AWS SDK, git and the emulator. `bin` in package.json points here.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { nodeModuleBundle } from './esbuild-options.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: { 'license-gitops': 'src/cli.ts' },
  outdir: 'lib/bundle',
  chunkNames: 'chunks/[name]-[hash]',
  ...nodeModuleBundle,
  splitting: true,
  // string-width 7 (via yargs and cliui) compiles Unicode property-of-strings regexes and an
  // Intl.Segmenter when it loads: a third of the cold start. Version 4 measures the same
  // terminal widths for help text without that start-up cost.
  alias: { 'string-width': 'string-width-4' },
  define: { __LICENSE_GITOPS_VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'none',
});
