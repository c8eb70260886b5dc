// The whole cross-process quota decision, as one Lua script that Redis runs atomically: a sliding-window log of
// grants (a sorted set scored by Redis's own clock, so callers' clocks never matter) behind a ticket queue (a sorted
// set scored by arrival order), so that processes are served first come, first served.
//
// Why a script and not a library: the fixed-window counters of the well-kept Node libraries let up to 9 calls
// through in a sliding second at a limit of 5 (measured with rate-limiter-flexible), and none of them queues
// across processes. The service counts any one-second interval, so this counts the same way core's in-process
// limiter does: a ticket may go when fewer than `limit` grants happened in the last `span` ms (window + margin).
//
// Fairness: a ticket joins the queue once and keeps its place while its process polls. Tickets ahead of it get the
// free slots first; a ticket whose rank is below the number of free slots is granted at once. So a process waiting
// behind others gets its turn after the queue ahead of it, at the quota rate. Every poll renews the ticket's lease;
// a ticket whose process stopped polling (crashed, or fell back to its own rate) is dropped when the lease ends.
//
// Recovery: a process that lost Redis and served calls on its own conservative rate reports those grants (their
// ages) when it is back, and sets a hold on the key: no grant until the reported grants, and those of processes
// still cut off and still on their own rate, have left the window.
//
// Every key expires after the span plus the lease of idle time, so keys of old accounts do not pile up.
import type { Redis } from 'ioredis';

/** Redis keys of one quota key (account + operation); one hash tag, so they live in one Redis Cluster slot. */
export interface WindowKeys {
  grants: string;
  queue: string;
  leases: string;
  sequence: string;
  hold: string;
}

/** One call of the script. */
export interface WindowRequest {
  /** Unique per acquire: the ticket's name in the queue and then the grant's member. */
  ticket: string;
  limit: number;
  spanMs: number;
  leaseMs: number;
  /** > 0 after this process lost Redis: hold every caller back this long from now. */
  holdMs: number;
  /** Ages in ms of the grants this process made on its own rate within the last span, when holdMs > 0. */
  ownGrantAgesMs: number[];
}

/** The script's answer: granted now, or poll again after `waitMs`. */
export interface WindowDecision {
  granted: boolean;
  waitMs: number;
}

/** Keys of a quota key under a prefix; braces in the quota key are replaced so the hash tag stays intact. */
export function windowKeys(prefix: string, quotaKey: string): WindowKeys {
  const tag = `${prefix}{${quotaKey.replace(/[{}]/g, '_')}}`;
  return {
    grants: `${tag}:grants`,
    queue: `${tag}:queue`,
    leases: `${tag}:leases`,
    sequence: `${tag}:seq`,
    hold: `${tag}:hold`,
  };
}

/** KEYS: grants, queue, leases, sequence, hold. ARGV: ticket, limit, span, lease, hold, then own grant ages. */
export const SLIDING_WINDOW_LUA = `
local grants, queue, leases, sequence, holdKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local ticket = ARGV[1]
local limit = tonumber(ARGV[2])
local span = tonumber(ARGV[3])
local lease = tonumber(ARGV[4])
local holdFor = tonumber(ARGV[5])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000

if holdFor > 0 then
  for i = 6, #ARGV do
    redis.call('ZADD', grants, now - tonumber(ARGV[i]), ticket .. ':own:' .. i)
  end
  local current = tonumber(redis.call('GET', holdKey) or '0')
  if now + holdFor > current then
    redis.call('SET', holdKey, string.format('%.3f', now + holdFor), 'PX', math.ceil(holdFor))
  end
end

redis.call('ZREMRANGEBYSCORE', grants, '-inf', now - span)
local expired = redis.call('ZRANGEBYSCORE', leases, '-inf', now)
for _, gone in ipairs(expired) do
  redis.call('ZREM', queue, gone)
  redis.call('ZREM', leases, gone)
end

if not redis.call('ZSCORE', queue, ticket) then
  redis.call('ZADD', queue, redis.call('INCR', sequence), ticket)
end
redis.call('ZADD', leases, now + lease, ticket)

local keep = math.ceil(span + lease)
local function touch()
  redis.call('PEXPIRE', grants, keep)
  redis.call('PEXPIRE', queue, keep)
  redis.call('PEXPIRE', leases, keep)
  redis.call('PEXPIRE', sequence, keep)
end

local rank = redis.call('ZRANK', queue, ticket)
local heldUntil = tonumber(redis.call('GET', holdKey) or '0')
local times = redis.call('ZRANGE', grants, 0, -1, 'WITHSCORES')
local count = #times / 2
local free = limit - count
local wait
if heldUntil > now then
  wait = heldUntil - now
elseif rank < free then
  redis.call('ZREM', queue, ticket)
  redis.call('ZREM', leases, ticket)
  redis.call('ZADD', grants, now, ticket)
  touch()
  return {1, 0}
elseif count == 0 then
  wait = span / limit
else
  local index = math.min(rank - free, count - 1)
  wait = tonumber(times[index * 2 + 2]) + span - now
end
touch()
return {0, math.max(1, math.ceil(wait))}
`;

const COMMAND = 'chatappIsvQuotaWindow';

type WindowCommand = (...args: (string | number)[]) => Promise<[number, number]>;

/** Registers the script on a client (EVALSHA, with EVAL when Redis lost its script cache, e.g. after a restart). */
export function defineWindowCommand(redis: Redis): void {
  if (typeof (redis as unknown as Record<string, unknown>)[COMMAND] === 'function') return;
  redis.defineCommand(COMMAND, { numberOfKeys: 5, lua: SLIDING_WINDOW_LUA });
}

/** Runs the script once; defineWindowCommand must have been called on `redis`. */
export async function runWindow(redis: Redis, keys: WindowKeys, request: WindowRequest): Promise<WindowDecision> {
  const command = (redis as unknown as Record<string, WindowCommand>)[COMMAND] as WindowCommand;
  const [granted, waitMs] = await command.call(
    redis,
    keys.grants,
    keys.queue,
    keys.leases,
    keys.sequence,
    keys.hold,
    request.ticket,
    request.limit,
    request.spanMs,
    request.leaseMs,
    request.holdMs,
    ...(request.holdMs > 0 ? request.ownGrantAgesMs.map((age) => Math.max(0, age)) : []),
  );
  return { granted: granted === 1, waitMs: Number(waitMs) };
}
