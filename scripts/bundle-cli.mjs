#!/usr/bin/env node
// Bundles the CLI into lib/bundle/, its dependencies inside, so an installed CLI needs
// no node_modules. `bin` in package.json points at license-gitops.js, the ES module
// built from src/main.ts; each command's code (the AWS SDK, git, the emulator) is in
// chunks beside it, loaded when a command needs it.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { nodeModuleBundle } from './esbuild-options.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Chunk names carry a content hash: without this, every build would leave the last one's beside it.
rmSync(new URL('../lib/bundle', import.meta.url), { recursive: true, force: true });

await build({
  ...nodeModuleBundle,
  entryPoints: { 'license-gitops': 'src/main.ts' },
  outdir: 'lib/bundle',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  define: { __LICENSE_GITOPS_VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'none',
});
