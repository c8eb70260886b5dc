// @chatapp-isv/pulumi-provider: the package's whole public surface.
//
// `IsvCustomerTerms` is a Pulumi dynamic resource that uploads a customer's signed agreement PDF and submits it with
// ChatApp's SubmitIsvCustomerTerms, through @chatapp-isv/core. Credentials come from stack configuration or the
// environment, never from inputs, so they never reach the state. The implementation is also reachable as
// `@chatapp-isv/pulumi-provider/provider` (loaded by the serialized provider at call time) and through
// `createIsvCustomerTermsProvider` for direct use in tests. The same implementation (lifecycle.ts) also serves the
// `pulumi-resource-chatapp-isv` plugin (bin/), for YAML, Python and every other Pulumi language; its schema and
// adapter are exported for tools and tests.

// The resource.
export { IsvCustomerTerms } from './resource.js';
export type { IsvCustomerTermsArgs } from './resource.js';

// The provider implementation, for calling its methods directly.
export { createIsvCustomerTermsProvider } from './provider.js';
export type { ClientOptions, IsvCustomerTermsProvider, IsvCustomerTermsProviderDeps, TermsClient } from './provider.js';

// The plugin: its package schema, type token, and the adapter provider.main serves.
export { PACKAGE_NAME, PLUGIN_RESOURCE_TYPE, packageSchema } from './schema.js';
export { createPluginProvider } from './plugin-provider.js';
export type { PluginProvider } from './plugin-provider.js';

// Names and shapes: the type token, configuration keys, diff policy, and the provider-side values.
export { RESOURCE_TYPE } from './types.js';
export { CONFIG_KEYS, PLUGIN_CONFIG_KEYS } from './settings.js';
export { REPLACING_PROPERTIES, UPDATABLE_PROPERTIES } from './diff.js';
export type { FileAssetValue, IsvCustomerTermsInputs, IsvCustomerTermsOutputs, TermsFileValue } from './types.js';
export type { ProviderSettings } from './settings.js';
