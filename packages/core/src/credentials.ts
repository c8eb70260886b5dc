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

/**
 * The sources Alibaba Cloud's default chain tries, in its order. Stated in the words of a person setting up a
 * machine (variables and files), not of this API, because the MCP server and the CLI show it as it is.
 */
export const CREDENTIAL_SOURCES: readonly string[] = [
  'the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (plus ALIBABA_CLOUD_SECURITY_TOKEN for STS keys)',
  'OIDC (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE)',
  'the Alibaba Cloud CLI profile in ~/.aliyun/config.json (the current profile, or the one ALIBABA_CLOUD_PROFILE names)',
  'the credentials file ~/.alibabacloud/credentials (or ALIBABA_CLOUD_CREDENTIALS_FILE), profile "default" or the one ALIBABA_CLOUD_PROFILE names',
  'the ECS instance RAM role (unless ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)',
];

/**
 * The profile asked for by name (ALIBABA_CLOUD_PROFILE), if any. The chain failed as a whole, so that profile was
 * found in neither profile file or was not usable there; the chain's own errors say which only in passing.
 */
function requestedProfile(): string | undefined {
  const requested = process.env['ALIBABA_CLOUD_PROFILE'];
  return requested === undefined || requested === '' ? undefined : requested;
}

/**
 * "No credentials": every source tried, in order, and the requested profile that does not exist, named by the
 * setting the user gave it with (`profileNamedBy`, e.g. the CLI's `--profile`).
 */
function noCredentialsMessage(profileNamedBy: string): string {
  const profile = requestedProfile();
  const lines = [
    profile !== undefined
      ? `no credentials found: the profile "${profile}" named by ${profileNamedBy} was not found (or is not usable) in ~/.aliyun/config.json or ~/.alibabacloud/credentials.`
      : 'no credentials found.',
    'Tried, in order:',
    ...CREDENTIAL_SOURCES.map((source, index) => `  ${index + 1}. ${source}`),
    'Set one of them (never put keys in a file you commit).',
  ];
  return lines.join('\n');
}

/**
 * Builds the per-request credentials source from the `credentials` option. `profileNamedBy` is how the user set
 * ALIBABA_CLOUD_PROFILE, for the no-credentials message (default: that variable).
 */
export function credentialsSource(
  option: StaticCredentials | CredentialsProvider | undefined,
  profileNamedBy = 'ALIBABA_CLOUD_PROFILE',
): CredentialsSource {
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
      throw new ConfigurationError('credentials', noCredentialsMessage(profileNamedBy), sanitizeError(error));
    }
  };
}
