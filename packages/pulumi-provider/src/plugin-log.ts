// Warnings from the plugin, shown by the engine. A resource plugin's stderr only reaches Pulumi's verbose log, not the
// user (unlike the dynamic-provider host's), so the plugin sends its warnings to the engine's Log service, whose
// address the engine passes as the plugin's first argument. Without an engine (tests, a misstarted plugin) they go to
// stderr.
import { createRequire } from 'node:module';

interface EngineLogRequest {
  setSeverity(value: number): void;
  setMessage(value: string): void;
  setUrn(value: string): void;
}

/** Sends warnings to the engine at `engineAddress`; returns the function that sends one. */
export function createEngineWarn(engineAddress: string | undefined): (message: string, urn?: string) => void {
  const toStderr = (message: string) => process.stderr.write(`warning: ${message}\n`);
  if (engineAddress === undefined || engineAddress === '') return toStderr;
  const fromPulumi = createRequire(createRequire(import.meta.url).resolve('@pulumi/pulumi'));
  const grpc = fromPulumi('@grpc/grpc-js') as { credentials: { createInsecure(): unknown } };
  const engineProto = fromPulumi('@pulumi/pulumi/proto/engine_pb') as {
    LogRequest: new () => EngineLogRequest;
    LogSeverity: { WARNING: number };
  };
  const engineRpc = fromPulumi('@pulumi/pulumi/proto/engine_grpc_pb') as {
    EngineClient: new (
      address: string,
      credentials: unknown,
    ) => { log(request: EngineLogRequest, callback: (error: Error | null) => void): void };
  };
  const engine = new engineRpc.EngineClient(engineAddress, grpc.credentials.createInsecure());
  return (message, urn = '') => {
    const request = new engineProto.LogRequest();
    request.setSeverity(engineProto.LogSeverity.WARNING);
    request.setMessage(message);
    request.setUrn(urn);
    engine.log(request, (error) => {
      if (error) toStderr(message);
    });
  };
}

/** The engine address among the plugin's arguments: the first one that is not a flag. */
export function engineAddressOf(argv: string[]): string | undefined {
  return argv.find((arg) => !arg.startsWith('-'));
}
