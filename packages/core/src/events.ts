// Typed events: what the client is doing, as data. Front ends (the CLI's progress bar, the benchmark, the demo, the
// MCP server's progress notifications) branch on `event.type` instead of matching log message text, so the wording
// of a log line is free to change. Every event is also written to the logger, with its type in `fields.event`, so
// a plain logger sees the same facts. Events carry ids, codes, keys and hashes: never credentials.
import type { Logger } from './logger.js';

/** An API generation that actually carried a write (see IsvTermsClientOptions.apiGeneration). */
export type UsedGeneration = 'legacy' | 'instance';

/** Everything the client reports while it works, discriminated by `type`. */
export type IsvTermsEvent =
  /** An HTTP request to ChatApp is about to be sent (after its quota slot was granted). */
  | { type: 'request'; operation: string; attempt: number; custSpaceId?: string | undefined }
  /** A ChatApp or OSS call failed transiently and will be tried again after `delayMs`. */
  | {
      type: 'retry';
      operation: string;
      attempt: number;
      delayMs: number;
      code: string;
      requestId?: string | undefined;
      custSpaceId?: string | undefined;
    }
  /** An upload authorization (temporary OSS credentials) arrived; the credentials themselves are not included. */
  | {
      type: 'authorized';
      custSpaceId: string;
      requestId: string | undefined;
      bucket: string;
      dir: string;
      expireSeconds: number;
    }
  /** OSS refused a cached authorization as expired; a fresh one is being fetched. */
  | { type: 'authorization-expired'; custSpaceId: string; code: string }
  /** The agreement is in OSS. */
  | { type: 'uploaded'; custSpaceId: string; objectKey: string; sha256: string; size: number }
  /** A write of the customer's terms was accepted, through the named API generation. */
  | {
      type: 'submitted';
      custSpaceId: string;
      requestId: string;
      generation: UsedGeneration;
      instanceId?: string | undefined;
    }
  /** `auto` found SubmitIsvCustomerTerms withdrawn (InvalidAction.NotFound): this client now writes via *Instance. */
  | {
      type: 'generation-switched';
      from: 'legacy';
      to: 'instance';
      code: string;
      requestId: string | undefined;
    }
  /** A customer's record was read back (`pages` = ListInstance calls made; 1 when the cached mapping held). */
  | { type: 'read'; custSpaceId: string; instanceId: string; pages: number }
  /** `verify: true`: the record read back shows what was sent. */
  | { type: 'verified'; custSpaceId: string; generation: UsedGeneration; instanceId: string };

/** Receives every event synchronously. It should return quickly; an exception it throws is logged and ignored. */
export type IsvTermsEventListener = (event: IsvTermsEvent) => void;

/** What emit needs from a client context. */
export interface EventSink {
  logger: Logger;
  onEvent?: IsvTermsEventListener | undefined;
}

/** Log level of each event type: steps are info, requests debug, retries and the generation switch warn. */
const LEVELS: Record<IsvTermsEvent['type'], keyof Logger> = {
  request: 'debug',
  retry: 'warn',
  authorized: 'info',
  'authorization-expired': 'info',
  uploaded: 'info',
  submitted: 'info',
  'generation-switched': 'warn',
  read: 'info',
  verified: 'info',
};

/** Logs `message` with the event's fields plus `event: <type>`, then hands the event to the listener. */
export function emit(sink: EventSink, message: string, event: IsvTermsEvent): void {
  const { type, ...fields } = event;
  sink.logger[LEVELS[type]](message, { event: type, ...fields });
  if (sink.onEvent === undefined) return;
  try {
    sink.onEvent(event);
  } catch (error) {
    // A broken progress bar must not fail (or half-fail) a legal submission.
    sink.logger.error('onEvent listener threw; ignored', {
      event: type,
      errorName: error instanceof Error ? error.name : typeof error,
    });
  }
}
