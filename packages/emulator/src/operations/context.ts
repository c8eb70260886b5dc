// What the ChatApp operations may touch, passed in explicitly rather than shared through module state.
import type { PresignKey } from '../auth/oss-presigned.js';
import type { AccountStore, Credential } from '../state/accounts.js';
import type { InstanceStore } from '../state/instances.js';
import type { ObjectStore } from '../state/object-store.js';
import type { SubmissionLog } from '../state/submissions.js';

/** Dependencies of an operation handler. */
export interface OperationContext {
  readonly store: AccountStore;
  readonly objects: ObjectStore;
  readonly submissions: SubmissionLog;
  /** The customer records of the *Instance operations. */
  readonly instances: InstanceStore;
  /** The service's key for presigned OSS URLs, and how long such a URL lives. */
  readonly presignKey: PresignKey;
  readonly presignedUrlTtlSeconds: number;
  /** The one bucket that holds agreement files. */
  readonly bucket: string;
  /** The `EndPoint` returned to clients (the emulator's own `http://IP:PORT`). */
  readonly ossEndpoint: () => string;
  readonly authorizationTtlSeconds: number;
  readonly now: () => number;
}

/** One authenticated, admitted call. */
export interface OperationCall {
  readonly params: ReadonlyMap<string, string>;
  readonly caller: Credential;
  readonly requestId: string;
}

/** The body fields an operation adds to `{RequestId, Code: "OK", Message: "OK"}`. */
export type OperationResult = Record<string, unknown>;

/** The OSS folder of a customer space. */
export function dirFor(custSpaceId: string): string {
  return `C${custSpaceId}`;
}
