// The documented quota (N calls per second per account per operation) as a sliding window over ARRIVAL times of
// accepted calls: a call is accepted only if, with it, no one-second interval holds more than N accepted calls.
// Rejected calls consume nothing. Checking every interval (not only the one ending now) keeps the guarantee even
// when requests are checked slightly out of arrival order.

/** A per-key sliding-window limiter. */
export interface RateLimiter {
  /**
   * Accepts (and records) a call that arrived at `arrivedAt` ms, or returns false; `limit` overrides the default
   * for this key (per-operation quotas).
   */
  tryAcquire(key: string, arrivedAt: number, limit?: number): boolean;
}

/** Creates a limiter allowing `defaultLimit` accepted calls in any window of `windowMs`. */
export function createRateLimiter(defaultLimit: number, windowMs = 1000): RateLimiter {
  const accepted = new Map<string, number[]>();
  return {
    tryAcquire(key, arrivedAt, limit = defaultLimit) {
      if (limit <= 0) return false;
      const all = (accepted.get(key) ?? []).filter((t) => t > arrivedAt - 2 * windowMs);
      // Only calls within one window of this one can share an interval with it.
      const near = all.filter((t) => t > arrivedAt - windowMs && t < arrivedAt + windowMs);
      near.push(arrivedAt);
      near.sort((a, b) => a - b);
      let start = 0;
      for (let end = 0; end < near.length; end++) {
        const last = near[end] as number;
        while (last - (near[start] as number) >= windowMs) start++;
        if (end - start + 1 > limit) {
          accepted.set(key, all);
          return false;
        }
      }
      all.push(arrivedAt);
      accepted.set(key, all);
      return true;
    },
  };
}
