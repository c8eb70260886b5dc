// Builds the long-lived dependencies from the parsed configuration: the file access (allowed roots resolved
// once, now), the redactor and logger, and core's client, created on the first network call so that a
// validation-only session needs no credentials. One client per process: core's quota then covers every call.
import { createIsvTermsClient, DEFAULT_MAX_FILE_BYTES } from '@chatapp-isv/core';
import type { QuotaLimiter } from '@chatapp-isv/core';

import type { ServerConfig } from './config.js';
import { createConfirmer } from './confirm.js';
import { createFileAccess } from './files.js';
import { createBatchJournals, defaultJournalDir } from './job-journal.js';
import { createJobStore } from './jobs.js';
import { withFields, type Logger } from './logger.js';
import type { Redactor } from './redact.js';
import type { ServerDeps } from './server.js';
import type { TermsClient } from './tools/run.js';

/** Options for {@link createServerDeps}. */
export interface CreateDepsOptions {
  /** Masks secrets in results and logs. */
  readonly redact: Redactor;
  /** Receives call records (stderr in the bin). */
  readonly logger: Logger;
  /** Replaces core's client, e.g. one built with explicit credentials by an embedding host. */
  readonly client?: TermsClient;
  /** The shared quota for `--quota-redis-url`, from {@link loadSharedQuota}. */
  readonly quota?: QuotaLimiter;
}

/**
 * The account's quota shared through Redis when --quota-redis-url / CHATAPP_ISV_QUOTA_REDIS_URL is set (a bad URL
 * fails here, at start-up, without echoing it); undefined otherwise. The Redis client is loaded only then: a
 * server without it should not pay for loading it at every start.
 */
export async function loadSharedQuota(config: ServerConfig, logger: Logger): Promise<QuotaLimiter | undefined> {
  if (config.quotaRedisUrl === undefined) return undefined;
  const { quotaLimiterFromEnv } = await import('@chatapp-isv/quota-redis');
  return quotaLimiterFromEnv({
    url: config.quotaRedisUrl,
    option: '--quota-redis-url',
    env: {},
    logger: withFields(logger, { source: 'core' }),
  });
}

/**
 * Resolves the configuration into server dependencies (file access, the core client built on first use, jobs).
 * @throws Error when an --allow-dir does not exist or is not a directory, or when --quota-redis-url is set but
 *   `options.quota` (from loadSharedQuota) is not given
 */
export function createServerDeps(config: ServerConfig, options: CreateDepsOptions): ServerDeps {
  const files = createFileAccess({ allowedDirs: config.allowDirs, maxBytes: DEFAULT_MAX_FILE_BYTES });
  let client = options.client;
  // The shared quota when configured (loaded by loadSharedQuota); else core's in-process limiter.
  const quota = options.quota;
  if (config.quotaRedisUrl !== undefined && quota === undefined) {
    throw new Error('--quota-redis-url is set: pass the limiter from loadSharedQuota(config) as options.quota');
  }
  const makeClient = (): TermsClient => {
    const made =
      client ??
      createIsvTermsClient({
        ...(config.region !== undefined ? { region: config.region } : {}),
        ...(config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
        maxFileBytes: DEFAULT_MAX_FILE_BYTES,
        ...(config.apiGeneration !== undefined ? { apiGeneration: config.apiGeneration } : {}),
        logger: withFields(options.logger, { source: 'core' }),
        // Redis-shared quota when configured; else core's in-process limiter, with a wider margin if asked.
        ...(quota !== undefined
          ? { quota }
          : config.quotaMarginMs !== undefined
            ? { quota: { safetyMarginMs: config.quotaMarginMs } }
            : {}),
      });
    client = made;
    return made;
  };
  return {
    jobs: createJobStore({ client: makeClient, logger: options.logger, maxFileBytes: DEFAULT_MAX_FILE_BYTES }),
    // parseConfig always names the directory; an embedding host that builds its own config gets the same default.
    journals: createBatchJournals(config.journalDir ?? defaultJournalDir(process.env)),
    readOnly: config.readOnly,
    // A 2025-era call can carry an elicitation request only on stdio: the HTTP transport is stateless.
    confirmer: createConfirmer({ policy: config.confirm, legacyRequests: config.http === undefined }),
    files,
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    redact: options.redact,
    logger: options.logger,
    client: makeClient,
  };
}
