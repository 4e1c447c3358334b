/**
 * License Manager throttles with `RateLimitExceededException` and HTTP 400.
 * The SDK's retry classifier only knows the usual throttling names
 * (ThrottlingException, TooManyRequestsException, …) and status 429, so on its
 * own it treats this error as a client error and never retries it.
 *
 * This middleware sits inside the retry middleware and marks the error with the
 * SDK's own `$retryable: { throttling: true }` trait, so standard and adaptive
 * retry back off and retry it like any other throttling error.
 */
import type { FinalizeRequestMiddleware, Pluggable } from '@smithy/types';

export const THROTTLING_ERROR_NAMES: ReadonlySet<string> = new Set(['RateLimitExceededException']);

function markThrottling<I extends object, O extends object>(): FinalizeRequestMiddleware<I, O> {
  return (next) => async (args) => {
    try {
      return await next(args);
    } catch (error) {
      if (isNamedError(error) && THROTTLING_ERROR_NAMES.has(error.name)) {
        (error as { $retryable?: { throttling: boolean } }).$retryable = { throttling: true };
      }
      throw error;
    }
  };
}

function isNamedError(value: unknown): value is { name: string } {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';
}

/** Add to a client with `client.middlewareStack.use(throttlingAsRetryable())`. */
export function throttlingAsRetryable<I extends object, O extends object>(): Pluggable<I, O> {
  return {
    applyToStack(stack) {
      stack.add(markThrottling<I, O>(), {
        step: 'finalizeRequest',
        priority: 'low',
        name: 'licenseGitopsThrottlingClassifier',
      });
    },
  };
}
