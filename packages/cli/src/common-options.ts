// Flags every command that talks to ChatApp shares, and the core client they build. Credentials, endpoint and
// region resolve as in the MCP server: the Alibaba Cloud default credential chain (environment, then profile file,
// ECS RAM role, OIDC); `--endpoint` / `--region`, else CHATAPP_ISV_ENDPOINT / CHATAPP_ISV_REGION (core reads
// those itself), else the public endpoint of ap-southeast-1. `--profile` selects the profile the chain reads.
// `--quota-redis-url`, else CHATAPP_ISV_QUOTA_REDIS_URL, shares the account's quota with other processes and
// machines through Redis (@chatapp-isv/quota-redis); the bin exits when done, so the connection needs no closing.
import { createIsvTermsClient, type IsvTermsClient, type IsvTermsEventListener } from '@chatapp-isv/core';
import { quotaLimiterFromEnv } from '@chatapp-isv/quota-redis';
import { UsageError } from './usage-error.js';

/** parseArgs option specs of the connection flags. */
export const CONNECTION_OPTIONS = {
  endpoint: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  'requests-per-second': { type: 'string' },
  'quota-redis-url': { type: 'string' },
} as const;

/** Help lines of the connection flags. */
export const CONNECTION_HELP = `Connection:
  --endpoint <url>              ChatApp endpoint (env CHATAPP_ISV_ENDPOINT; default the public one of the region)
  --region <id>                 region ID, default ap-southeast-1 (env CHATAPP_ISV_REGION)
  --profile <name>              credentials profile of the default chain (sets ALIBABA_CLOUD_PROFILE)
  --requests-per-second <n>     the account's quota per operation (default 5; raise only if yours is higher)
  --quota-redis-url <url>       share that quota with other processes and machines through Redis
                                (env CHATAPP_ISV_QUOTA_REDIS_URL; default: this process's own quota)
Credentials come from the Alibaba Cloud default chain: ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET (/ _SECURITY_TOKEN),
then the profile file, an ECS RAM role or OIDC.`;

/** Parsed connection flags. */
export interface ConnectionFlags {
  endpoint?: string | undefined;
  region?: string | undefined;
  profile?: string | undefined;
  'requests-per-second'?: string | undefined;
  'quota-redis-url'?: string | undefined;
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new UsageError(`--${flag} needs a value`);
  return value.trim();
}

/** Builds the core client from the connection flags. */
export function clientFromFlags(flags: ConnectionFlags, onEvent?: IsvTermsEventListener): IsvTermsClient {
  const profile = nonEmpty(flags.profile, 'profile');
  // The credential chain reads the profile name from the environment at its first use.
  if (profile !== undefined) process.env['ALIBABA_CLOUD_PROFILE'] = profile;
  const rpsText = nonEmpty(flags['requests-per-second'], 'requests-per-second');
  const rps = rpsText === undefined ? undefined : Number(rpsText);
  if (rps !== undefined && !(Number.isInteger(rps) && rps > 0)) {
    throw new UsageError(`--requests-per-second must be a positive whole number, got "${rpsText}"`);
  }
  const quotaOptions = rps !== undefined ? { requestsPerSecond: rps } : undefined;
  let shared;
  try {
    shared = quotaLimiterFromEnv({
      url: nonEmpty(flags['quota-redis-url'], 'quota-redis-url'),
      option: '--quota-redis-url',
      quota: quotaOptions,
    });
  } catch (error) {
    // The message names the setting and never echoes the URL (it may hold a password).
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const quota = shared ?? quotaOptions;
  return createIsvTermsClient({
    endpoint: nonEmpty(flags.endpoint, 'endpoint'),
    region: nonEmpty(flags.region, 'region'),
    // A profile that does not exist is then reported as the one --profile named, not ALIBABA_CLOUD_PROFILE.
    ...(profile !== undefined ? { profileNamedBy: '--profile' } : {}),
    ...(quota !== undefined ? { quota } : {}),
    onEvent,
  });
}
