// Public surface of @chatapp-isv/emulator: a local, signature-verifying stand-in for Alibaba Cloud ChatApp
// (cams 2020-06-06: GetChatappUploadAuthorization, SubmitIsvCustomerTerms, the *Instance family and
// GeneratePresignedUrl) and the OSS calls ali-oss makes.
// Everything a test or tool needs is exported here; nothing else in src/ is public.

/** Starts an emulator; resolves once it listens. */
export { startEmulator } from './server.js';
/** The default seed (fresh random keys per call): permitted, unsubscribed, denied and a second permitted account. */
export { defaultSeed } from './seed.js';
/** Every emulated operation, in a fixed order. */
export { OPERATIONS } from './types.js';
/** Name of the bucket that holds agreement files. */
export { TERMS_BUCKET } from './server.js';

/** Shapes of options, seeds, records and the emulator handle. */
export type {
  AccountSeed,
  Emulator,
  EmulatorOptions,
  EmulatorSeed,
  EmulatorStats,
  FaultSpec,
  InstanceRecord,
  OkStatusErrorCode,
  Operation,
  OperationStats,
  RpcAction,
  StoredObjectInfo,
  StsCredentials,
  Submission,
} from './types.js';
