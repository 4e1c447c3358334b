/**
 * `validate` on its own: the quick path of main.ts. Bundled alone (see
 * scripts/bundle-cli.mjs), so a `validate` run loads only what validating needs.
 */
import type { CommonArgs } from './commands/context.js';
import { processIo } from './commands/context.js';
import { runCommand } from './commands/exit.js';
import { validateDir } from './commands/validate.js';

export function runValidate(args: CommonArgs): Promise<void> {
  return runCommand(validateDir(args, processIo));
}
