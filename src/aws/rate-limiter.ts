/**
 * Paces calls to one region: at most `maxRps` a second (if set), and adaptive —
 * each throttling answer halves the pace, each success wins a little of it back
 * (additive increase, multiplicative decrease, as TCP does). Throttling thus
 * slows a run down instead of failing it.
 *
 * Hand-written on purpose: the maintained rate-limit packages pace at a fixed
 * rate and don't adapt, and this is small enough to read in one go.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Never slower than this many calls a second, however often throttled. */
export const MIN_RPS = 0.5;
/** Share of the pace a success wins back, per success. */
const RECOVERY = 0.05;

export class AdaptiveRateLimiter {
  /** Calls a second currently allowed; Infinity until the first throttle when no maximum is set. */
  private rate: number;
  private nextSlot = 0;
  private readonly recent: number[] = [];

  constructor(
    private readonly maxRps: number | undefined,
    private readonly clock: Clock = realClock,
  ) {
    this.rate = maxRps ?? Infinity;
  }

  get currentRate(): number {
    return this.rate;
  }

  /** Resolves when the next call may be sent. */
  async acquire(): Promise<void> {
    const now = this.clock.now();
    this.remember(now);
    if (!Number.isFinite(this.rate)) return;
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.rate;
    if (slot > now) await this.clock.sleep(slot - now);
  }

  /** A throttling answer: halve the pace (from the pace actually achieved, when unlimited). */
  onThrottle(): void {
    const base = Number.isFinite(this.rate) ? this.rate : Math.max(this.recent.length, 1);
    this.rate = Math.max(MIN_RPS, base / 2);
  }

  /** A success: win back a little of the pace, up to the maximum. */
  onSuccess(): void {
    if (!Number.isFinite(this.rate)) return;
    const ceiling = this.maxRps ?? Infinity;
    const next = this.rate * (1 + RECOVERY) + RECOVERY;
    this.rate = next >= ceiling ? ceiling : next;
  }

  /** Keeps the send times of the last second, to know the pace achieved. */
  private remember(now: number): void {
    this.recent.push(now);
    while (this.recent.length > 0 && this.recent[0]! < now - 1000) this.recent.shift();
  }
}
