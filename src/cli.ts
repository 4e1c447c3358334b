/** The command line: argument parsing only (the entry is main.ts); each command lives in src/commands/. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { processIo, type Io } from './commands/context.js';
import type { ConfigUse, RawSettings, Settings } from './commands/settings.js';
import { runCommand } from './commands/exit.js';
import { escapeText } from './render/escape.js';
import { clientOptions, expiryOptions, reconcileOptions, refOption } from './cli-options.js';
import { VERSION } from './version.js';

const run = runCommand;

/** Runs a command with its flags settled over the configuration file (loaded with the command). */
function settled<T extends RawSettings>(
  args: T,
  command: Promise<(args: never, io: Io) => Promise<number>>,
  use: ConfigUse = 'file',
): Promise<number> {
  return Promise.all([import('./commands/settings.js'), command]).then(([{ withSettings }, run]) =>
    withSettings(args, processIo, run as (args: Omit<T, keyof Settings> & Settings, io: Io) => Promise<number>, use),
  );
}

await yargs(hideBin(process.argv))
  .scriptName('license-gitops')
  .usage('$0 <command> [options]\n\nAWS License Manager licenses as JSON manifests in git: validate, plan, apply.')
  .option('dir', {
    requiresArg: true,
    type: 'string',
    describe: "Directory of license manifests (subfolders allowed; default: licenses, or the config file's directory)",
  })
  .option('config', {
    requiresArg: true,
    type: 'string',
    describe: 'Configuration file (default: license-gitops.json here or in a folder above, up to the git top level)',
  })
  .option('json', { type: 'boolean', default: false, describe: 'Print machine-readable JSON on stdout' })
  .option('verbose', { type: 'boolean', default: false, describe: 'More detail on stderr (never credentials)' })
  .command(
    'validate',
    'Check manifests against the schema and rules; no network',
    (y) => expiryOptions(refOption(y)),
    (args) =>
      run(
        settled(
          args,
          import('./commands/validate.js').then((m) => m.validateCommand),
        ),
      ),
  )
  .command(
    'plan',
    'Show what apply would change; never writes',
    (y) =>
      expiryOptions(reconcileOptions(y))
        .option('detailed-exitcode', {
          type: 'boolean',
          default: false,
          describe: 'Exit 0 no changes, 2 changes, 1 error',
        })
        .option('out', { requiresArg: true, type: 'string', describe: 'Save the plan to FILE, for `apply FILE`' })
        .option('base', {
          requiresArg: true,
          type: 'string',
          describe:
            "Say of each license whether its manifest changed since this ref (a pull request's base) or live drifted; plans everything",
        }),
    (args) =>
      run(
        settled(
          args,
          import('./commands/plan.js').then((m) => m.planCommand),
          'working-tree',
        ),
      ),
  )
  .command(
    'apply [planFile]',
    'Create one pinned version per drifted license, or apply exactly a saved plan',
    (y) =>
      reconcileOptions(y)
        .positional('planFile', { type: 'string', describe: 'A plan saved by `plan --out`' })
        .option('allow-dirty', {
          type: 'boolean',
          default: false,
          describe: 'Apply the working tree despite uncommitted changes',
        })
        .option('max-changes', {
          requiresArg: true,
          type: 'number',
          describe: 'Change nothing when more than N changes (licenses, grants, tag sets) would be made',
        }),
    (args) =>
      run(
        settled(
          args,
          import('./commands/apply.js').then((m) => m.applyCommand),
          args.allowDirty ? 'working-tree' : 'committed',
        ),
      ),
  )
  .command(
    'show <planFile>',
    'Print a saved plan as plan does; no network (apply checks it before sending)',
    (y) => y.positional('planFile', { type: 'string', demandOption: true, describe: 'A plan saved by `plan --out`' }),
    (args) => run(import('./commands/show.js').then((m) => m.showCommand(args as never, processIo))),
  )
  .command(
    'show-rendered <file>',
    'Print the license a manifest declares, its $template merged under it; no network',
    (y) => refOption(y).positional('file', { type: 'string', demandOption: true, describe: 'A manifest under --dir' }),
    (args) =>
      run(
        settled(
          args,
          import('./commands/show-rendered.js').then((m) => m.showRenderedCommand),
        ),
      ),
  )
  .command(
    'import [arns..]',
    'Write a manifest for each live license (--all, or the ARNs given)',
    (y) =>
      clientOptions(y)
        .positional('arns', { type: 'string', array: true, describe: 'License ARNs to import' })
        .option('all', { type: 'boolean', default: false, describe: 'Every license ListLicenses shows (all pages)' })
        .option('force', { type: 'boolean', default: false, describe: 'Rewrite manifests that already exist' })
        .option('template', {
          requiresArg: true,
          type: 'string',
          describe: 'A product template: manifests name it ($template) and leave out what equals it',
        })
        .option('region', {
          requiresArg: true,
          type: 'string',
          describe: 'Region to list and read in (else AWS_REGION / the profile)',
        }),
    (args) =>
      run(
        settled(
          args,
          import('./commands/import.js').then((m) => m.importCommand),
        ),
      ),
  )
  .command(
    'orphans',
    'List live licenses no manifest claims (read-only), with the import command for each',
    (y) =>
      clientOptions(y)
        .option('region', {
          requiresArg: true,
          type: 'string',
          array: true,
          describe: 'Region to list (repeatable; default: every region a manifest names, and the default region)',
        })
        .option('detailed-exitcode', {
          type: 'boolean',
          default: false,
          describe: 'Exit 0 no orphans, 2 orphans found, 1 error',
        }),
    (args) =>
      run(
        settled(
          args,
          import('./commands/orphans.js').then((m) => m.orphansCommand),
        ),
      ),
  )
  .command(
    'history <target>',
    "List a license's versions, newest first, each with the commit that declared it (or: not from this repository)",
    (y) =>
      clientOptions(y)
        .positional('target', { type: 'string', demandOption: true, describe: 'A manifest file, or a LicenseArn' })
        .option('limit', {
          requiresArg: true,
          type: 'number',
          default: 50,
          describe: 'Versions shown and commits of the manifest read, at most',
        })
        .check((argv) => {
          if (!(Number.isInteger(argv.limit) && argv.limit >= 1)) throw new Error('--limit must be a whole number ≥ 1');
          return true;
        }),
    (args) =>
      run(
        settled(
          args,
          import('./commands/history.js').then((m) => m.historyCommand),
        ),
      ),
  )
  .command(
    'emulator',
    'Run a local License Manager (AWS JSON 1.1 over HTTP) for demos and tests',
    (y) =>
      y
        .option('port', {
          requiresArg: true,
          type: 'number',
          default: 4599,
          describe: 'Port on 127.0.0.1 (0 picks a free one)',
        })
        .option('seed', {
          requiresArg: true,
          type: 'string',
          describe: 'JSON file of live licenses (and faults) to start with',
        })
        .option('latency', {
          requiresArg: true,
          type: 'number',
          default: 0,
          describe: 'Milliseconds added to every answer',
        })
        .option('dialect', {
          requiresArg: true,
          type: 'string',
          describe:
            'How open behaviours are answered, e.g. stalePin=validation,unknownArn=validation,statusCodes=sdk-model,clientToken=ignore',
        }),
    (args) =>
      run(
        import('./commands/emulator.js').then((m) =>
          m.runEmulator({
            port: args.port,
            latencyMs: args.latency,
            ...(args.seed ? { seed: args.seed } : {}),
            ...(args.dialect !== undefined ? { dialect: args.dialect } : {}),
          }),
        ),
      ),
  )
  .demandCommand(1, 'Name a command: validate, plan, apply, show, import, orphans, history or emulator.')
  .strict()
  .version(VERSION)
  .help()
  .alias('help', 'h')
  .wrap(Math.min(110, process.stdout.columns ?? 80))
  .fail((message, error) => {
    if (error && !message) throw error;
    process.stderr.write(`error: ${escapeText(message ?? error.message)}\nRun 'license-gitops --help' for usage.\n`);
    process.exit(1);
  })
  .parseAsync();
