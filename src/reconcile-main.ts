/**
 * `plan` and `apply` as the quick path of main.ts runs them: the same commands
 * yargs runs (flags settled over the configuration file, then the command),
 * without loading yargs.
 */
import { applyCommand } from './commands/apply.js';
import { processIo } from './commands/context.js';
import { runCommand } from './commands/exit.js';
import { planCommand } from './commands/plan.js';
import { withSettings } from './commands/settings.js';
import type { QuickReconcileArgs } from './quick-args.js';

export function runReconcile(command: 'plan' | 'apply', args: QuickReconcileArgs): Promise<void> {
  if (command === 'plan') return runCommand(withSettings(args, processIo, planCommand));
  // Apply obeys the configuration of the commit it applies, unless --allow-dirty.
  return runCommand(withSettings(args, processIo, applyCommand, args.allowDirty ? 'working-tree' : 'committed'));
}
