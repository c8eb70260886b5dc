// Progress notifications for long tool calls. Several hosts end a call after about 60 s of silence unless progress
// arrives; a client that wants progress sends a progressToken with the call, and only then do we send any.
import type { ServerContext } from '@modelcontextprotocol/server';

/** Reports one step: `progress` counts up, `total` is known up front when it can be. */
export type ProgressReporter = (progress: number, message: string) => Promise<void>;

/** A reporter for the call `ctx` belongs to; a no-op when the client sent no progressToken. */
export function progressReporter(ctx: ServerContext, total?: number): ProgressReporter {
  const token = ctx.mcpReq._meta?.progressToken;
  if (token === undefined) return async () => {};
  return async (progress, message) => {
    try {
      await ctx.mcpReq.notify({
        method: 'notifications/progress',
        params: { progressToken: token, progress, ...(total !== undefined ? { total } : {}), message },
      });
    } catch {
      // A client that went away must not fail a write that is under way: progress is best effort.
    }
  };
}
