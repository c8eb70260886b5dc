// Where the provider's credentials and endpoint come from. They are read in `configure`, inside the provider process,
// from the stack configuration: the same `alicloud:*` keys @pulumi/alicloud users already set, plus our own
// `chatapp-isv:endpoint`. Without keys, the client falls back to Alibaba Cloud's default chain (environment
// variables, profile, RAM role). Credentials are never resource inputs, so they never reach the Pulumi state.
import { ConfigurationError } from '@chatapp-isv/core';
import type { dynamic } from '@pulumi/pulumi';

/** The stack configuration keys the provider reads. */
export const CONFIG_KEYS = {
  accessKey: 'alicloud:accessKey',
  secretKey: 'alicloud:secretKey',
  securityToken: 'alicloud:securityToken',
  region: 'alicloud:region',
  endpoint: 'chatapp-isv:endpoint',
} as const;

/** Client options derived from stack configuration (a subset of core's client options). */
export interface ProviderSettings {
  region?: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
}

/** The outcome of reading the configuration: settings, or a problem to report when a call needs credentials. */
export interface SettingsResult {
  settings: ProviderSettings;
  /** Set when the configuration is inconsistent; create/update fail with it, delete/read/check do not need it. */
  problem?: string;
}

function value(config: dynamic.Config, key: string): string | undefined {
  const raw = config.get(key);
  if (raw === undefined) return undefined;
  const trimmed = String(raw).trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Reads the provider settings from the stack configuration. Never throws; never echoes a secret. */
export function readProviderSettings(config: dynamic.Config): SettingsResult {
  const settings: ProviderSettings = {};
  const region = value(config, CONFIG_KEYS.region);
  if (region !== undefined) settings.region = region;
  const endpoint = value(config, CONFIG_KEYS.endpoint);
  if (endpoint !== undefined) settings.endpoint = endpoint;

  const accessKeyId = value(config, CONFIG_KEYS.accessKey);
  const accessKeySecret = value(config, CONFIG_KEYS.secretKey);
  const securityToken = value(config, CONFIG_KEYS.securityToken);
  if (accessKeyId !== undefined && accessKeySecret !== undefined) {
    settings.credentials =
      securityToken === undefined ? { accessKeyId, accessKeySecret } : { accessKeyId, accessKeySecret, securityToken };
    return { settings };
  }
  if (accessKeyId === undefined && accessKeySecret === undefined) {
    if (securityToken === undefined) return { settings };
    return {
      settings,
      problem: `${CONFIG_KEYS.securityToken} is set but ${CONFIG_KEYS.accessKey} and ${CONFIG_KEYS.secretKey} are not`,
    };
  }
  const missing = accessKeyId === undefined ? CONFIG_KEYS.accessKey : CONFIG_KEYS.secretKey;
  const present = accessKeyId === undefined ? CONFIG_KEYS.secretKey : CONFIG_KEYS.accessKey;
  return {
    settings,
    problem: `${present} is set but ${missing} is not: set both (\`pulumi config set --secret ${CONFIG_KEYS.secretKey} …\`) or neither (to use ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET)`,
  };
}

/** Where a user of this provider sets each of core's client options that can be misconfigured. */
const WHERE_TO_SET: Record<string, string> = {
  credentials:
    `run \`pulumi config set ${CONFIG_KEYS.accessKey} <AccessKey ID>\` and \`pulumi config set --secret ${CONFIG_KEYS.secretKey} <AccessKey secret>\`` +
    ` (plus \`--secret ${CONFIG_KEYS.securityToken}\` for STS keys), or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET` +
    ' in the environment of `pulumi`, or an Alibaba Cloud credentials profile',
  endpoint: `check \`${CONFIG_KEYS.endpoint}\` in the stack config`,
  region: `check \`${CONFIG_KEYS.region}\` in the stack config`,
};

/**
 * Core names a bad client option as its API does (`credentials`, `endpoint`, `region`); a Pulumi user sets them
 * through stack config keys instead, so say which keys. Any other error is returned unchanged.
 */
export function explainConfigurationError(error: unknown): unknown {
  if (!(error instanceof ConfigurationError)) return error;
  const where = WHERE_TO_SET[error.option];
  if (where === undefined) return error;
  const problem = error.option === 'credentials' ? 'no usable Alibaba Cloud credentials' : error.message;
  return new Error(`IsvCustomerTerms provider configuration: ${problem}: ${where}`, { cause: error });
}
