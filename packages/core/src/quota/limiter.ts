// The quota: at most N requests per account (AccessKey ID) and operation in ANY one-second window, which is how
// ChatApp counts (5/s per account, per operation). A fixed "5 per wall-clock second" bucket would allow 10 in a
// second that straddles two buckets, so this is a sliding-window log: a request may go when fewer than N grants
// happened in the last `windowMs + safetyMarginMs`. Waiters queue in FIFO order, so bursts wait instead of failing.
//
// The window is a little longer than a second because the service counts on *arrival*: network jitter, GC pauses
// and CPU contention can pull two requests granted exactly 1000 ms apart to less than 1000 ms apart at the server.
// The margin (100 ms by default, configurable) absorbs that at a cost of ~9% of peak throughput. 30 ms was not
// enough on a loaded two-core machine with the emulator in the same process: stalls of 50-180 ms were measured
// and the emulator then counted an occasional sixth arrival in a second; with 100 ms it counted none.
//
// Shared state, deliberately: the quota belongs to the account, not to a client object, so every client in the
// process must draw from the same windows or two clients would together send 2N per second. The registry lives on
// globalThis under a Symbol.for key so that even two copies of this package loaded side by side share it. It is
// the one piece of process-wide state in the package; inject your own limiter (createQuotaLimiter) to isolate.
// A key whose queue is empty and whose last grant has left every window is dropped from the registry (by an unref'd
// timer), so keys from rotating STS AccessKeys or many accounts do not pile up in a long-running process.

/** Decides when a request may be sent. Implement it to share a quota across processes (e.g. through Redis). */
export interface QuotaLimiter {
  /** Resolves when one more request under `key` (account + operation) may be sent; waiters are served FIFO. */
  acquire(key: string): Promise<void>;
}

/** How many requests per window a limiter allows. */
export interface QuotaOptions {
  /** Requests allowed per window, per account and operation (default 5). */
  requestsPerSecond?: number | undefined;
  /** The window the service counts in, in ms (default 1000). */
  windowMs?: number | undefined;
  /** Extra ms added to the window to absorb network jitter and pauses (default 100). */
  safetyMarginMs?: number | undefined;
}

/** Default requests per second per account and operation (the documented ChatApp limit). */
export const DEFAULT_REQUESTS_PER_SECOND = 5;
/** Default extra window length, in ms. */
export const DEFAULT_SAFETY_MARGIN_MS = 100;

interface Waiter {
  limit: number;
  spanMs: number;
  resolve: () => void;
}

/** Grants and waiters of one key. */
interface WindowState {
  grants: number[];
  /** The longest span any waiter of this key has used: older grants can be forgotten. */
  longestSpanMs: number;
  queue: Waiter[];
  timer: NodeJS.Timeout | undefined;
  /** Drops the key from the registry once it is idle and its grants have left every window. */
  forget: NodeJS.Timeout | undefined;
}

type WindowRegistry = Map<string, WindowState>;

const REGISTRY_KEY = Symbol.for('@chatapp-isv/core/quota-windows');

function sharedRegistry(): WindowRegistry {
  const holder = globalThis as unknown as Record<symbol, WindowRegistry | undefined>;
  let registry = holder[REGISTRY_KEY];
  if (registry === undefined) {
    registry = new Map();
    holder[REGISTRY_KEY] = registry;
  }
  return registry;
}

function stateFor(registry: WindowRegistry, key: string): WindowState {
  let state = registry.get(key);
  if (state === undefined) {
    state = { grants: [], longestSpanMs: 0, queue: [], timer: undefined, forget: undefined };
    registry.set(key, state);
  }
  return state;
}

/** Forgets grants older than any waiter's window. */
function prune(state: WindowState, now: number): void {
  const horizon = now - state.longestSpanMs;
  while (state.grants.length > 0 && (state.grants[0] ?? 0) <= horizon) state.grants.shift();
}

/** Once the key is idle, removes it from the registry when its newest grant has left every window. */
function scheduleForget(registry: WindowRegistry, key: string, state: WindowState): void {
  if (state.forget !== undefined) return;
  const newest = state.grants[state.grants.length - 1] ?? 0;
  const waitMs = Math.max(1, Math.ceil(newest + state.longestSpanMs - performance.now()));
  state.forget = setTimeout(() => {
    state.forget = undefined;
    if (state.queue.length > 0 || registry.get(key) !== state) return;
    prune(state, performance.now());
    if (state.grants.length === 0) registry.delete(key);
    else scheduleForget(registry, key, state);
  }, waitMs);
  state.forget.unref();
}

/** Grants as many queued requests as the window allows, then sleeps until the next one can go. */
function pump(registry: WindowRegistry, key: string, state: WindowState): void {
  state.timer = undefined;
  for (;;) {
    const head = state.queue[0];
    if (head === undefined) {
      scheduleForget(registry, key, state);
      return;
    }
    const now = performance.now();
    prune(state, now);
    const inWindow = state.grants.filter((time) => time > now - head.spanMs);
    if (inWindow.length < head.limit) {
      state.grants.push(now);
      state.queue.shift();
      head.resolve();
      continue;
    }
    // The grant that must leave the window before the head may go.
    const blocking = inWindow[inWindow.length - head.limit] ?? now;
    const waitMs = Math.max(1, Math.ceil(blocking + head.spanMs - now));
    state.timer = setTimeout(() => pump(registry, key, state), waitMs);
    return;
  }
}

function validated(options: QuotaOptions): { limit: number; spanMs: number } {
  const limit = options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND;
  const windowMs = options.windowMs ?? 1000;
  const margin = options.safetyMarginMs ?? DEFAULT_SAFETY_MARGIN_MS;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('quota.requestsPerSecond must be a positive integer');
  if (!(windowMs > 0) || !(margin >= 0))
    throw new RangeError('quota.windowMs must be > 0 and quota.safetyMarginMs >= 0');
  return { limit, spanMs: windowMs + margin };
}

function limiterOver(registry: WindowRegistry, options: QuotaOptions): QuotaLimiter {
  const { limit, spanMs } = validated(options);
  return {
    acquire(key: string): Promise<void> {
      const state = stateFor(registry, key);
      state.longestSpanMs = Math.max(state.longestSpanMs, spanMs);
      return new Promise<void>((resolve) => {
        state.queue.push({ limit, spanMs, resolve });
        if (state.timer === undefined) pump(registry, key, state);
      });
    },
  };
}

/** A limiter with its own private windows: isolated from every other client (tests, separate accounts). */
export function createQuotaLimiter(options: QuotaOptions = {}): QuotaLimiter {
  return limiterOver(new Map(), options);
}

/** A limiter over the process-wide windows, shared by every client in the process (the default). */
export function sharedQuotaLimiter(options: QuotaOptions = {}): QuotaLimiter {
  return limiterOver(sharedRegistry(), options);
}
