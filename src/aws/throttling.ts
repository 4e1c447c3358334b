/**
 * Rate control for License Manager calls, as one middleware inside the SDK's
 * retry loop, so it sees every attempt:
 *
 * - License Manager throttles with `RateLimitExceededException`: HTTP 429 as the
 *   JS SDK's model declares it, HTTP 400 as the API reference pages say. The SDK's
 *   retry classifier knows status 429 and the usual throttling names
 *   (ThrottlingException, TooManyRequestsException, …), not this name, so at 400
 *   it would treat the error as a client error and never retry it. The middleware
 *   marks it by name, whatever the status, with the SDK's own
 *   `$retryable: { throttling: true }` trait, so the SDK's adaptive retry mode
 *   backs off, retries it and lowers its sending rate either way;
 * - with `--max-rps`, each attempt waits for its region's pace: the SDK's
 *   adaptive rate limiter has no ceiling to set.
 */
import type { FinalizeRequestMiddleware } from '@smithy/types';

/** Waits until the next call may be sent. */
export type Pace = () => Promise<void>;

/** At most `rps` calls a second: each call takes the next free slot. */
export function pace(rps: number): Pace {
  let next = 0;
  return () => {
    const now = Date.now();
    const slot = Math.max(now, next);
    next = slot + 1000 / rps;
    return new Promise((resolve) => setTimeout(resolve, slot - now));
  };
}

/** For the client's `finalizeRequest` step. */
export function rateControl<I extends object, O extends object>(paced?: Pace): FinalizeRequestMiddleware<I, O> {
  return (next) => async (args) => {
    await paced?.();
    try {
      return await next(args);
    } catch (error) {
      if ((error as { name?: unknown } | null)?.name === 'RateLimitExceededException')
        (error as { $retryable?: { throttling: boolean } }).$retryable = { throttling: true };
      throw error;
    }
  };
}
