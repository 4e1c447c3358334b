#!/usr/bin/env node
/**
 * The CLI's entry. The command lines CI runs on every push (`validate`, `plan`,
 * `apply` with plain flags) start without loading the argument parser (see
 * quick-args.ts); every other command line goes to yargs in cli.ts. The bundle
 * script builds this file twice: as the CommonJS `bin`, which runs `validate`
 * itself (so a validate run loads one file) and hands anything else to the ES
 * module build of this same file, whose chunks hold everything else.
 */
import { quickArgs } from './quick-args.js';

const quick = quickArgs(process.argv.slice(2));
if (quick?.command === 'validate') void import('./validate-main.js').then((m) => m.runValidate(quick.args));
else if (quick) void import('./reconcile-main.js').then((m) => m.runReconcile(quick.command, quick.args));
else void import('./cli.js');
