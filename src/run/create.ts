/**
 * Creating exactly once (a license, a grant), whatever the service does with a
 * repeated ClientToken: each attempt is a single call, and after any failure
 * that may have been committed (a lost reply, a time-out, a 5xx) the subject is
 * looked for (by its token tag, by its name) before another attempt is made.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { LicenseError } from '../reconcile/errors.js';

/** Errors that say the request was refused as such: retrying can't help and nothing was created. */
export const REFUSED: ReadonlySet<string> = new Set([
  'ValidationException',
  'InvalidParameterValueException',
  'AccessDeniedException',
  'AuthorizationException',
  'ResourceLimitExceededException',
  'RedirectException',
  'ConflictException',
  'CredentialsProviderError',
]);

/** Create calls, each followed by a search when it failed. */
const ATTEMPTS = 4;

/**
 * `send` makes one create call; after it failed, `look` searches for what it may
 * have made anyway, and says whether another attempt may follow.
 */
export async function createOnce<R extends { ok: true } | { ok: false; error: LicenseError }>(
  send: () => Promise<R>,
  look: (
    failed: Extract<R, { ok: false }>,
  ) => Promise<{ found?: Extract<R, { ok: true }> | undefined; again: boolean }>,
  signal: AbortSignal | undefined,
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) await sleep(backoff(attempt));
    const sent = await send();
    if (sent.ok) return sent;
    const { found, again } = await look(sent as Extract<R, { ok: false }>);
    if (found) return found;
    if (!again || signal?.aborted || attempt === ATTEMPTS) return sent;
  }
}

/** Exponential, from 200 ms, with jitter. */
function backoff(attempt: number): number {
  const ceiling = 200 * 2 ** (attempt - 2);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
