// A warm-up before the burst. core's limiter counts a quota slot when it is granted, the service when the request
// arrives; the margin between the two (100 ms) covers ordinary jitter, but not the first call of a process: it
// runs cold code (SDK internals, signing, the first connection; and the server's first request), which on a busy
// machine takes hundreds of ms. Its slot is granted at t0 but it arrives much later, while the sixth call, granted
// warm at t0 + 1.1 s, arrives on time: six arrivals within one second, one System.LimitControl (seen 1–4 times per
// 200-row run under load). So the CLI makes one authorization call first (the first row's: it is cached and used by
// that row) and starts the batch only once that call's slot has left the window. Cost: about one second per run.
import { DEFAULT_SAFETY_MARGIN_MS, type IsvTermsClient } from '@chatapp-isv/core';

/** One second's window plus the limiter's margin plus a little: when a slot granted at t no longer counts. */
const SLOT_LIFETIME_MS = 1000 + DEFAULT_SAFETY_MARGIN_MS + 50;

/** Tracks when the client's first quota slot was granted (core emits `request` right after the grant). */
export interface WarmUp {
  /** Feed core's events here. */
  onRequest(): void;
  /** Authorizes `custSpaceId` once, then waits until that slot has left the quota window. Never throws. */
  run(client: IsvTermsClient, custSpaceId: string): Promise<void>;
}

/** Creates the warm-up tracker. */
export function createWarmUp(): WarmUp {
  let grantedAt: number | undefined;
  return {
    onRequest() {
      grantedAt ??= performance.now();
    },
    async run(client, custSpaceId) {
      try {
        await client.getUploadAuthorization({ custSpaceId });
      } catch {
        // The row's own upload reports any failure; the warm-up only primes the path.
      }
      if (grantedAt === undefined) return;
      const wait = grantedAt + SLOT_LIFETIME_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}
