#!/usr/bin/env node
/** The CLI's entry: every command line is parsed by yargs in cli.ts. */
import './cli.js';
