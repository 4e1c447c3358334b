#!/usr/bin/env node
// Bundles the CLI into lib/bundle/ for a fast cold start. `bin` in package.json
// points at license-gitops.cjs: one CommonJS file that runs `validate` itself
// (the command CI runs on every push; CommonJS loads faster than an ES module)
// and hands every other command line to license-gitops.js, an ES module whose
// chunks (the AWS SDK, git, the emulator, yargs) load only when a command needs them.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { nodeModuleBundle } from './esbuild-options.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const define = { __LICENSE_GITOPS_VERSION__: JSON.stringify(pkg.version) };

await build({
  entryPoints: { 'license-gitops': 'src/main.ts' },
  outdir: 'lib/bundle',
  chunkNames: 'chunks/[name]-[hash]',
  ...nodeModuleBundle,
  splitting: true,
  // string-width 7 (via yargs and cliui) compiles Unicode property-of-strings regexes and an
  // Intl.Segmenter when it loads: a third of the cold start. Version 4 measures the same
  // terminal widths for help text without that start-up cost.
  alias: { 'string-width': 'string-width-4' },
  define,
  legalComments: 'none',
});

const { banner: _esmBanner, ...commonJs } = nodeModuleBundle;
await build({
  entryPoints: { 'license-gitops': 'src/main.ts' },
  outdir: 'lib/bundle',
  outExtension: { '.js': '.cjs' },
  ...commonJs,
  format: 'cjs',
  // import.meta.url (where the schema file is) as CommonJS knows it.
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { ...define, 'import.meta.url': '__importMetaUrl' },
  plugins: [
    {
      name: 'full-cli-stays-an-es-module',
      setup(b) {
        b.onResolve({ filter: /^\.\/cli\.js$/ }, () => ({ path: './license-gitops.js', external: true }));
      },
    },
  ],
  legalComments: 'none',
});
