// The dynamic-resource adapter. This module is NOT what Pulumi serializes into the state: the serialized provider
// (serialized-provider.ts) imports it by its package subpath at call time, inside the provider process, so the state
// never carries our code or our dependencies and resolution works under pnpm. It only translates between the
// dynamic-provider interface and the shared implementation in lifecycle.ts: it reads the stack configuration in
// `configure` and keeps the serialized `__provider` out of what the implementation sees and records.
import type { dynamic } from '@pulumi/pulumi';
import { createTermsLifecycle, type IsvCustomerTermsProviderDeps } from './lifecycle.js';
import { readProviderSettings } from './settings.js';
import type { IsvCustomerTermsInputs, IsvCustomerTermsOutputs } from './types.js';

export type { ClientOptions, IsvCustomerTermsProviderDeps, TermsClient } from './lifecycle.js';

/** The provider interface, typed with our inputs and outputs. */
export type IsvCustomerTermsProvider = Required<
  dynamic.ResourceProvider<IsvCustomerTermsInputs, IsvCustomerTermsOutputs>
>;

function plain<T extends object>(props: T): T {
  const copy = { ...props } as Record<string, unknown>;
  delete copy['__provider'];
  return copy as T;
}

/**
 * Creates the IsvCustomerTerms dynamic provider (check, diff, create, update, read, delete) over the lifecycle, for
 * calling its methods directly (tests, tools).
 *
 * @example
 * ```ts
 * import { createIsvCustomerTermsProvider } from '@chatapp-isv/pulumi-provider';
 *
 * const provider = createIsvCustomerTermsProvider({ clientOptions: { endpoint: 'http://127.0.0.1:8470' } });
 * const inputs = {
 *   custSpaceId: 'space.01', // refused: letters, digits, "_" and "-" only
 *   custName: 'Acme Pte Ltd',
 *   officeAddress: '1 Example Road, Singapore',
 *   contactMail: 'legal@acme.example',
 *   countryId: 'SG',
 *   businessDesc: 'Order updates over WhatsApp',
 *   termsFile: 'missing.pdf', // refused: no such file, with the hint
 * };
 * const checked = await provider.check(inputs, inputs);
 * for (const failure of checked.failures ?? []) console.log(failure.property, failure.reason);
 * ```
 * @throws nothing itself; `create` and `update` reject with the service's error, core's hint appended
 */
export function createIsvCustomerTermsProvider(deps: IsvCustomerTermsProviderDeps = {}): IsvCustomerTermsProvider {
  const lifecycle = createTermsLifecycle(deps);
  return {
    async configure(req) {
      lifecycle.configure(readProviderSettings(req.config));
    },
    check: async (_olds, news) =>
      (await lifecycle.check(
        plain(news) as unknown as Record<string, unknown>,
      )) as unknown as dynamic.CheckResult<IsvCustomerTermsInputs>,
    diff: async (_id, olds, news) =>
      lifecycle.diff(
        plain(olds) as unknown as Record<string, unknown>,
        plain(news) as unknown as Record<string, unknown>,
      ),
    create: (inputs) => lifecycle.create(plain(inputs)),
    update: async (id, olds, news) => ({ outs: await lifecycle.update(id, plain(olds), plain(news)) }),
    read: (id, props) =>
      lifecycle.read(id, props === undefined ? undefined : plain(props)) as unknown as Promise<
        dynamic.ReadResult<IsvCustomerTermsOutputs>
      >,
    delete: (id, props) => lifecycle.delete(id, props === undefined ? undefined : plain(props)),
  };
}
