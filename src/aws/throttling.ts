/**
 * Rate control for License Manager calls, as one middleware inside the SDK's
 * retry loop, so it sees every attempt:
 *
 * - each attempt waits for the region's AdaptiveRateLimiter (`--max-rps`);
 * - License Manager throttles with `RateLimitExceededException`: HTTP 429 as the
 *   JS SDK's model declares it, HTTP 400 as the API reference pages say. The SDK's
 *   retry classifier knows status 429 and the usual throttling names
 *   (ThrottlingException, TooManyRequestsException, …), not this name, so at 400
 *   it would treat the error as a client error and never retry it. The middleware
 *   marks it by name, whatever the status, with the SDK's own
 *   `$retryable: { throttling: true }` trait, so the retry strategy backs off and
 *   retries it either way, and slows the limiter.
 */
import type { FinalizeRequestMiddleware, Pluggable } from '@smithy/types';
import type { AdaptiveRateLimiter } from './rate-limiter.js';

export const THROTTLING_ERROR_NAMES: ReadonlySet<string> = new Set(['RateLimitExceededException']);

function rateControl<I extends object, O extends object>(
  limiter: AdaptiveRateLimiter,
): FinalizeRequestMiddleware<I, O> {
  return (next) => async (args) => {
    await limiter.acquire();
    try {
      const result = await next(args);
      limiter.onSuccess();
      return result;
    } catch (error) {
      if (isThrottling(error)) {
        (error as { $retryable?: { throttling: boolean } }).$retryable = { throttling: true };
        limiter.onThrottle();
      }
      throw error;
    }
  };
}

function isThrottling(value: unknown): boolean {
  const name = typeof value === 'object' && value !== null ? (value as { name?: unknown }).name : undefined;
  return typeof name === 'string' && THROTTLING_ERROR_NAMES.has(name);
}

/** Add to a client with `client.middlewareStack.use(rateControlled(limiter))`. */
export function rateControlled<I extends object, O extends object>(limiter: AdaptiveRateLimiter): Pluggable<I, O> {
  return {
    applyToStack(stack) {
      stack.add(rateControl<I, O>(limiter), {
        step: 'finalizeRequest',
        priority: 'low',
        name: 'licenseGitopsRateControl',
      });
    },
  };
}
