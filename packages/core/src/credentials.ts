// Where the AccessKey comes from. Explicit keys, any object with getCredential() (which is what an
// @alicloud/credentials `Credential` is, so RAM roles, OIDC and profiles plug in as they are), or, by default,
// Alibaba Cloud's default chain: ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN, the profile file, the
// ECS RAM role, OIDC. The chain is built lazily, at the first call, so constructing a client never fails on a
// machine without credentials; a missing or broken chain surfaces as ConfigurationError naming `credentials`.
import { ConfigurationError } from './errors.js';
import { commonJsExports } from './interop.js';
import { sanitizeError } from './redact.js';

/** Loads @alicloud/credentials on first use: importing core (e.g. to start an MCP server) should not pay for it. */
async function loadCredentialsModule() {
  return commonJsExports(await import('@alicloud/credentials'));
}

/** An AccessKey pair, optionally with an STS security token. */
export interface StaticCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string | undefined;
}

/** Anything that can produce credentials on demand, e.g. `new Credential()` from @alicloud/credentials. */
export interface CredentialsProvider {
  /** Returns the current credentials (may refresh them). */
  getCredential(): Promise<{
    accessKeyId?: string | undefined;
    accessKeySecret?: string | undefined;
    securityToken?: string | undefined;
  }>;
}

/** Resolves credentials for each request. */
export type CredentialsSource = () => Promise<StaticCredentials>;

function isProvider(value: unknown): value is CredentialsProvider {
  return (
    typeof value === 'object' && value !== null && typeof (value as CredentialsProvider).getCredential === 'function'
  );
}

function checked(value: {
  accessKeyId?: string | undefined;
  accessKeySecret?: string | undefined;
  securityToken?: string | undefined;
}): StaticCredentials {
  if (!value.accessKeyId || !value.accessKeySecret) {
    throw new ConfigurationError('credentials', 'an AccessKey ID and an AccessKey secret are both required');
  }
  return value.securityToken
    ? { accessKeyId: value.accessKeyId, accessKeySecret: value.accessKeySecret, securityToken: value.securityToken }
    : { accessKeyId: value.accessKeyId, accessKeySecret: value.accessKeySecret };
}

/** Builds the per-request credentials source from the `credentials` option. */
export function credentialsSource(option: StaticCredentials | CredentialsProvider | undefined): CredentialsSource {
  if (option !== undefined && !isProvider(option)) {
    const fixed = checked(option);
    return () => Promise.resolve(fixed);
  }
  let provider: CredentialsProvider | undefined = option;
  return async () => {
    try {
      provider ??= new (await loadCredentialsModule()).default();
      return checked(await provider.getCredential());
    } catch (error) {
      if (error instanceof ConfigurationError) throw error;
      throw new ConfigurationError(
        'credentials',
        'no credentials found: pass `credentials`, or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET',
        sanitizeError(error),
      );
    }
  };
}
