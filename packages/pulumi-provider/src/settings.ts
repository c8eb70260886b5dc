// Where the provider's credentials and endpoint come from. They are read in `configure`, inside the provider process,
// from the stack configuration: the same `alicloud:*` keys @pulumi/alicloud users already set, plus our own
// `chatapp-isv:endpoint`. Without keys, the client falls back to Alibaba Cloud's default chain (environment
// variables, profile, RAM role). Credentials are never resource inputs, so they never reach the Pulumi state.
import { ConfigurationError, errorHint } from '@chatapp-isv/core';

/** The stack configuration keys the dynamic resource reads. */
export const CONFIG_KEYS = {
  accessKey: 'alicloud:accessKey',
  secretKey: 'alicloud:secretKey',
  securityToken: 'alicloud:securityToken',
  region: 'alicloud:region',
  endpoint: 'chatapp-isv:endpoint',
  quotaRedisUrl: 'chatapp-isv:quotaRedisUrl',
} as const;

/**
 * The stack configuration keys the plugin reads. The engine hands a provider plugin only its own namespace, so the
 * plugin cannot see `alicloud:*`: it has its own keys, and the default credential chain as the dynamic resource has.
 */
export const PLUGIN_CONFIG_KEYS = {
  accessKey: 'chatapp-isv:accessKey',
  secretKey: 'chatapp-isv:secretKey',
  securityToken: 'chatapp-isv:securityToken',
  region: 'chatapp-isv:region',
  endpoint: 'chatapp-isv:endpoint',
  quotaRedisUrl: 'chatapp-isv:quotaRedisUrl',
} as const;

/** One set of configuration keys (CONFIG_KEYS or PLUGIN_CONFIG_KEYS). */
export type ConfigKeys = { readonly [K in keyof typeof CONFIG_KEYS]: string };

/** Reads one configuration value as text. */
export interface ConfigReader {
  get(key: string): string | undefined;
}

/** Client options derived from stack configuration (a subset of core's client options). */
export interface ProviderSettings {
  region?: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  /** Redis URL of the quota shared with other processes (@chatapp-isv/quota-redis); may hold a password. */
  quotaRedisUrl?: string;
}

/** The outcome of reading the configuration: settings, or a problem to report when a call needs credentials. */
export interface SettingsResult {
  settings: ProviderSettings;
  /** Set when the configuration is inconsistent; create/update fail with it, delete/read/check do not need it. */
  problem?: string;
  /** The keys the settings were read from, so errors name the keys the user sets. */
  keys?: ConfigKeys;
}

function value(config: ConfigReader, key: string): string | undefined {
  const raw = config.get(key);
  if (raw === undefined) return undefined;
  const trimmed = String(raw).trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Reads the provider settings from the stack configuration. Never throws; never echoes a secret. */
export function readProviderSettings(config: ConfigReader, keys: ConfigKeys = CONFIG_KEYS): SettingsResult {
  const settings: ProviderSettings = {};
  const region = value(config, keys.region);
  if (region !== undefined) settings.region = region;
  const endpoint = value(config, keys.endpoint);
  if (endpoint !== undefined) settings.endpoint = endpoint;
  const quotaRedisUrl = value(config, keys.quotaRedisUrl);
  if (quotaRedisUrl !== undefined) settings.quotaRedisUrl = quotaRedisUrl;

  const accessKeyId = value(config, keys.accessKey);
  const accessKeySecret = value(config, keys.secretKey);
  const securityToken = value(config, keys.securityToken);
  if (accessKeyId !== undefined && accessKeySecret !== undefined) {
    settings.credentials =
      securityToken === undefined ? { accessKeyId, accessKeySecret } : { accessKeyId, accessKeySecret, securityToken };
    return { settings, keys };
  }
  if (accessKeyId === undefined && accessKeySecret === undefined) {
    if (securityToken === undefined) return { settings, keys };
    return {
      settings,
      keys,
      problem: `${keys.securityToken} is set but ${keys.accessKey} and ${keys.secretKey} are not`,
    };
  }
  const missing = accessKeyId === undefined ? keys.accessKey : keys.secretKey;
  const present = accessKeyId === undefined ? keys.secretKey : keys.accessKey;
  return {
    settings,
    keys,
    problem: `${present} is set but ${missing} is not: set both (\`pulumi config set --secret ${keys.secretKey} …\`) or neither (to use ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET)`,
  };
}

/** Where a user of this provider sets each of core's client options that can be misconfigured. */
function whereToSet(keys: ConfigKeys): Record<string, string> {
  return {
    credentials:
      `run \`pulumi config set ${keys.accessKey} <AccessKey ID>\` and \`pulumi config set --secret ${keys.secretKey} <AccessKey secret>\`` +
      ` (plus \`--secret ${keys.securityToken}\` for STS keys), or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET` +
      ' in the environment of `pulumi`, or an Alibaba Cloud credentials profile',
    endpoint: `check \`${keys.endpoint}\` in the stack config`,
    region: `check \`${keys.region}\` in the stack config`,
  };
}

/**
 * A service error with core's hint for its class (endpoint, permissions, quota, credentials) appended, the endpoint
 * named as the stack config key a Pulumi user sets. The error object is kept, so its class and fields still hold.
 */
function withHint(error: unknown, keys: ConfigKeys): unknown {
  const hint = errorHint(error, { endpoint: `\`${keys.endpoint}\` in the stack config` });
  if (hint === undefined || !(error instanceof Error) || error.message.includes(' Hint: ')) return error;
  error.message = `${error.message} Hint: ${hint}`;
  return error;
}

/**
 * Core names a bad client option as its API does (`credentials`, `endpoint`, `region`); a Pulumi user sets them
 * through stack config keys instead, so say which keys. Any other error is returned unchanged.
 */
export function explainConfigurationError(error: unknown, keys: ConfigKeys = CONFIG_KEYS): unknown {
  if (!(error instanceof ConfigurationError)) return withHint(error, keys);
  const where = whereToSet(keys)[error.option];
  if (where === undefined) return error;
  // Core's credentials message lists every source it tried, in order, and names a requested profile.
  const problem =
    error.option === 'credentials'
      ? `no usable Alibaba Cloud credentials (${error.message.replace(/^credentials: /, '')})`
      : error.message;
  return new Error(`IsvCustomerTerms provider configuration: ${problem}: ${where}`, { cause: error });
}
