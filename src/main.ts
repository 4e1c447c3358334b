#!/usr/bin/env node
/**
 * The CLI's entry. `validate`, which CI runs on every push, starts without
 * loading the argument parser (see quick-args.ts); every other command line
 * goes to yargs in cli.ts. The bundle script builds this file twice: as the
 * CommonJS `bin` (the validate path inside it, so a validate run loads one
 * file) and as the ES module whose chunks hold everything else.
 */
import { quickValidateArgs } from './quick-args.js';

const quick = quickValidateArgs(process.argv.slice(2));
if (quick) void import('./validate-main.js').then((m) => m.runValidate(quick));
else void import('./cli.js');
