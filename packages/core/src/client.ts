// createIsvTermsClient: resolves options once (endpoint, credentials, quota, retry, logger, limits) into a context
// and binds the operation modules to it. Options are checked here, so a bad endpoint or quota fails at
// construction with a ConfigurationError rather than at the first call.
import { createGenerationState, type ApiGeneration } from './api-generation.js';
import { DEFAULT_LOST_ANSWER_SETTLE_MS, type LostAnswerPolicy } from './settle-by-read-back.js';
import type { ClientContext, ServiceEndpoint } from './context.js';
import { credentialsSource, type CredentialsProvider, type StaticCredentials } from './credentials.js';
import { ConfigurationError } from './errors.js';
import type { IsvTermsEventListener } from './events.js';
import { silentLogger, type Logger } from './logger.js';
import { createAuthorizationCache } from './authorization-cache.js';
import { createInstanceDirectory } from './instance-directory.js';
import { toCustomerTermsRecord, type CustomerTermsRecord } from './instance-record.js';
import {
  generatePresignedUrl,
  type GeneratePresignedUrlInput,
  type PresignedUrl,
} from './operations/generate-presigned-url.js';
import { DEFAULT_INSTANCE_PAGE_SIZE, listInstancePage, type ListInstancesInput } from './operations/list-instance.js';
import { queryInstance, type QueryInstanceInput } from './operations/query-instance.js';
import { readCustomerTerms, type ReadCustomerTermsInput } from './operations/read-customer-terms.js';
import {
  getUploadAuthorization,
  type GetUploadAuthorizationInput,
  type UploadAuthorization,
} from './operations/get-upload-authorization.js';
import {
  submitCustomerTerms,
  type SubmitCustomerTermsInput,
  type SubmitCustomerTermsResult,
} from './operations/submit-customer-terms.js';
import {
  submitIsvCustomerTerms,
  type SubmitIsvCustomerTermsInput,
  type SubmitResult,
} from './operations/submit-isv-customer-terms.js';
import { uploadTermsFile, type UploadResult, type UploadTermsFileInput } from './operations/upload-terms-file.js';
import { sharedQuotaLimiter, type QuotaLimiter, type QuotaOptions } from './quota/limiter.js';
import { createSecretRegistry, redactError } from './redact.js';
import { retryPolicy, type RetryOptions } from './retry.js';
import { DEFAULT_MAX_FILE_BYTES } from './validation/file.js';

/** Default region. */
export const DEFAULT_REGION = 'ap-southeast-1';

/** Environment variables read when the matching option is not given (the same ones every front end documents). */
export const ENDPOINT_ENV = 'CHATAPP_ISV_ENDPOINT';
/** See ENDPOINT_ENV. */
export const REGION_ENV = 'CHATAPP_ISV_REGION';

/** Options of createIsvTermsClient. */
export interface IsvTermsClientOptions {
  /**
   * Region ID; the endpoint becomes `cams.<region>.aliyuncs.com` (default `ap-southeast-1`).
   * @default CHATAPP_ISV_REGION, else `'ap-southeast-1'`
   */
  region?: string | undefined;
  /**
   * Endpoint override: a host (`cams.ap-southeast-1.aliyuncs.com`, HTTPS) or a URL (`http://127.0.0.1:1234`). A
   * host without a scheme means HTTPS: a plain-HTTP endpoint (the emulator) needs `http://`.
   * @default CHATAPP_ISV_ENDPOINT, else derived from `region`
   */
  endpoint?: string | undefined;
  /**
   * AccessKey pair (+ STS token) or a provider with getCredential(); default: the Alibaba Cloud default chain.
   * @default the default chain: environment, OIDC, ~/.aliyun/config.json, ~/.alibabacloud/credentials, ECS RAM role
   */
  credentials?: StaticCredentials | CredentialsProvider | undefined;
  /**
   * How the user named the credentials profile the default chain reads (it reads ALIBABA_CLOUD_PROFILE), so the
   * "no credentials" message names the setting the user actually gave, e.g. `--profile` for a CLI that sets it.
   * @default 'ALIBABA_CLOUD_PROFILE'
   */
  profileNamedBy?: string | undefined;
  /**
   * Quota per account and operation (default 5/s, shared process-wide), or your own limiter.
   * @default `{ requestsPerSecond: 5 }`, shared by every client of the process
   */
  quota?: QuotaOptions | QuotaLimiter | undefined;
  /**
   * Key the quota is counted under instead of the AccessKey ID, e.g. your account ID when several (rotating STS)
   * AccessKeys of one account are in use: the service counts per account.
   */
  quotaKey?: string | undefined;
  /** Retry bounds for throttling, 5xx and network errors. */
  retry?: RetryOptions | undefined;
  /** Receives step, retry and failure logs (never secrets), each with its event type in `fields.event`; default: silent. */
  logger?: Logger | undefined;
  /** Receives typed progress events (steps, requests, retries, generation switch); see IsvTermsEvent. */
  onEvent?: IsvTermsEventListener | undefined;
  /**
   * Where `CHATAPP_ISV_ENDPOINT` / `CHATAPP_ISV_REGION` are read when `endpoint` / `region` are not given
   * (default `process.env`; pass `{}` to ignore the environment).
   */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /**
   * Largest agreement file in bytes.
   * @default 2097152 (2 MiB)
   */
  maxFileBytes?: number | undefined;
  /**
   * Connect and read timeout per HTTP request, in ms.
   * @default 30000
   */
  timeoutMs?: number | undefined;
  /**
   * Which API carries writes: `legacy` (SubmitIsvCustomerTerms), `instance` (GeneratePresignedUrl + UpdateInstance)
   * or `auto` (default): legacy until the service answers InvalidAction.NotFound, then instance for this client.
   */
  apiGeneration?: ApiGeneration | undefined;
  /**
   * What to do when a write's answer was lost (timeout or dropped connection after sending) and the record read back
   * does not show it: `'resend-if-absent'` sends it once more (the result says `resentAfterReadBack`); `'report'`
   * throws OutcomeUnknownError and leaves the decision to you. A record that shows the write is success either way.
   * @default 'resend-if-absent'
   */
  lostAnswer?: LostAnswerPolicy | undefined;
  /**
   * How long to wait after a lost answer before reading the record back, in ms, so a write still in flight at the
   * service can land first.
   * @default 2000
   */
  lostAnswerSettleMs?: number | undefined;
  /**
   * ListInstance page size for the read-back's scan.
   * @default 50
   */
  instancePageSize?: number | undefined;
}

/** One page of ListInstance, mapped. */
export interface InstanceList {
  /** `TotalCount` over all pages. */
  totalCount: number;
  records: CustomerTermsRecord[];
  requestId: string | undefined;
}

/** A QueryInstance result: a record without the space and state, which QueryInstance does not return. */
export type InstanceRecord = Omit<CustomerTermsRecord, 'custSpaceId' | 'state'>;

/** The ISV customer-terms client. */
export interface IsvTermsClient {
  /** Temporary OSS credentials for a customer space (cached until shortly before expiry). Contains secrets. */
  getUploadAuthorization(input: GetUploadAuthorizationInput): Promise<UploadAuthorization>;
  /**
   * Validates a PDF and uploads it to OSS as `Dir/<fileName>`.
   * @throws ValidationError naming each bad field (`custSpaceId`, `file`, `fileName`) before anything is sent
   * @throws ChatAppError or OssError with the service's code and RequestId; see errorHint for what to do
   * @throws ConfigurationError when no credentials can be found (it lists every source tried)
   */
  uploadTermsFile(input: UploadTermsFileInput): Promise<UploadResult>;
  /**
   * Validates and sends SubmitIsvCustomerTerms for an already uploaded file.
   * @throws ValidationError naming each bad field before anything is sent
   * @throws ChatAppError with the service's code and RequestId
   * @throws OutcomeUnknownError when the answer was lost: the write may be on record and was not resent
   */
  submitIsvCustomerTerms(input: SubmitIsvCustomerTermsInput): Promise<SubmitResult>;
  /**
   * The whole flow: validate everything, authorize, upload, write (per apiGeneration), optionally verify.
   * @throws ValidationError naming every bad field and the file at once, before anything is sent
   * @throws ChatAppError, OssError, OutcomeUnknownError or TermsVerificationError (see the README's error table)
   */
  submitCustomerTerms(input: SubmitCustomerTermsInput): Promise<SubmitCustomerTermsResult>;
  /** The record on file for a space (via ListInstance); CustomerTermsNotFoundError when there is none. */
  readCustomerTerms(input: ReadCustomerTermsInput): Promise<CustomerTermsRecord>;
  /** One page of ListInstance, mapped to records. */
  listInstances(input?: ListInstancesInput): Promise<InstanceList>;
  /** QueryInstance: one record by InstanceId. */
  queryInstance(input: QueryInstanceInput): Promise<InstanceRecord>;
  /** GeneratePresignedUrl for an object key of the account's bucket. The URL carries a signature: do not log it. */
  generatePresignedUrl(input: GeneratePresignedUrlInput): Promise<PresignedUrl>;
}

/** `names` says where each value came from (an option or an environment variable), for the error. */
function resolveEndpoint(
  endpoint: string | undefined,
  region: string,
  names: { endpoint: string; region: string },
): ServiceEndpoint {
  if (endpoint === undefined) {
    if (!/^[a-z0-9-]+$/.test(region))
      throw new ConfigurationError(names.region, `"${region}" is not a region ID such as "ap-southeast-1"`);
    return { host: `cams.${region}.aliyuncs.com`, protocol: 'https' };
  }
  const trimmed = endpoint.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      throw new ConfigurationError(names.endpoint, `"${trimmed}" is not a valid URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new ConfigurationError(names.endpoint, 'must use http or https');
    if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.username !== '') {
      throw new ConfigurationError(
        names.endpoint,
        'must be a bare origin such as "https://cams.ap-southeast-1.aliyuncs.com"',
      );
    }
    return { host: url.host, protocol: url.protocol === 'http:' ? 'http' : 'https' };
  }
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(trimmed)) {
    throw new ConfigurationError(names.endpoint, `"${trimmed}" is neither a host name nor an http(s) URL`);
  }
  return { host: trimmed, protocol: 'https' };
}

function isLimiter(value: unknown): value is QuotaLimiter {
  return typeof value === 'object' && value !== null && typeof (value as QuotaLimiter).acquire === 'function';
}

function positive(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new ConfigurationError(option, 'must be a positive number');
  return value;
}

function lostAnswerOptions(options: IsvTermsClientOptions): ClientContext['lostAnswer'] {
  const policy = options.lostAnswer ?? 'resend-if-absent';
  if (policy !== 'resend-if-absent' && policy !== 'report')
    throw new ConfigurationError('lostAnswer', "must be 'resend-if-absent' or 'report'");
  const settleMs = options.lostAnswerSettleMs ?? DEFAULT_LOST_ANSWER_SETTLE_MS;
  if (!Number.isFinite(settleMs) || settleMs < 0)
    throw new ConfigurationError('lostAnswerSettleMs', 'must be a number of milliseconds, 0 or more');
  return { policy, settleMs };
}

function wholeNumber(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > 1000)
    throw new ConfigurationError(option, 'must be a whole number from 1 to 1000');
  return value;
}

/**
 * Creates a client. Cheap; clients share the process-wide quota windows unless given their own limiter. Nothing is
 * sent and no credentials are read until the first call.
 *
 * @example
 * ```ts
 * import { createIsvTermsClient, errorHint } from '@chatapp-isv/core';
 *
 * const client = createIsvTermsClient({ region: 'ap-southeast-1' });
 * try {
 *   const { upload, submit } = await client.submitCustomerTerms({
 *     custSpaceId: '293483938849493',
 *     custName: 'Acme Pte Ltd',
 *     officeAddress: '1 Example Road, Singapore',
 *     contactMail: 'legal@acme.example',
 *     countryId: 'SG',
 *     businessDesc: 'Order updates over WhatsApp',
 *     termsFile: './acme-terms.pdf',
 *   });
 *   console.log(upload.isvTerms, submit.requestId);
 * } catch (error) {
 *   console.error(String(error), errorHint(error) ?? '');
 * }
 * ```
 * @throws ConfigurationError for a bad option (`endpoint`, `region`, `quota`, ...), naming it
 */
export function createIsvTermsClient(options: IsvTermsClientOptions = {}): IsvTermsClient {
  // Options win over the environment, the environment over the defaults; an empty variable counts as unset.
  const env = options.env ?? process.env;
  const fromEnv = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const region = options.region ?? fromEnv(REGION_ENV) ?? DEFAULT_REGION;
  const endpoint = options.endpoint ?? fromEnv(ENDPOINT_ENV);
  let limiter: QuotaLimiter;
  try {
    limiter = isLimiter(options.quota) ? options.quota : sharedQuotaLimiter(options.quota ?? {});
  } catch (error) {
    throw new ConfigurationError('quota', (error as Error).message);
  }
  const explicit = options.credentials as Partial<StaticCredentials> | undefined;
  const secrets = createSecretRegistry([explicit?.accessKeySecret, explicit?.securityToken]);
  const source = credentialsSource(options.credentials, options.profileNamedBy);
  const ctx: ClientContext = {
    endpoint: resolveEndpoint(endpoint, region, {
      endpoint: options.endpoint !== undefined ? 'endpoint' : ENDPOINT_ENV,
      region: options.region !== undefined ? 'region' : REGION_ENV,
    }),
    regionId: region,
    credentials: async () => {
      const credentials = await source();
      secrets.remember(credentials.accessKeySecret, credentials.securityToken);
      return credentials;
    },
    limiter,
    quotaKey: options.quotaKey,
    retry: retryPolicy(options.retry),
    logger: options.logger ?? silentLogger,
    onEvent: options.onEvent,
    timeoutMs: positive('timeoutMs', options.timeoutMs, 30_000),
    lostAnswer: lostAnswerOptions(options),
    maxFileBytes: positive('maxFileBytes', options.maxFileBytes, DEFAULT_MAX_FILE_BYTES),
    authorizations: createAuthorizationCache(),
    secrets,
    generation: createGenerationState(options.apiGeneration ?? 'auto'),
    instances: createInstanceDirectory(
      wholeNumber('instancePageSize', options.instancePageSize, DEFAULT_INSTANCE_PAGE_SIZE),
    ),
  };
  // Every method goes through `guarded`: whatever it throws is redacted (cause chain included) by every secret this
  // client has seen, so no error path can leak one, however it was built.
  const guarded =
    <I, O>(method: (ctx: ClientContext, input: I) => Promise<O>) =>
    async (input: I): Promise<O> => {
      try {
        return await method(ctx, input);
      } catch (error) {
        throw redactError(error, secrets.values());
      }
    };
  return {
    getUploadAuthorization: guarded(getUploadAuthorization),
    uploadTermsFile: guarded(uploadTermsFile),
    submitIsvCustomerTerms: guarded(submitIsvCustomerTerms),
    submitCustomerTerms: guarded(submitCustomerTerms),
    readCustomerTerms: guarded(readCustomerTerms),
    listInstances: guarded(async (context, input?: ListInstancesInput): Promise<InstanceList> => {
      const page = await listInstancePage(context, input);
      return {
        totalCount: page.totalCount,
        records: page.rows.map((row) => toCustomerTermsRecord(row)),
        requestId: page.requestId,
      };
    }),
    queryInstance: guarded(async (context, input: QueryInstanceInput): Promise<InstanceRecord> => {
      const { data } = await queryInstance(context, input);
      const { custSpaceId: _space, state: _state, ...record } = toCustomerTermsRecord(data);
      void _space;
      void _state;
      return record;
    }),
    generatePresignedUrl: guarded(generatePresignedUrl),
  };
}
