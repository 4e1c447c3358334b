/** The command line: argument parsing only (the entry is main.ts); each command lives in src/commands/. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { processIo, type Io } from './commands/context.js';
import type { ConfigUse, RawSettings, Settings } from './commands/settings.js';
import { escapeText } from './render/escape.js';
import {
  clientOptions,
  expiryOptions,
  flag,
  numberOption,
  reconcileOptions,
  refOption,
  stringOption,
} from './cli-options.js';
import { VERSION } from './version.js';

/**
 * Runs the command `name` of `module` (loaded alongside the settings) with its flags settled
 * over the configuration file.
 */
function settled<M, K extends keyof M>(args: Parsed, module: Promise<M>, name: K, use: ConfigUse = 'file') {
  return Promise.all([import('./commands/settings.js'), module]).then(([{ withSettings }, loaded]) =>
    withSettings(args, processIo, loaded[name] as (args: Settled, io: Io) => Promise<number>, use),
  );
}

/** A parsed command line: the shared options, and each command's own (checked by yargs against its builder). */
type Parsed = RawSettings & Record<string, unknown>;
type Settled = Omit<Parsed, keyof Settings> & Settings;

/** What each command runs, by name, once yargs has parsed and checked the line against its builder. */
const commands: Record<string, (args: Parsed) => Promise<number>> = {
  validate: (args) => settled(args, import('./commands/validate.js'), 'validateCommand'),
  plan: (args) => settled(args, import('./commands/plan.js'), 'planCommand', 'working-tree'),
  apply: (args) =>
    settled(args, import('./commands/apply.js'), 'applyCommand', args.allowDirty ? 'working-tree' : 'committed'),
  show: (args) => import('./commands/show.js').then((m) => m.showCommand(args as never, processIo)),
  'show-rendered': (args) => settled(args, import('./commands/show-rendered.js'), 'showRenderedCommand'),
  import: (args) => settled(args, import('./commands/import.js'), 'importCommand'),
  orphans: (args) => settled(args, import('./commands/orphans.js'), 'orphansCommand'),
  history: (args) => settled(args, import('./commands/history.js'), 'historyCommand'),
  emulator: (args) =>
    import('./commands/emulator.js').then((m) =>
      m.runEmulator({
        port: args.port as number,
        latencyMs: args.latency as number,
        // As given: a repeated flag is an array, which the emulator refuses rather than ignores.
        ...(args.seed ? { seed: args.seed as string } : {}),
        ...(args.dialect !== undefined ? { dialect: args.dialect as string } : {}),
      }),
    ),
};

/** A command line yargs refused (an unknown option, a bad value, no command), reported once parsing has stopped. */
class UsageFailure extends Error {}

/** The refusal on stderr and, with --json, as the JSON errors every command prints (code USAGE) on stdout; exit 1. */
async function usageFailed(message: string): Promise<undefined> {
  process.stderr.write(`error: ${escapeText(message)}\nRun 'license-gitops --help' for usage.\n`);
  const words = hideBin(process.argv);
  const options = words.includes('--') ? words.slice(0, words.indexOf('--')) : words;
  if (options.some((word) => word === '--json' || word === '--json=true')) {
    const [{ writeJson, processIo }, { errorsJson }, { licenseError }] = await Promise.all([
      import('./commands/context.js'),
      import('./render/json.js'),
      import('./reconcile/errors.js'),
    ]);
    writeJson(processIo, errorsJson([licenseError('USAGE', message)]));
  }
  process.exitCode = 1;
  return undefined;
}

/** The command line parsed and checked against each command's builder (an async function, so a refusal is a rejection). */
const parseCommandLine = async () =>
  yargs(hideBin(process.argv))
    .scriptName('license-gitops')
    .usage('$0 <command> [options]\n\nAWS License Manager licenses as JSON manifests in git: validate, plan, apply.')
    .option(
      'dir',
      stringOption(
        "Directory of license manifests (subfolders allowed; default: licenses, or the config file's directory)",
      ),
    )
    .option(
      'config',
      stringOption(
        'Configuration file (default: license-gitops.json here or in a folder above, up to the git top level)',
      ),
    )
    .option('json', flag('Print machine-readable JSON on stdout'))
    .option('verbose', flag('More detail on stderr (never credentials)'))
    .command('validate', 'Check manifests against the schema and rules; no network', (y) => expiryOptions(refOption(y)))
    .command('plan', 'Show what apply would change; never writes', (y) =>
      expiryOptions(reconcileOptions(y))
        .option('detailed-exitcode', flag('Exit 0 no changes, 2 changes, 1 error'))
        .option('out', stringOption('Save the plan to FILE, for `apply FILE`'))
        .option(
          'base',
          stringOption(
            "Say of each license whether its manifest changed since this ref (a pull request's base) or live drifted; plans everything",
          ),
        ),
    )
    .command('apply [planFile]', 'Create one pinned version per drifted license, or apply exactly a saved plan', (y) =>
      reconcileOptions(y)
        .positional('planFile', { type: 'string', describe: 'A plan saved by `plan --out`' })
        .option('allow-dirty', flag('Apply the working tree despite uncommitted changes'))
        .option(
          'max-changes',
          numberOption('Change nothing when more than N changes (licenses, grants, tag sets) would be made'),
        ),
    )
    .command('show <planFile>', 'Print a saved plan as plan does; no network (apply checks it before sending)', (y) =>
      y.positional('planFile', { type: 'string', demandOption: true, describe: 'A plan saved by `plan --out`' }),
    )
    .command(
      'show-rendered <file>',
      'Print the license a manifest declares, its $template merged under it; no network',
      (y) =>
        refOption(y).positional('file', { type: 'string', demandOption: true, describe: 'A manifest under --dir' }),
    )
    .command('import [arns..]', 'Write a manifest for each live license (--all, or the ARNs given)', (y) =>
      clientOptions(y)
        .positional('arns', { type: 'string', array: true, describe: 'License ARNs to import' })
        .option('all', flag('Every license ListLicenses shows (all pages)'))
        .option('force', flag('Rewrite manifests that already exist'))
        .option(
          'template',
          stringOption('A product template: manifests name it ($template) and leave out what equals it'),
        )
        .option('region', stringOption('Region to list and read in (else AWS_REGION / the profile)')),
    )
    .command('orphans', 'List live licenses no manifest claims (read-only), with the import command for each', (y) =>
      clientOptions(y)
        .option('region', {
          ...stringOption(
            'Region to list (repeatable; default: every region a manifest names, and the default region)',
          ),
          array: true,
        })
        .option('detailed-exitcode', flag('Exit 0 no orphans, 2 orphans found, 1 error')),
    )
    .command(
      'history <target>',
      "List a license's versions, newest first, each with the commit that declared it (or: not from this repository)",
      (y) =>
        clientOptions(y)
          .positional('target', { type: 'string', demandOption: true, describe: 'A manifest file, or a LicenseArn' })
          .option('limit', { ...numberOption('Versions shown and commits of the manifest read, at most'), default: 50 })
          .check((argv) => {
            if (!(Number.isInteger(argv.limit) && argv.limit >= 1))
              throw new Error('--limit must be a whole number ≥ 1');
            return true;
          }),
    )
    .command('emulator', 'Run a local License Manager (AWS JSON 1.1 over HTTP) for demos and tests', (y) =>
      y
        .option('port', { ...numberOption('Port on 127.0.0.1 (0 picks a free one)'), default: 4599 })
        .option('seed', stringOption('JSON file of live licenses (and faults) to start with'))
        .option('latency', { ...numberOption('Milliseconds added to every answer'), default: 0 })
        .option(
          'dialect',
          stringOption(
            'How open behaviours are answered, e.g. stalePin=validation,unknownArn=validation,statusCodes=sdk-model,clientToken=ignore',
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
      throw new UsageFailure(message ?? error.message);
    })
    .parseAsync();

const line = await parseCommandLine().catch((error: unknown) =>
  error instanceof UsageFailure ? usageFailed(error.message) : Promise.reject(error),
);

// demandCommand and strict() leave only a command of the table here. The exit code is the command's;
// an unexpected failure is a bug, reported in one line (its stack only with --verbose).
const { _: named = [], ...parsed } = line ?? {};
const name = String(named[0]);
if (line && Object.hasOwn(commands, name))
  await commands[name]!(parsed).then(
    (code) => void (process.exitCode = code),
    (error: unknown) => {
      const message = (error as { message?: unknown } | null)?.message;
      const raw =
        error instanceof Error && process.argv.includes('--verbose')
          ? (error.stack ?? error.message)
          : String(message ?? error);
      const detail = raw.split('\n').map(escapeText).join('\n');
      process.stderr.write(
        `license-gitops: internal error: ${detail}\nPlease report this; --verbose shows where it happened.\n`,
      );
      process.exitCode = 1;
    },
  );
