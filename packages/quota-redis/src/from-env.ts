// The one helper every front end calls, so that sharing the quota is a matter of configuration alone: an explicit
// URL (a CLI flag, a Pulumi stack config value) wins, else CHATAPP_ISV_QUOTA_REDIS_URL; neither set means
// undefined, and the front end keeps core's in-process limiter. A bad URL fails at startup with a
// ConfigurationError that names the setting but never echoes the URL (it may hold a password).
import type { Logger, QuotaOptions } from '@chatapp-isv/core';
import { checkRedisUrl } from './redis-connection.js';
import { createRedisQuotaLimiter, type RedisQuotaLimiter } from './redis-quota-limiter.js';

/** The environment variable front ends read the Redis URL from. */
export const QUOTA_REDIS_URL_ENV = 'CHATAPP_ISV_QUOTA_REDIS_URL';

/** Options of quotaLimiterFromEnv. */
export interface QuotaLimiterFromEnvOptions {
  /** A URL given explicitly (flag, stack config); wins over the environment. Blank counts as not given. */
  url?: string | undefined;
  /** Name of the explicit setting for errors, e.g. `--quota-redis-url` or `chatapp-isv:quotaRedisUrl`. */
  option?: string | undefined;
  /**
   * The environment to read.
   * @default process.env
   */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Quota settings, as for core's in-process limiter. */
  quota?: QuotaOptions | undefined;
  /**
   * Receives the outage warning and recovery notice.
   * @default a logger writing to standard error
   */
  logger?: Logger | undefined;
}

function given(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * A Redis-backed limiter when a URL is configured (`url`, else CHATAPP_ISV_QUOTA_REDIS_URL), else undefined: keep
 * core's in-process limiter.
 *
 * @example
 * ```ts
 * import { createIsvTermsClient } from '@chatapp-isv/core';
 * import { quotaLimiterFromEnv } from '@chatapp-isv/quota-redis';
 *
 * const shared = quotaLimiterFromEnv({ url: process.argv[2], option: '--quota-redis-url' });
 * const client = createIsvTermsClient(shared !== undefined ? { quota: shared } : {});
 * ```
 * @throws ConfigurationError naming the setting (`option`, or CHATAPP_ISV_QUOTA_REDIS_URL) when the URL is not a
 *   redis://, rediss:// or unix:// URL; the URL itself is never echoed
 */
export function quotaLimiterFromEnv(options: QuotaLimiterFromEnvOptions = {}): RedisQuotaLimiter | undefined {
  const explicit = given(options.url);
  const fromEnv = given((options.env ?? process.env)[QUOTA_REDIS_URL_ENV]);
  const url = explicit ?? fromEnv;
  if (url === undefined) return undefined;
  const option = explicit !== undefined ? (options.option ?? 'quotaRedisUrl') : QUOTA_REDIS_URL_ENV;
  checkRedisUrl(url, option);
  return createRedisQuotaLimiter({ ...options.quota, url, option, logger: options.logger });
}
