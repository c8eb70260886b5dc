// @chatapp-isv/pulumi-provider: the package's whole public surface.
//
// `IsvCustomerTerms` is a Pulumi dynamic resource that uploads a customer's signed agreement PDF and submits it with
// ChatApp's SubmitIsvCustomerTerms, through @chatapp-isv/core. Credentials come from stack configuration or the
// environment, never from inputs, so they never reach the state. The implementation is also reachable as
// `@chatapp-isv/pulumi-provider/provider` (loaded by the serialized provider at call time) and through
// `createIsvCustomerTermsProvider` for direct use in tests.

// The resource.
export { IsvCustomerTerms } from './resource.js';
export type { IsvCustomerTermsArgs } from './resource.js';

// The provider implementation, for calling its methods directly.
export { createIsvCustomerTermsProvider } from './provider.js';
export type { ClientOptions, IsvCustomerTermsProvider, IsvCustomerTermsProviderDeps, TermsClient } from './provider.js';

// Names and shapes: the type token, configuration keys, diff policy, and the provider-side values.
export { RESOURCE_TYPE } from './types.js';
export { CONFIG_KEYS } from './settings.js';
export { REPLACING_PROPERTIES, UPDATABLE_PROPERTIES } from './diff.js';
export type { FileAssetValue, IsvCustomerTermsInputs, IsvCustomerTermsOutputs, TermsFileValue } from './types.js';
export type { ProviderSettings } from './settings.js';
