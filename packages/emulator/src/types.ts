// Shared shapes of the emulator: what a seed looks like, what it records and what its handle offers.
// Kept in one module so the public barrel (index.ts) can re-export them as types only. The RPC operation names
// come from the operation registry, so adding an operation never touches this file.

import { RPC_ACTIONS, type RpcAction } from './operations/index.js';

export type { RpcAction };

/** The OSS object calls the emulator serves. */
export type OssOperation = 'PutObject' | 'GetObject' | 'HeadObject';

/**
 * The operations the emulator serves: the ChatApp RPC actions of the registry (operations/index.ts) and three OSS
 * object calls.
 */
export type Operation = RpcAction | OssOperation;

/** The ChatApp RPC operations (the others are OSS object calls), in registry order. */
export const RPC_OPERATIONS: readonly Operation[] = RPC_ACTIONS;

/** Every operation, in a fixed order (used for stats and validation): RPC actions first, then OSS. */
export const OPERATIONS: readonly Operation[] = [...RPC_ACTIONS, 'PutObject', 'GetObject', 'HeadObject'];

/** Error codes an `okStatusErrorCode` fault may send with HTTP 200: the documented business codes and two 5xx codes. */
export type OkStatusErrorCode =
  | 'System.LimitControl'
  | 'Product.Unsubscript'
  | 'Ram.PermissionDeny'
  | 'Unknown.ResourceOwnerId'
  | 'ServiceUnavailable'
  | 'InternalError';

/** Every OkStatusErrorCode (used for validation). */
export const OK_STATUS_ERROR_CODES: readonly OkStatusErrorCode[] = [
  'System.LimitControl',
  'Product.Unsubscript',
  'Ram.PermissionDeny',
  'Unknown.ResourceOwnerId',
  'ServiceUnavailable',
  'InternalError',
];

/** One Alibaba Cloud account as seeded: its AccessKey pair, subscription, denied RAM actions and spaces. */
export interface AccountSeed {
  /** AccessKey ID the account signs with. */
  accessKeyId: string;
  /** AccessKey secret (never printed by the emulator except in `accounts`). */
  accessKeySecret: string;
  /** Whether the account has activated ChatApp; `false` yields `Product.Unsubscript`. */
  subscribed: boolean;
  /** RAM actions this account may not call, e.g. `cams:SubmitIsvCustomerTerms` or `cams:*`. */
  deniedActions: string[];
  /** Customer space IDs owned by this account. */
  custSpaceIds: string[];
}

/** The JSON seed: accounts plus optional quota and latency defaults. */
export interface EmulatorSeed {
  /** Accounts, the first one conventionally the fully permitted one. */
  accounts: AccountSeed[];
  /** Accepted calls per account per operation in any one-second window. */
  rateLimitPerSecond?: number;
  /** Baseline latency in milliseconds added to each call of an operation. */
  latencyMs?: Partial<Record<Operation, number>>;
  /** Per-operation quotas (RPC actions only) that replace `rateLimitPerSecond` for those actions. */
  rateLimitPerOperation?: Partial<Record<RpcAction, number>>;
  /** RPC actions the service no longer offers: they answer `InvalidAction.NotFound` (HTTP 404). */
  withdrawnOperations?: RpcAction[];
}

/** A fault to inject into one operation. */
export interface FaultSpec {
  /** Extra latency in milliseconds before the call is handled. */
  latencyMs?: number;
  /** Share (0..1) of calls answered with a 5xx; defaults to 1 when only `errorCode` is given. */
  errorRate?: number;
  /** Which 5xx to answer: `ServiceUnavailable` (503, default) or `InternalError` (500). */
  errorCode?: 'ServiceUnavailable' | 'InternalError';
  /** Share (0..1) of calls whose connection is reset without any response. */
  resetRate?: number;
  /** Reject every affected call as throttled (`System.LimitControl`; OSS: `SlowDown`). */
  throttle?: boolean;
  /** Share (0..1) of calls rejected as throttled (a burst at a rate, rather than every call as with `throttle`). */
  throttleRate?: number;
  /**
   * RPC only: once the call has been handled and recorded, wait this long before answering. A client whose timeout
   * is shorter loses the answer to a write that did happen: the case outcome-aware clients must read back.
   */
  latencyAfterMs?: number;
  /**
   * With `okStatusErrorCode`: answer HTTP 200 with the error body for this share (0..1) of authenticated calls instead
   * of all of them. Then the fault combines with `errorRate`, `resetRate`, `throttle` and `throttleRate`.
   */
  okStatusErrorRate?: number;
  /**
   * RPC only: once the caller has authenticated, answer HTTP 200 with `{RequestId, HostId, Code, Message, Recommend}`
   * for this code instead of handling the call (nothing is recorded, no quota used). Cannot be combined with
   * `errorRate`, `errorCode`, `resetRate` or `throttle`.
   */
  okStatusErrorCode?: OkStatusErrorCode;
  /** Apply to the next N calls of the operation only, then clear (with `okStatusErrorCode`: N authenticated calls). */
  count?: number;
}

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /**
   * TCP port; 0 picks a free one.
   * @default 0
   */
  port?: number;
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * A seed object, or the path of a JSON seed file.
   * @default defaultSeed()
   */
  seed?: EmulatorSeed | string;
  /**
   * Quota per account per operation per second; overrides the seed.
   * @default the seed's `rateLimitPerSecond`, else 5
   */
  rateLimitPerSecond?: number;
  /** Baseline latency per operation; overrides the seed's values per operation. */
  latencyMs?: Partial<Record<Operation, number>>;
  /**
   * Accepted clock skew of signed timestamps, in seconds.
   * @default 900
   */
  clockSkewSeconds?: number;
  /**
   * Lifetime of issued temporary OSS credentials (`Expire`), in seconds.
   * @default 3600
   */
  authorizationTtlSeconds?: number;
  /** Per-operation quotas (RPC actions); each entry overrides the seed's entry for that action. */
  rateLimitPerOperation?: Partial<Record<RpcAction, number>>;
  /** Withdrawn RPC actions (answer `InvalidAction.NotFound`); replaces the seed's list. */
  withdrawnOperations?: RpcAction[];
  /**
   * Lifetime of the URLs GeneratePresignedUrl returns, in whole seconds.
   * @default 3600
   */
  presignedUrlTtlSeconds?: number;
}

/**
 * One customer record ("instance") as inspection shows it. The wire fields of QueryInstance/ListInstance in
 * camelCase, plus who owns and last wrote it. Fields never set are absent.
 */
export interface InstanceRecord {
  instanceId: string;
  custSpaceId: string;
  /** `WHATSAPP` for seeded spaces; CreateInstance's `ChannelType` in upper case. */
  channelType: string;
  /** `02` for an ISV sub-customer's space (seeded), `01` for a direct customer (CreateInstance). */
  custType: string;
  /** `pending` until terms are on record, then `published`. */
  state: 'pending' | 'published';
  instanceName?: string;
  instanceDescription?: string;
  officeAddress?: string;
  contactMail?: string;
  countryId?: string;
  /** As sent: the legacy action's file name, or the URL of Create/UpdateInstance (inspection hides its signature). */
  isvTerms?: string;
  /** The OSS key the terms name (`Dir/<file>`). */
  objectKey?: string;
  facebookBmId?: string;
  resourceGroupId?: string;
  resourceRegionId: string;
  /** `2023-12-12 00:00:00` (UTC) of the last write; absent on a seeded record nobody wrote. */
  submitTime?: string;
  /** AccessKey ID of the owning account. */
  accessKeyId: string;
  /** `seed`, or the action that wrote the record last. */
  lastOperation: 'seed' | RpcAction;
  lastRequestId?: string;
}

/** One recorded SubmitIsvCustomerTerms call. */
export interface Submission {
  custSpaceId: string;
  custName: string;
  officeAddress: string;
  contactMail: string;
  countryId: string;
  businessDesc: string;
  isvTerms: string;
  /** OSS key of the terms file: `Dir + "/" + IsvTerms`. */
  objectKey: string;
  /** 1 for the first submission of a space, then 2, 3, … */
  version: number;
  requestId: string;
  /** AccessKey ID of the owning account (also when the call was signed with STS credentials). */
  accessKeyId: string;
  /** ISO 8601 time the submission was recorded. */
  submittedAt: string;
}

/** One stored OSS object, without its body. */
export interface StoredObjectInfo {
  bucket: string;
  key: string;
  size: number;
  /** Base64 MD5 of the body, as in a `Content-MD5` header. */
  contentMd5: string;
  /** Hex SHA-256 of the body. */
  sha256: string;
}

/** Counters for one operation. */
export interface OperationStats {
  /** Calls that reached the operation. */
  requests: number;
  /** Calls answered with a 2xx. */
  succeeded: number;
  /** Calls refused, failed or reset. */
  rejected: number;
  /** Rejections per error code (`ConnectionReset` for injected resets). */
  errors: Record<string, number>;
  /**
   * Arrival times (ms since the epoch, emulator clock) of the calls that reached the quota check, accepted or not,
   * per owning account's AccessKey ID: what a test needs to prove that clients never sent more than the quota in
   * any one-second window. The latest 10 000 per account are kept.
   */
  arrivals: Record<string, number[]>;
}

/** Counters for the whole emulator. */
export interface EmulatorStats {
  /** All API calls (inspection calls excluded), including ones that matched no operation. */
  requests: number;
  rejected: number;
  errors: Record<string, number>;
  operations: Record<Operation, OperationStats>;
}

/** A temporary credential triple minted by the emulator's STS stand-in. */
export interface StsCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  /** ISO 8601 expiry. */
  expiration: string;
}

/** The running emulator. */
export interface Emulator {
  /** `http://HOST:PORT`: the ChatApp RPC endpoint; OSS is served by the same server. */
  readonly endpoint: string;
  /** The seeded accounts with their keys, permitted account first (for the default seed). */
  readonly accounts: readonly AccountSeed[];
  /** Every recorded submission, oldest first. */
  submissions(): Submission[];
  /** Request and rejection counters. */
  stats(): EmulatorStats;
  /** Stored OSS objects. */
  objects(): StoredObjectInfo[];
  /** Every customer record ("instance"), oldest first. */
  instances(): InstanceRecord[];
  /** Replaces the set of withdrawn RPC actions (they answer `InvalidAction.NotFound`); `[]` restores all. */
  setWithdrawnOperations(operations: readonly RpcAction[]): void;
  /** Injects a fault into one operation (replaces the previous fault of that operation). */
  setFaults(operation: Operation, fault: FaultSpec): void;
  /** Clears the faults of one operation, or of all. */
  clearFaults(operation?: Operation): void;
  /** Mints STS credentials that act for the account owning `accessKeyId` on the ChatApp API. */
  issueStsCredentials(accessKeyId: string, ttlSeconds?: number): StsCredentials;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}
