/**
 * `validate` on its own: the quick path of main.ts, the same command yargs runs
 * (flags settled over the configuration file, then validateCommand, which without
 * `--ref`, never given here, is validateDir). Bundled
 * alone (see scripts/bundle-cli.mjs), so a `validate` run loads only what validating needs.
 */
import { processIo } from './commands/context.js';
import { runCommand } from './commands/exit.js';
import { withSettings } from './commands/settings.js';
import { validateDir } from './commands/validate.js';
import type { QuickValidateArgs } from './quick-args.js';

export function runValidate(args: QuickValidateArgs): Promise<void> {
  return runCommand(withSettings(args, processIo, validateDir));
}
