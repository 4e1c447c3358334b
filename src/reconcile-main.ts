/**
 * `plan` and `apply` as the quick path of main.ts runs them: the same commands
 * yargs runs (flags settled over the configuration file, then the command),
 * without loading yargs.
 */
import { processIo } from './commands/context.js';
import { runCommand } from './commands/exit.js';
import { withSettings } from './commands/settings.js';
import type { QuickReconcileArgs } from './quick-args.js';

export function runReconcile(command: 'plan' | 'apply', args: QuickReconcileArgs): Promise<void> {
  const loaded =
    command === 'plan'
      ? import('./commands/plan.js').then((m) => m.planCommand)
      : import('./commands/apply.js').then((m) => m.applyCommand);
  return runCommand(loaded.then((run) => withSettings(args, processIo, run)));
}
