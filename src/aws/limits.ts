/** The bound on --timeout, shared by the CLI's option checks and the Action's inputs. */

/** The longest delay Node.js timers accept (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;
