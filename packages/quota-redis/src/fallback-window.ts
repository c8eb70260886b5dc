// What a process does on its own while Redis is unreachable: a conservative in-process sliding window, so an outage
// neither stalls the callers nor exceeds the quota. Two rules keep the sum of all processes under the limit:
//   - the first local grant waits one span after the outage was noticed, so every grant Redis made before it went
//     away has left the window (Redis cannot have granted anything after the moment we found it gone);
//   - each process then sends at most `share` calls per span per key, so N processes send N x share: with the
//     default share of 1, up to 5 processes of one account stay within the documented 5/s.
// The grants are remembered (local monotonic clock) so they can be reported to Redis when it is back.

/** The local windows of one limiter. */
export interface FallbackWindow {
  /** 0 if a call under `key` may go now (and records it), else the ms to wait before asking again. */
  tryGrant(key: string, outageNoticedAt: number, now: number): number;
  /**
   * Ages (ms before `now`) of the grants under `key` within the last span. They are kept: if the report to Redis
   * fails, the local window still counts them; reported twice, they only make Redis more careful.
   */
  recentGrantAges(key: string, now: number): number[];
}

/** Creates the local windows: `share` grants per `spanMs` per key. */
export function createFallbackWindow(share: number, spanMs: number): FallbackWindow {
  const grants = new Map<string, number[]>();
  const recent = (key: string, now: number): number[] => {
    const kept = (grants.get(key) ?? []).filter((time) => time > now - spanMs);
    if (kept.length === 0) grants.delete(key);
    else grants.set(key, kept);
    return kept;
  };
  return {
    tryGrant(key, outageNoticedAt, now) {
      const start = outageNoticedAt + spanMs;
      if (now < start) return Math.ceil(start - now);
      const inWindow = recent(key, now);
      if (inWindow.length < share) {
        grants.set(key, [...inWindow, now]);
        return 0;
      }
      const blocking = inWindow[inWindow.length - share] ?? now;
      return Math.max(1, Math.ceil(blocking + spanMs - now));
    },
    recentGrantAges(key, now) {
      return recent(key, now).map((time) => now - time);
    },
  };
}
