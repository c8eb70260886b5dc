// The resolved configuration one client instance hands to every operation module. Building it once in
// createIsvTermsClient keeps the operation modules free of option parsing and defaults.
import type { GenerationState } from './api-generation.js';
import type { AuthorizationCache } from './authorization-cache.js';
import type { CredentialsSource } from './credentials.js';
import type { IsvTermsEventListener } from './events.js';
import type { InstanceDirectory } from './instance-directory.js';
import type { Logger } from './logger.js';
import type { QuotaLimiter } from './quota/limiter.js';
import type { SecretRegistry } from './redact.js';
import type { RetryPolicy } from './retry.js';
import type { LostAnswerPolicy } from './settle-by-read-back.js';

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
  /** Receives typed events (see events.ts); undefined when the caller did not ask for them. */
  onEvent?: IsvTermsEventListener | undefined;
  /**
   * The customer a call is made for, when the call's own parameters do not name it (UpdateInstance names only an
   * InstanceId): copied into events so a progress display can attribute retries. Set on a per-call copy.
   */
  custSpaceId?: string | undefined;
  timeoutMs: number;
  /** What a lost write answer leads to (see settle-by-read-back.ts); defaults apply when absent. */
  lostAnswer?: { policy: LostAnswerPolicy; settleMs: number } | undefined;
  maxFileBytes: number;
  authorizations: AuthorizationCache;
  /** Every secret value this client has used, for redacting whatever it throws. */
  secrets: SecretRegistry;
  /** The client's API generation and what `auto` has learned (see api-generation.ts). */
  generation: GenerationState;
  /** The client's space → InstanceId mapping (see instance-directory.ts). */
  instances: InstanceDirectory;
}
