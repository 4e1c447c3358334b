/**
 * The arguments of the command that must start fast, read without the full
 * parser: `validate` with `--dir`, `--config`, `--json`, `--verbose` in the
 * plainest forms. Anything else (other commands, `--help`, `--ref`,
 * `--no-json`, a value that could be an option, a repeated option) is left to
 * yargs, so every command line means exactly what yargs makes of it.
 */

/** What yargs hands the validate command for the same command line (unset options absent). */
export interface QuickValidateArgs {
  dir?: string;
  config?: string;
  json: boolean;
  verbose: boolean;
}

/** The `validate` arguments, or undefined when yargs must read the command line. */
export function quickValidateArgs(argv: readonly string[]): QuickValidateArgs | undefined {
  const args: QuickValidateArgs = { json: false, verbose: false };
  const seen = new Set<string>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    const [flag, inline] = token.startsWith('--') && token.includes('=') ? token.split(/=(.*)/s) : [token, undefined];
    const name = flag?.slice(2);
    if (name === undefined || seen.has(name)) return undefined;
    if ((name === 'json' || name === 'verbose') && inline === undefined) {
      seen.add(name);
      args[name] = true;
    } else if (name === 'dir' || name === 'config') {
      seen.add(name);
      const value = inline ?? argv[++i];
      if (value === undefined || value === '' || value.startsWith('-') || /^(true|false)$/.test(value))
        return undefined;
      args[name] = value;
    } else if (token === 'validate' && command === undefined) {
      command = token;
    } else {
      return undefined;
    }
  }
  return command === 'validate' ? args : undefined;
}
