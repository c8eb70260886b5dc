// Secrets must never reach a tool result or a log line: hosts keep both, and tool output enters model context.
// Core's redactSecrets does the masking (credential-shaped fields, Authorization headers, signatures); this adds the
// secret values this process knows (the AccessKey secret, STS token, bearer token) wherever they appear.
import { redactSecrets } from '@chatapp-isv/core';

/** Masks secrets in a string. */
export type Redactor = (text: string) => string;

/** Builds a redactor that masks each of `secrets` (empty or very short values are ignored) and known shapes. */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  // Longest first, so a secret that contains another is masked whole.
  const values = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => redactSecrets(text, values);
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
