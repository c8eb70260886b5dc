// The ONE implementation of IsvCustomerTerms: check, diff, create, update, read and delete over plain values. Two thin
// adapters put it in front of Pulumi: provider.ts (the dynamic resource, values carry `__provider`) and
// plugin-provider.ts (the `pulumi-resource-chatapp-isv` plugin, values may carry secret markers). Neither adapter
// decides anything about the resource; everything a user can observe is decided here.
import { createIsvTermsClient, readTermsFile } from '@chatapp-isv/core';
import { quotaLimiterFromEnv } from '@chatapp-isv/quota-redis';
import { checkTerms } from './check.js';
import { diffTerms } from './diff.js';
import { readBack, type ReadableClient, type ReadOutcome } from './read-back.js';
import {
  CONFIG_KEYS,
  explainConfigurationError,
  type ConfigKeys,
  type ProviderSettings,
  type SettingsResult,
} from './settings.js';
import { locateTermsFile } from './terms-file.js';
import type {
  CompanyDetails,
  IsvCustomerTermsInputs,
  IsvCustomerTermsOutputs,
  TermsCheckResult,
  TermsDiffResult,
  TermsReadResult,
} from './types.js';

// ClientOptions and TermsClient restate the parts of core's API the provider uses, so that this package's type
// declarations do not import core's: Pulumi's default TypeScript template (`moduleResolution: node`) can then
// type-check programs that use the resource. The compiler check below keeps them in line with core.

/** Client options passed to core's createIsvTermsClient (a subset of core's `IsvTermsClientOptions`). */
export interface ClientOptions {
  /** Region ID (default `ap-southeast-1`). */
  region?: string | undefined;
  /** Endpoint override, e.g. `http://127.0.0.1:8470` for the emulator. */
  endpoint?: string | undefined;
  /** AccessKey pair, optionally with an STS token; default Alibaba Cloud's default credential chain. */
  credentials?: { accessKeyId: string; accessKeySecret: string; securityToken?: string | undefined } | undefined;
  /** Largest terms file in bytes (default 2 MiB). */
  maxFileBytes?: number | undefined;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number | undefined;
  /** A limiter shared beyond this process (core's `QuotaLimiter`); default core's in-process one. */
  quota?: { acquire(key: string): Promise<void> } | undefined;
}

/** The client calls the provider makes (core's IsvTermsClient has them). */
export interface TermsClient {
  /** Uploads the PDF to the space's OSS folder. */
  uploadTermsFile(input: {
    custSpaceId: string;
    file: Uint8Array;
    fileName?: string;
  }): Promise<{ isvTerms: string; objectKey: string; sha256: string; size: number }>;
  /** Writes the terms: SubmitIsvCustomerTerms, or UpdateInstance when core's `auto` finds the legacy action gone. */
  submitIsvCustomerTerms(input: CompanyDetails & { isvTerms: string }): Promise<{ requestId: string }>;
  /** Reads the record on file for a space (ListInstance); throws `CustomerTerms.NotFound` when there is none. */
  readCustomerTerms: ReadableClient['readCustomerTerms'];
}

// Compile-time proof that core accepts our options and returns a client with our calls.
const defaultCreateClient: (options: ClientOptions) => TermsClient = createIsvTermsClient;

/** What the implementation depends on; every member has a production default. */
export interface IsvCustomerTermsProviderDeps {
  /** Base client options (endpoint, credentials, …); stack configuration read by `configure` overrides them. */
  clientOptions?: ClientOptions;
  /**
   * Builds the client from the merged options.
   * @default core's createIsvTermsClient
   */
  createClient?: (options: ClientOptions) => TermsClient;
  /**
   * Directory relative terms file paths resolve against.
   * @default process.cwd(), the Pulumi project
   */
  cwd?: string;
  /**
   * Receives warnings (delete notice, read-back gaps).
   * @default write to standard error, shown by Pulumi as a diagnostic
   */
  warn?: (message: string) => void;
  /** Clock for `submittedAt`. */
  now?: () => Date;
  /**
   * Largest accepted terms file in bytes.
   * @default 2097152 (core's 2 MiB)
   */
  maxFileBytes?: number;
}

/** The lifecycle over plain values (no `__provider`, no secret markers). */
export interface TermsLifecycle {
  /** Applies the provider settings read from stack configuration by the adapter. */
  configure(result: SettingsResult): void;
  check(news: Record<string, unknown>): Promise<TermsCheckResult>;
  diff(olds: Record<string, unknown>, news: Record<string, unknown>): TermsDiffResult;
  create(inputs: IsvCustomerTermsInputs): Promise<{ id: string; outs: IsvCustomerTermsOutputs }>;
  update(id: string, olds: IsvCustomerTermsOutputs, news: IsvCustomerTermsInputs): Promise<IsvCustomerTermsOutputs>;
  /** `props` are the recorded outputs (refresh) or empty (import). */
  read(id: string, props: Partial<IsvCustomerTermsOutputs> | undefined): Promise<TermsReadResult>;
  delete(id: string, props: Partial<IsvCustomerTermsOutputs> | undefined): Promise<void>;
}

function writeWarning(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}

/** Creates the implementation shared by the dynamic resource and the plugin. */
export function createTermsLifecycle(deps: IsvCustomerTermsProviderDeps = {}): TermsLifecycle {
  let settings: ProviderSettings = {};
  let problem: string | undefined;
  let client: TermsClient | undefined;
  let keys: ConfigKeys = CONFIG_KEYS;
  const explain = (error: unknown): unknown => explainConfigurationError(error, keys);
  const cwd = (): string => deps.cwd ?? process.cwd();
  const warn = deps.warn ?? writeWarning;
  const now = deps.now ?? (() => new Date());

  function getClient(): TermsClient {
    if (problem !== undefined) throw new Error(`IsvCustomerTerms provider configuration: ${problem}`);
    if (client === undefined) {
      const { quotaRedisUrl, ...clientSettings } = settings;
      const options: ClientOptions = { ...deps.clientOptions, ...clientSettings };
      // `chatapp-isv:quotaRedisUrl` (else CHATAPP_ISV_QUOTA_REDIS_URL) shares the quota through Redis.
      const quota = quotaLimiterFromEnv({
        url: quotaRedisUrl,
        option: keys.quotaRedisUrl,
        logger: { debug: () => undefined, info: warn, warn, error: warn },
      });
      if (quota !== undefined) options.quota = quota;
      if (deps.maxFileBytes !== undefined) options.maxFileBytes = deps.maxFileBytes;
      client = (deps.createClient ?? defaultCreateClient)(options);
    }
    return client;
  }

  /** Reads the file again at apply time and makes sure it is the one `check` saw. */
  async function loadFile(inputs: IsvCustomerTermsInputs) {
    const location = await locateTermsFile(inputs.termsFile, cwd());
    if (location.problem !== undefined) throw new Error(`termsFile ${location.problem}`);
    const file = await readTermsFile(location.path, {
      maxBytes: deps.maxFileBytes,
      fileName: inputs.isvTerms ?? inputs.fileName,
      field: 'termsFile',
    });
    if (inputs.termsSha256 !== undefined && file.sha256 !== inputs.termsSha256) {
      throw new Error('termsFile changed on disk after `pulumi` checked it; run the update again');
    }
    return file;
  }

  async function submit(inputs: IsvCustomerTermsInputs, isvTerms: string) {
    const { custSpaceId, custName, officeAddress, contactMail, countryId, businessDesc } = inputs;
    const details = { custSpaceId, custName, officeAddress, contactMail, countryId, businessDesc };
    try {
      return await getClient().submitIsvCustomerTerms({ ...details, isvTerms });
    } catch (error) {
      throw explain(error);
    }
  }

  async function upload(inputs: IsvCustomerTermsInputs) {
    const file = await loadFile(inputs);
    const input = { custSpaceId: inputs.custSpaceId, file: file.bytes, fileName: file.fileName };
    try {
      return await getClient().uploadTermsFile(input);
    } catch (error) {
      throw explain(error);
    }
  }

  return {
    configure(result) {
      ({ settings, problem } = result);
      keys = result.keys ?? CONFIG_KEYS;
      client = undefined;
    },

    check: (news) => checkTerms(news, { cwd: cwd(), maxFileBytes: deps.maxFileBytes }),

    diff: (olds, news) => diffTerms(olds, news),

    async create(inputs) {
      const uploaded = await upload(inputs);
      const submitted = await submit(inputs, uploaded.isvTerms);
      const outs: IsvCustomerTermsOutputs = {
        ...inputs,
        isvTerms: uploaded.isvTerms,
        objectKey: uploaded.objectKey,
        termsSha256: uploaded.sha256,
        termsSize: uploaded.size,
        requestId: submitted.requestId,
        submittedAt: now().toISOString(),
      };
      return { id: inputs.custSpaceId, outs };
    },

    async update(_id, olds, news) {
      // Upload only when the file or where it goes changed; every update is a new submission.
      const fileChanged =
        olds.objectKey === undefined ||
        olds.custSpaceId !== news.custSpaceId ||
        olds.isvTerms !== news.isvTerms ||
        olds.termsSha256 !== news.termsSha256;
      const file = fileChanged
        ? await upload(news).then((u) => ({
            isvTerms: u.isvTerms,
            objectKey: u.objectKey,
            termsSha256: u.sha256,
            termsSize: u.size,
          }))
        : {
            isvTerms: olds.isvTerms,
            objectKey: olds.objectKey,
            termsSha256: olds.termsSha256,
            termsSize: olds.termsSize,
          };
      const submitted = await submit(news, file.isvTerms);
      return { ...news, ...file, requestId: submitted.requestId, submittedAt: now().toISOString() };
    },

    async read(id, props) {
      const outcome: ReadOutcome = await readBack(id, props, {
        client: getClient,
        explain,
      });
      if (outcome.warning !== undefined) warn(outcome.warning);
      return outcome.result;
    },

    async delete(id, props) {
      const name = props?.isvTerms ? ` "${props.isvTerms}"` : '';
      const request = props?.requestId ? ` (RequestId ${props.requestId})` : '';
      warn(
        `IsvCustomerTerms ${id}: ChatApp has no operation to withdraw customer terms; the terms${name}${request} ` +
          'stay on record with Alibaba Cloud. Pulumi only stops tracking them.',
      );
    },
  };
}
