#!/usr/bin/env node
// Bundles the CLI into lib/bundle/ for a fast cold start. `bin` in package.json
// points at license-gitops.cjs: one CommonJS file (CommonJS loads faster than an ES
// module) built from src/main.ts, which runs plain `validate` itself, requires
// reconcile-main.cjs (one CommonJS file with what plain `plan` and `apply` need) for
// those, and imports license-gitops.js for any other command line: the ES module
// build of src/cli.ts (yargs), whose chunks (the AWS SDK, git, the emulator) load
// only when a command needs them. src/quick-args.ts says which lines are plain.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { nodeModuleBundle } from './esbuild-options.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const define = { __LICENSE_GITOPS_VERSION__: JSON.stringify(pkg.version) };

// Chunk names carry a content hash: without this, every build would leave the last one's beside it.
rmSync(new URL('../lib/bundle', import.meta.url), { recursive: true, force: true });

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
  define,
  legalComments: 'none',
});

const { banner: _esmBanner, ...commonJs } = nodeModuleBundle;
const commonJsBuild = {
  outdir: 'lib/bundle',
  outExtension: { '.js': '.cjs' },
  ...commonJs,
  format: 'cjs',
  // import.meta.url (where the schema file is) as CommonJS knows it.
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { ...define, 'import.meta.url': '__importMetaUrl' },
  legalComments: 'none',
};

// Plain plan and apply: one CommonJS file too. Node's ES module loader costs a plan about
// 15 ms of CPU more for the same code in some thirty chunks (resolving, linking and
// evaluating each), and these are the commands CI runs on every pull request and push.
await build({ ...commonJsBuild, entryPoints: { 'reconcile-main': 'src/reconcile-main.ts' } });

await build({
  ...commonJsBuild,
  entryPoints: { 'license-gitops': 'src/main.ts' },
  plugins: [
    {
      // validate runs inside this file. Plain plan and apply are required from reconcile-main.cjs
      // (a plain require: import() would send it through the ES module loader); any other command
      // line goes to the ES module build of cli.ts (yargs).
      name: 'other-commands-load-their-own-bundle',
      setup(b) {
        b.onResolve({ filter: /^\.\/cli\.js$/ }, () => ({ path: './license-gitops.js', external: true }));
        b.onResolve({ filter: /^\.\/reconcile-main\.js$/ }, () => ({
          path: 'reconcile-main',
          namespace: 'cjs-bundle',
        }));
        b.onResolve({ filter: /^\.\/reconcile-main\.cjs$/ }, () => ({ path: './reconcile-main.cjs', external: true }));
        b.onLoad({ filter: /.*/, namespace: 'cjs-bundle' }, () => ({
          contents: "module.exports = require('./reconcile-main.cjs');",
          loader: 'js',
        }));
      },
    },
  ],
});
