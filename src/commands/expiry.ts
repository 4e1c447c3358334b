/** The expiry flags plan and validate share: how far ahead to look, and whether what ends in it fails the run. */
import type { ExpiryWindow } from '../reconcile/expiry.js';
import { expiryWindow } from '../run/expiry-window.js';
import { reportErrors, type Io } from './context.js';
import type { Settings } from './settings.js';

export interface ExpiryArgs {
  /** --fail-on-expiring: exit 1 when any license ends within the warning. */
  failOnExpiring?: boolean;
}

/** The window from the flags and the environment; undefined (and the error reported) when LICENSE_GITOPS_NOW is bad. */
export function windowFor(args: Pick<Settings, 'expiryWarning'>, io: Io): ExpiryWindow | undefined {
  const window = expiryWindow(args.expiryWarning, io.env);
  if (window.ok) return window.window;
  reportErrors(io, [window.error]);
  return undefined;
}
