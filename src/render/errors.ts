/** How problems that stopped a run before any call are shown, in the CLI and the Action's log. */
import { formatError, type LicenseError } from '../reconcile/errors.js';
import { escapeText } from './escape.js';
import { plain, type Paint } from './style.js';
import { count } from './summary.js';

/** Problems that stopped a run before any call: exactly `path:line:col: message` per line, then a count. */
export function renderErrors(errors: readonly LicenseError[], paint: Paint = plain): string {
  const lines = errors.map((error) => `${paint('red', escapeText(formatError(error)))}\n`).join('');
  return `${lines}${problemsFound(errors.length)}.\n`;
}

/** The one sentence (text, Markdown, the Action's failure) for problems that stopped a run before any call. */
export function problemsFound(n: number): string {
  return `${count(n, 'problem')} found; nothing was sent to License Manager`;
}
