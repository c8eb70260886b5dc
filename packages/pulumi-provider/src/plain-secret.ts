// A warning for the program side of the dynamic resource: `alicloud:secretKey` set without `--secret` is stored in
// plain text in Pulumi.<stack>.yaml and, through the dynamic provider's configuration, in the state. Only the program
// can tell: the dynamic-provider host hands the provider every config value already decrypted, secret or not.
import * as pulumi from '@pulumi/pulumi';
import { CONFIG_KEYS } from './settings.js';

interface ConfigRuntime {
  getConfig(key: string): string | undefined;
  isConfigSecret?(key: string): boolean;
}

// One program run is one process and the warning is about the stack, not about a resource: say it once.
let warned = false;

/** Warns once per program run when the AccessKey secret is plain stack configuration. */
export function warnIfSecretKeyIsPlain(runtime: ConfigRuntime = pulumi.runtime as unknown as ConfigRuntime): boolean {
  if (warned) return false;
  const key = CONFIG_KEYS.secretKey;
  if (runtime.getConfig(key) === undefined || runtime.isConfigSecret?.(key) !== false) return false;
  warned = true;
  void pulumi.log.warn(
    `${key} is plain stack configuration: Pulumi stores it unencrypted in Pulumi.<stack>.yaml and in the state. ` +
      `Set it with \`pulumi config set --secret ${key}\`.`,
  );
  return true;
}
