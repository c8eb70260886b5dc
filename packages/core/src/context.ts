// The resolved configuration one client instance hands to every operation module. Building it once in
// createIsvTermsClient keeps the operation modules free of option parsing and defaults.
import type { AuthorizationCache } from './authorization-cache.js';
import type { CredentialsSource } from './credentials.js';
import type { Logger } from './logger.js';
import type { QuotaLimiter } from './quota/limiter.js';
import type { RetryPolicy } from './retry.js';

/** Where ChatApp RPC requests go. */
export interface ServiceEndpoint {
  /** `host[:port]`, sent as the Host header and signed. */
  host: string;
  protocol: 'http' | 'https';
}

/** Everything an operation needs, resolved from the client options. */
export interface ClientContext {
  endpoint: ServiceEndpoint;
  regionId: string;
  credentials: CredentialsSource;
  limiter: QuotaLimiter;
  /** Counts the quota under this key instead of the AccessKey ID. */
  quotaKey: string | undefined;
  retry: RetryPolicy;
  logger: Logger;
  timeoutMs: number;
  maxFileBytes: number;
  authorizations: AuthorizationCache;
}
