// The Redis client the limiter owns, built from a URL with the settings that keep a Redis problem from stalling a
// caller: no offline queue (a command fails at once while disconnected, so the limiter falls back instead of
// waiting), a command timeout (a hung server fails too), no resending of a command whose outcome is unknown (the
// script is safe to run twice, but a resend would only come late), and endless reconnects, at most a second apart,
// so the limiter returns to Redis soon after it is back.
//
// The URL may carry a password; it is never logged: describeRedisUrl is what logs and errors show.
import { ConfigurationError } from '@chatapp-isv/core';
import { Redis } from 'ioredis';

/** The longest pause between two reconnect attempts, in ms. */
export const MAX_RECONNECT_DELAY_MS = 1000;

/** Settings of the owned client. */
export interface ConnectionSettings {
  /** `redis://[user:password@]host[:port][/db]`, `rediss://…` (TLS) or `unix:///path/to/redis.sock`. */
  url: string;
  /** Per-command timeout in ms. */
  commandTimeoutMs: number;
  /** Connect timeout in ms. */
  connectTimeoutMs: number;
  /** Option name for errors (`quotaRedisUrl`, `CHATAPP_ISV_QUOTA_REDIS_URL`, …). */
  option: string;
}

function parse(url: string, option: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    // The text may hold a password: do not echo it.
    throw new ConfigurationError(option, 'is not a URL (expected redis://host:port, rediss://… or unix:///path)');
  }
  if (!['redis:', 'rediss:', 'unix:'].includes(parsed.protocol)) {
    throw new ConfigurationError(option, `must use redis://, rediss:// or unix://, not ${parsed.protocol}//`);
  }
  if (parsed.protocol === 'unix:' && parsed.pathname === '') {
    throw new ConfigurationError(option, 'unix:// needs a socket path, e.g. unix:///run/redis/redis.sock');
  }
  return parsed;
}

/** The URL with its password (and user name) masked: what logs and errors may show. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url.trim());
    if (parsed.username !== '') parsed.username = '***';
    if (parsed.password !== '') parsed.password = '***';
    for (const name of ['password', 'pass', 'auth'])
      if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Removes the URL's password and user name from a message (a client error could quote them). */
export function scrubUrlSecrets(message: string, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return message;
  }
  let text = message.split(url.trim()).join(describeRedisUrl(url));
  for (const secret of [parsed.password, decodeURIComponent(parsed.password), parsed.username]) {
    if (secret.length >= 3) text = text.split(secret).join('***');
  }
  return text;
}

/** Checks a URL without connecting; throws ConfigurationError naming `option`. */
export function checkRedisUrl(url: string, option: string): void {
  parse(url, option);
}

/** Creates the client (it connects in the background; failures surface as errors on commands and events). */
export function connectRedis(settings: ConnectionSettings): Redis {
  const parsed = parse(settings.url, settings.option);
  const options = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: settings.commandTimeoutMs,
    connectTimeout: settings.connectTimeoutMs,
    retryStrategy: (times: number) => Math.min(times * 100, MAX_RECONNECT_DELAY_MS),
    lazyConnect: false,
  };
  if (parsed.protocol === 'unix:') {
    const db = Number(parsed.searchParams.get('db') ?? '0');
    return new Redis({
      ...options,
      path: decodeURIComponent(parsed.pathname),
      ...(Number.isInteger(db) && db > 0 ? { db } : {}),
      ...(parsed.password !== '' ? { password: decodeURIComponent(parsed.password) } : {}),
      ...(parsed.username !== '' ? { username: decodeURIComponent(parsed.username) } : {}),
    });
  }
  return new Redis(settings.url.trim(), options);
}
