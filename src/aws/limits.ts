/** Bounds on calls to License Manager, shared by the CLI's option checks and the AWS adapter. */

/** License Manager replies are a few KB; a page of 100 licenses a few hundred. Larger replies are abandoned. */
export const MAX_REPLY_BYTES = 4 * 1024 * 1024;

/** The longest delay Node.js timers accept (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;
