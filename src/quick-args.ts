/**
 * The command lines CI runs on every push and pull request, read without the
 * full parser (loading and building yargs is most of a small run's start-up):
 * `validate`, `plan` and `apply` with a few flags in their plainest forms.
 * Anything else (other commands, `--help`, `--ref`, `--no-json`, a numeric
 * flag, a positional, a value that could be an option, a repeated option, a
 * command's flag before the command word) is left to yargs, so every command
 * line means exactly what yargs makes of it. The arguments are the ones yargs
 * hands the same command (defaults included, unset options absent);
 * test/cli/quick-start.test.ts holds the two together.
 */

/** The flags of the quick path: the same names, types and defaults as cli.ts gives them. */
const COMMANDS = {
  validate: { booleans: { json: false, verbose: false }, strings: ['dir', 'config'] },
  plan: {
    booleans: { json: false, verbose: false, 'detailed-exitcode': false, 'force-delete-granted': false },
    strings: ['dir', 'config', 'out'],
  },
  apply: {
    booleans: { json: false, verbose: false, 'allow-dirty': false, 'force-delete-granted': false },
    strings: ['dir', 'config'],
  },
} as const satisfies Record<string, { booleans: Record<string, boolean>; strings: readonly string[] }>;

/** The flags cli.ts defines for every command: the only ones yargs reads before the command word. */
const GLOBAL_FLAGS: readonly string[] = ['dir', 'config', 'json', 'verbose'];

/** What cli.ts gives plan and apply beyond their flags: `--max-attempts`' default. */
const CLIENT_DEFAULTS = { maxAttempts: 5 };

export type QuickCommand = keyof typeof COMMANDS;

/** What yargs hands the validate command for the same command line (unset options absent). */
export interface QuickValidateArgs {
  dir?: string;
  config?: string;
  json: boolean;
  verbose: boolean;
}

/** The same for plan and apply: their booleans, strings, and the client defaults. */
export interface QuickReconcileArgs extends QuickValidateArgs {
  maxAttempts: number;
  forceDeleteGranted: boolean;
  detailedExitcode?: boolean;
  allowDirty?: boolean;
  out?: string;
}

export type QuickArgs =
  { command: 'validate'; args: QuickValidateArgs } | { command: 'plan' | 'apply'; args: QuickReconcileArgs };

/** The command and its arguments, or undefined when yargs must read the command line. */
export function quickArgs(argv: readonly string[]): QuickArgs | undefined {
  const command = argv.find((token) => !token.startsWith('-') && Object.hasOwn(COMMANDS, token)) as
    QuickCommand | undefined;
  if (command === undefined) return undefined;
  const { booleans, strings } = COMMANDS[command] as {
    booleans: Record<string, boolean>;
    strings: readonly string[];
  };
  const given: Record<string, string | boolean> = {};
  let commandSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token === command && !commandSeen) {
      commandSeen = true;
      continue;
    }
    const [flag, inline] = token.startsWith('--') && token.includes('=') ? token.split(/=(.*)/s) : [token, undefined];
    if (!flag?.startsWith('--')) return undefined;
    const name = flag.slice(2);
    // Before the command word yargs knows only the global flags (it would read `--allow-dirty apply` as a value).
    if (Object.hasOwn(given, name) || (!commandSeen && !GLOBAL_FLAGS.includes(name))) return undefined;
    if (Object.hasOwn(booleans, name) && inline === undefined) {
      given[name] = true;
    } else if (strings.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '' || value.startsWith('-') || /^(true|false)$/.test(value))
        return undefined;
      given[name] = value;
    } else {
      return undefined;
    }
  }
  if (!commandSeen) return undefined;
  const args: Record<string, unknown> = command === 'validate' ? {} : { ...CLIENT_DEFAULTS };
  for (const [name, value] of Object.entries({ ...booleans, ...given })) args[camelCase(name)] = value;
  return { command, args } as unknown as QuickArgs;
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
