/**
 * The arguments of the commands that must start fast, read without the full
 * parser: `validate` with `--dir`, `--json`, `--verbose` in the plainest forms.
 * Anything else (other commands, `--help`, `--ref`, `--no-json`, a value that
 * could be an option, a repeated option) is left to yargs, so the behaviour of
 * every command line stays exactly what yargs makes of it.
 */
import type { CommonArgs } from './commands/context.js';

/** The `validate` arguments, or undefined when yargs must read the command line. */
export function quickValidateArgs(argv: readonly string[]): CommonArgs | undefined {
  const args: CommonArgs = { dir: 'licenses', json: false, verbose: false };
  const seen = new Set<string>();
  let command: string | undefined;
  const once = (name: string) => !seen.has(name) && Boolean(seen.add(name));
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token === '--json' && once('json')) args.json = true;
    else if (token === '--verbose' && once('verbose')) args.verbose = true;
    else if (token.startsWith('--dir=') && once('dir')) args.dir = token.slice('--dir='.length);
    else if (token === '--dir' && once('dir')) args.dir = argv[++i] ?? '';
    else if (token === 'validate' && command === undefined) command = token;
    else return undefined;
    if (args.dir === '' || args.dir.startsWith('-') || /^(true|false)$/.test(args.dir)) return undefined;
  }
  return command === 'validate' ? args : undefined;
}
