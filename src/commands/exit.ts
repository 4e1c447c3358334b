/** How a command's result becomes the process's exit: its code, or one line for an unexpected failure. */
import { escapeText } from '../render/escape.js';

/** Sets the exit code; an unexpected failure is a bug, reported in one line (stack only with --verbose). */
export function runCommand(command: Promise<number>): Promise<void> {
  return command.then(
    (code) => void (process.exitCode = code),
    (error: unknown) => {
      const verbose = process.argv.includes('--verbose');
      const message = (error as { message?: unknown } | null)?.message;
      const raw = error instanceof Error && verbose ? (error.stack ?? error.message) : String(message ?? error);
      const detail = raw.split('\n').map(escapeText).join('\n');
      process.stderr.write(
        `license-gitops: internal error: ${detail}\nPlease report this; --verbose shows where it happened.\n`,
      );
      process.exitCode = 1;
    },
  );
}
