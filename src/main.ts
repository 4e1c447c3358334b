#!/usr/bin/env node
/**
 * The CLI's entry. The command lines CI runs on every push (`validate`, `plan`,
 * `apply` with plain flags) start without loading the argument parser (see
 * quick-args.ts); every other command line goes to yargs in cli.ts. The bundle
 * script builds this file as the CommonJS `bin`, with `validate` inside it,
 * `plan` and `apply` in reconcile-main.cjs beside it and cli.ts as an ES module
 * (scripts/bundle-cli.mjs).
 */
import { quickArgs } from './quick-args.js';

const quick = quickArgs(process.argv.slice(2));
if (quick?.command === 'validate') void import('./validate-main.js').then((m) => m.runValidate(quick.args));
else if (quick) void import('./reconcile-main.js').then((m) => m.runReconcile(quick.command, quick.args));
else void import('./cli.js');
