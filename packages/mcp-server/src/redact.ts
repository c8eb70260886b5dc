// Secrets must never reach a tool result or a log line: hosts keep both, and tool output enters model context.
// Core's redactSecrets runs first; then the secret values this process knows (the AccessKey secret, STS token,
// bearer token) are masked wherever they appear, and so are the parameter shapes that carry secrets in Alibaba
// Cloud and OSS messages (signatures, tokens, Authorization headers).
import { redactSecrets } from '@chatapp-isv/core';

/** Masks secrets in a string. */
export type Redactor = (text: string) => string;

const MASK = '[REDACTED]';

// `Name=value`, `Name: value` and `"Name":"value"` forms of secret-bearing parameters and headers.
const SECRET_PARAMETER =
  /("?)(AccessKeySecret|accessKeySecret|SecurityToken|securityToken|stsToken|Signature|signature|x-acs-security-token|x-oss-security-token|authorization|Authorization)("?\s*[:=]\s*"?)([^"\s&,;}]+)/g;
const AUTH_SCHEME = /\b(ACS3-HMAC-SHA256|OSS4-HMAC-SHA256|OSS|Bearer)\s+[A-Za-z0-9+/=_:.,;\-\s]{8,}/g;

/** Builds a redactor that masks each of `secrets` (empty or very short values are ignored) and known shapes. */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const values = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => {
    let out = redactSecrets(text);
    for (const value of values) out = out.split(value).join(MASK);
    out = out.replace(SECRET_PARAMETER, (_m, q1: string, name: string, sepr: string) => `${q1}${name}${sepr}${MASK}`);
    out = out.replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${MASK}`);
    return out;
  };
}

/** The secret values this process knows from its environment (Alibaba Cloud credentials, the HTTP token). */
export function secretsFromEnv(env: NodeJS.ProcessEnv): string[] {
  return [
    env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
    env['ALIBABA_CLOUD_SECURITY_TOKEN'],
    env['ALICLOUD_ACCESS_KEY_SECRET'],
    env['ALICLOUD_SECURITY_TOKEN'],
    env['CHATAPP_ISV_MCP_TOKEN'],
  ].filter((v): v is string => typeof v === 'string' && v.length > 0);
}
