import { describe, expect, it } from 'vitest';
import { AdaptiveRateLimiter, MIN_RPS, type Clock } from '../../src/aws/rate-limiter.js';

/** A clock that only moves when the limiter sleeps, so pacing is exact and instant. */
function fakeClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('AdaptiveRateLimiter', () => {
  it('sends at most maxRps calls a second', async () => {
    const clock = fakeClock();
    const limiter = new AdaptiveRateLimiter(10, clock);
    for (let i = 0; i < 21; i++) await limiter.acquire();
    expect(clock.now()).toBeCloseTo(2000, 5); // 21 calls at 10/s: the last leaves at 2 s
  });

  it('does not wait at all without a maximum and without throttling', async () => {
    const clock = fakeClock();
    const limiter = new AdaptiveRateLimiter(undefined, clock);
    for (let i = 0; i < 100; i++) await limiter.acquire();
    expect(clock.slept).toEqual([]);
    expect(limiter.currentRate).toBe(Infinity);
  });

  it('halves the pace on throttling, from the pace achieved when unlimited', async () => {
    const clock = fakeClock();
    const limiter = new AdaptiveRateLimiter(undefined, clock);
    for (let i = 0; i < 40; i++) await limiter.acquire();
    limiter.onThrottle();
    expect(limiter.currentRate).toBe(20);
    limiter.onThrottle();
    expect(limiter.currentRate).toBe(10);
  });

  it('never drops below the minimum pace', () => {
    const limiter = new AdaptiveRateLimiter(4, fakeClock());
    for (let i = 0; i < 50; i++) limiter.onThrottle();
    expect(limiter.currentRate).toBe(MIN_RPS);
  });

  it('wins the pace back on success, up to the maximum and no further', () => {
    const limiter = new AdaptiveRateLimiter(8, fakeClock());
    limiter.onThrottle();
    expect(limiter.currentRate).toBe(4);
    limiter.onSuccess();
    expect(limiter.currentRate).toBeGreaterThan(4);
    for (let i = 0; i < 200; i++) limiter.onSuccess();
    expect(limiter.currentRate).toBe(8);
  });
});
