/**
 * Progress of long runs on stderr. On a terminal, a counter rewritten in place
 * (`reading licenses: 120/1000`), cleared when the run ends; elsewhere (CI logs)
 * one line every few seconds. Runs shorter than the first interval print nothing.
 */
import type { ProgressEvent } from '../run/progress.js';

interface ProgressOptions {
  /** Rewrite in place (a TTY) or print lines (a log). */
  tty: boolean;
  now?: () => number;
}

export interface ProgressReporter {
  update(event: ProgressEvent): void;
  /** Clears the counter on a terminal; nothing on a log. */
  end(): void;
}

/** Milliseconds between lines in a log; on a terminal, the delay before the counter shows. */
const LOG_INTERVAL_MS = 5000;
const TTY_DELAY_MS = 1000;
/** A terminal counter is redrawn at most this often. */
const TTY_REDRAW_MS = 100;

const VERB = { read: 'reading licenses', write: 'writing new versions' } as const;

export function progressReporter(write: (text: string) => void, options: ProgressOptions): ProgressReporter {
  const now = options.now ?? Date.now;
  const start = now();
  const interval = options.tty ? TTY_DELAY_MS : LOG_INTERVAL_MS;
  let last: number | undefined;
  let drawn = false;
  return {
    update({ phase, done, total }) {
      const at = now();
      if (at - start < interval) return;
      if (options.tty) {
        if (last !== undefined && at - last < TTY_REDRAW_MS && done < total) return;
        write(`\r\x1b[K${VERB[phase]}: ${done}/${total}`);
        drawn = true;
      } else {
        if (last !== undefined && at - last < interval) return;
        write(`progress: ${VERB[phase]}, ${done} of ${total} done (${Math.floor((done / total) * 100)}%)\n`);
      }
      last = at;
    },
    end() {
      if (drawn) write('\r\x1b[K');
    },
  };
}
