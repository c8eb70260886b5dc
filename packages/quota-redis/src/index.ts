// @chatapp-isv/quota-redis: the public surface, and all of it. One ChatApp quota (5 calls/s per account and
// operation) shared by every process and machine through Redis, as a QuotaLimiter for @chatapp-isv/core:
//   createIsvTermsClient({ quota: createRedisQuotaLimiter({ url: 'redis://127.0.0.1:6379' }) })
// Front ends call quotaLimiterFromEnv() so that a URL in configuration is all a user has to give.

// The limiter.
export {
  createRedisQuotaLimiter,
  DEFAULT_FALLBACK_REQUESTS_PER_SECOND,
  DEFAULT_KEY_PREFIX,
} from './redis-quota-limiter.js';
export type { RedisQuotaLimiter, RedisQuotaLimiterOptions } from './redis-quota-limiter.js';

// Configuration for front ends: flag or stack config first, then CHATAPP_ISV_QUOTA_REDIS_URL.
export { quotaLimiterFromEnv, QUOTA_REDIS_URL_ENV } from './from-env.js';
export type { QuotaLimiterFromEnvOptions } from './from-env.js';

// For logs and errors: a Redis URL with its password masked.
export { describeRedisUrl } from './redis-connection.js';
