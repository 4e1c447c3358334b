#!/usr/bin/env node
// Bundles the CLI into lib/bundle/ for a fast cold start. `bin` in package.json
// points at license-gitops.cjs: one CommonJS file that runs `validate` itself
// (the command CI runs on every push; CommonJS loads faster than an ES module)
// and hands every other command line to license-gitops.js, an ES module whose
// chunks (the AWS SDK, git, the emulator, yargs) load only when a command needs them;
// plain `plan` and `apply` start there without yargs (src/quick-args.ts).
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { nodeModuleBundle } from './esbuild-options.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const define = { __LICENSE_GITOPS_VERSION__: JSON.stringify(pkg.version) };

// Chunk names carry a content hash: without this, every build would leave the last one's beside it.
rmSync(new URL('../lib/bundle', import.meta.url), { recursive: true, force: true });

await build({
  // reconcile-main is an entry too: the CommonJS bin loads it for plain `plan` and `apply`.
  entryPoints: { 'license-gitops': 'src/main.ts', 'reconcile-main': 'src/reconcile-main.ts' },
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
      // Everything but validate goes to the ES module build: plain plan and apply to its
      // reconcile-main entry, any other command line to its main.ts (which goes to yargs).
      name: 'full-cli-stays-an-es-module',
      setup(b) {
        b.onResolve({ filter: /^\.\/cli\.js$/ }, () => ({ path: './license-gitops.js', external: true }));
        b.onResolve({ filter: /^\.\/reconcile-main\.js$/ }, () => ({ path: './reconcile-main.js', external: true }));
      },
    },
  ],
  legalComments: 'none',
});
