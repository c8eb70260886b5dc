// The object Pulumi serializes into every IsvCustomerTerms resource's state as `__provider`. Pulumi serializes a
// dynamic provider by the source text of its functions plus everything they capture; capturing real code breaks in
// several ways (pnpm hides our transitive dependencies from the user's project, big SDKs fail to serialize, and every
// upgrade would change the state). So this object captures nothing but one module name: each method imports the
// implementation (`@chatapp-isv/pulumi-provider/provider`) at call time, inside the provider process, resolved from
// the Pulumi project directory, where the package is a direct dependency. Keep this file free of imports with
// runtime effect, and never store anything on the object before it is serialized.
import type { dynamic } from '@pulumi/pulumi';
import type { createIsvCustomerTermsProvider } from './provider.js';

/** The package subpath that holds the implementation (see package.json `exports`). */
export const IMPLEMENTATION_MODULE = '@chatapp-isv/pulumi-provider/provider';

/** State kept on the deserialized provider object, in the provider process only. */
interface Delegating {
  implementation?: ReturnType<typeof createIsvCustomerTermsProvider>;
}

/** Loads the implementation once per deserialized provider; fails with a fix-it message when it cannot be found. */
async function implementationOf(holder: Delegating): Promise<ReturnType<typeof createIsvCustomerTermsProvider>> {
  if (holder.implementation === undefined) {
    let loaded: { createIsvCustomerTermsProvider: typeof createIsvCustomerTermsProvider };
    try {
      loaded = await import(IMPLEMENTATION_MODULE);
    } catch (error) {
      throw new Error(
        `cannot load ${IMPLEMENTATION_MODULE} from the Pulumi project directory: ${(error as Error)?.message ?? String(error)}. ` +
          'Add @chatapp-isv/pulumi-provider to the dependencies of the Pulumi project itself and install them.',
        { cause: error },
      );
    }
    holder.implementation = loaded.createIsvCustomerTermsProvider();
  }
  return holder.implementation;
}

/** Creates the tiny delegating provider that Pulumi serializes (one per resource; the text is identical). */
export function createSerializableProvider(): dynamic.ResourceProvider {
  return {
    async configure(this: Delegating, req) {
      // The host configures before every first call, delete included. If the implementation cannot be loaded, let
      // the call itself decide: check/diff/create/read/update fail with the fix-it message, delete still succeeds.
      const implementation = await implementationOf(this).catch(() => undefined);
      await implementation?.configure(req);
    },
    async check(this: Delegating, olds, news) {
      return (await implementationOf(this)).check(olds, news);
    },
    async diff(this: Delegating, id, olds, news) {
      return (await implementationOf(this)).diff(id, olds, news);
    },
    async create(this: Delegating, inputs) {
      return (await implementationOf(this)).create(inputs);
    },
    async read(this: Delegating, id, props) {
      return (await implementationOf(this)).read(id, props);
    },
    async update(this: Delegating, id, olds, news) {
      return (await implementationOf(this)).update(id, olds, news);
    },
    async delete(this: Delegating, id, props) {
      // ChatApp has nothing to delete, so losing the implementation (the package was uninstalled) must not block
      // `pulumi destroy`: say so, and let Pulumi forget the resource.
      let implementation: Awaited<ReturnType<typeof implementationOf>>;
      try {
        implementation = await implementationOf(this);
      } catch (error) {
        process.stderr.write(
          `warning: IsvCustomerTerms ${id}: ChatApp has no operation to withdraw customer terms; they stay on record ` +
            `with Alibaba Cloud. Pulumi only stops tracking them (${(error as Error)?.message ?? String(error)})\n`,
        );
        return;
      }
      return implementation.delete(id, props);
    },
  };
}
