// The plugin adapter: `chatapp-isv:index:IsvCustomerTerms` for `@pulumi/pulumi/provider` (`provider.main`), over the
// same lifecycle as the dynamic resource. The plugin accepts secrets, so values may arrive wrapped as Pulumi secrets:
// the adapter unwraps them for the lifecycle and wraps the same properties again in what it returns, so a value the
// user marked secret stays secret in the state. It also reads the provider configuration (`chatapp-isv:*`) and warns
// when the AccessKey secret was set as plain config.
import type * as ProviderApi from '@pulumi/pulumi/provider/index.js';
import { createTermsLifecycle, type IsvCustomerTermsProviderDeps } from './lifecycle.js';
import { PLUGIN_RESOURCE_TYPE, packageSchema } from './schema.js';
import { PLUGIN_CONFIG_KEYS, readProviderSettings } from './settings.js';
import type { IsvCustomerTermsInputs, IsvCustomerTermsOutputs } from './types.js';

const SIG = '4dabf18193072939515e22adb298388d';
const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';

function isSecret(value: unknown): value is { value: unknown } {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)[SIG] === SECRET_SIG;
}

/** Top-level property values without secret wrappers, and the names of the properties that were secret. */
function unwrap(props: Record<string, unknown> | undefined): { values: Record<string, unknown>; secrets: Set<string> } {
  const values: Record<string, unknown> = {};
  const secrets = new Set<string>();
  for (const [key, value] of Object.entries(props ?? {})) {
    if (isSecret(value)) secrets.add(key);
    values[key] = isSecret(value) ? value.value : value;
  }
  return { values, secrets };
}

function wrap(values: Record<string, unknown>, secrets: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    out[key] = secrets.has(key) && value !== undefined ? { [SIG]: SECRET_SIG, value } : value;
  }
  return out;
}

function requireOurType(urn: string): void {
  const type = urn.split('::')[2]?.split('$').pop();
  if (type !== PLUGIN_RESOURCE_TYPE) throw new Error(`unknown resource type ${type ?? urn}`);
}

/** The plugin's Provider plus the hook that receives the engine's Configure arguments. */
export interface PluginProvider {
  provider: ProviderApi.Provider;
  configure(args: Record<string, unknown>): void;
}

/** Creates the plugin adapter; `version` is the plugin's version (the package's). */
export function createPluginProvider(version: string, deps: IsvCustomerTermsProviderDeps = {}): PluginProvider {
  const lifecycle = createTermsLifecycle(deps);
  const warn = deps.warn ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
  const schema = JSON.stringify(packageSchema(version));

  const provider: ProviderApi.Provider = {
    version,
    schema,
    async check(urn, _olds, news) {
      requireOurType(urn);
      const { values, secrets } = unwrap(news);
      const result = await lifecycle.check(values);
      return { inputs: wrap(result.inputs, secrets), failures: result.failures };
    },
    async diff(_id, _urn, olds, news) {
      return lifecycle.diff(unwrap(olds).values, unwrap(news).values);
    },
    async create(urn, inputs) {
      requireOurType(urn);
      const { values, secrets } = unwrap(inputs);
      const { id, outs } = await lifecycle.create(values as unknown as IsvCustomerTermsInputs);
      return { id, outs: wrap(outs as unknown as Record<string, unknown>, secrets) };
    },
    async update(id, _urn, olds, news) {
      const before = unwrap(olds);
      const after = unwrap(news);
      const outs = await lifecycle.update(
        id,
        before.values as unknown as IsvCustomerTermsOutputs,
        after.values as unknown as IsvCustomerTermsInputs,
      );
      return { outs: wrap(outs as unknown as Record<string, unknown>, after.secrets) };
    },
    async read(id, _urn, props) {
      const { values, secrets } = unwrap(props);
      const recorded = Object.keys(values).length === 0 ? undefined : (values as Partial<IsvCustomerTermsOutputs>);
      const result = await lifecycle.read(id, recorded);
      const out: { id: string; props: Record<string, unknown>; inputs?: Record<string, unknown> } = {
        id: result.id,
        props: wrap(result.props, secrets),
      };
      if (result.inputs !== undefined) out.inputs = wrap(result.inputs, secrets);
      return out;
    },
    async delete(id, _urn, props) {
      await lifecycle.delete(id, unwrap(props).values as Partial<IsvCustomerTermsOutputs>);
    },
  };

  return {
    provider,
    configure(args) {
      const { values, secrets } = unwrap(args);
      const text = (key: string): string | undefined => {
        const name = key.slice(key.indexOf(':') + 1);
        const value = values[name];
        return value === undefined || value === null ? undefined : String(value);
      };
      lifecycle.configure(readProviderSettings({ get: text }, PLUGIN_CONFIG_KEYS));
      if (text(PLUGIN_CONFIG_KEYS.secretKey) !== undefined && !secrets.has('secretKey')) {
        warn(
          `${PLUGIN_CONFIG_KEYS.secretKey} is plain stack configuration: Pulumi stores it unencrypted in ` +
            `Pulumi.<stack>.yaml and in the state. Set it with \`pulumi config set --secret ${PLUGIN_CONFIG_KEYS.secretKey}\`.`,
        );
      }
    },
  };
}
