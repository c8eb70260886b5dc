// Serves a `@pulumi/pulumi/provider` Provider over gRPC (`provider.main`) and hands the provider its configuration.
// provider.main's own Configure answers the engine but drops the request (it has no hook for a custom resource
// provider's configuration, only for components), so the `chatapp-isv:*` stack config would never reach us. The one
// seam it leaves is the gRPC service object it registers: this wraps that object's `configure` for the one call to
// `addService` made by provider.main, reads the request's arguments, then lets provider.main answer as usual.
import { createRequire } from 'node:module';
import type * as ProviderApi from '@pulumi/pulumi/provider/index.js';

/** Configuration as the engine sends it: argument name → value (secret values still wrapped). */
export type ConfigureArgs = Record<string, unknown>;

interface GrpcServerClass {
  prototype: { addService(this: unknown, service: unknown, implementation: Record<string, unknown>): void };
}

interface ConfigureCall {
  request: {
    getArgs(): { toJavaScript(): ConfigureArgs } | undefined;
    getVariablesMap(): { entries(): Iterable<[string, string]> };
  };
}

/** The arguments of a Configure request; older engines send only `variables` (`<pkg>:config:<key>` → text). */
function argsOf(call: ConfigureCall): ConfigureArgs {
  const args = call.request.getArgs()?.toJavaScript();
  if (args !== undefined && Object.keys(args).length > 0) return args;
  const fromVariables: ConfigureArgs = {};
  for (const [key, value] of call.request.getVariablesMap().entries()) {
    fromVariables[key.slice(key.lastIndexOf(':') + 1)] = value;
  }
  return fromVariables;
}

/** Runs provider.main(provider, argv) and calls `onConfigure` with every Configure request's arguments. */
export async function serveProvider(
  provider: ProviderApi.Provider,
  argv: string[],
  onConfigure: (args: ConfigureArgs) => void,
): Promise<void> {
  // The grpc-js instance @pulumi/pulumi itself uses (pnpm may hold several).
  const fromPulumi = createRequire(createRequire(import.meta.url).resolve('@pulumi/pulumi'));
  const grpc = fromPulumi('@grpc/grpc-js') as { Server: GrpcServerClass };
  const { main } = fromPulumi('@pulumi/pulumi/provider') as typeof ProviderApi;
  const original = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (service, implementation) {
    grpc.Server.prototype.addService = original;
    const answer = implementation['configure'] as (call: ConfigureCall, callback: unknown) => void;
    implementation['configure'] = (call: ConfigureCall, callback: unknown) => {
      onConfigure(argsOf(call));
      answer.call(implementation, call, callback);
    };
    original.call(this, service, implementation);
  };
  try {
    await main(provider, argv);
  } finally {
    grpc.Server.prototype.addService = original;
  }
}
