// Command-line flags and environment, parsed once into a plain object; nothing else reads process.argv or env.
// Safe defaults: no local file access without --allow-dir, stdio unless --http, HTTP bound to loopback, and a
// refusal to listen beyond loopback without a bearer token.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { CONFIRM_POLICIES, type ConfirmPolicy } from './confirm.js';
import { defaultJournalDir, JOURNAL_DIR_ENV } from './job-journal.js';

/** A bad flag or value; the bin prints it with the usage text. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** HTTP transport settings. */
export interface HttpConfig {
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  /** Address to bind; 127.0.0.1 unless told otherwise. */
  readonly host: string;
  /** Bearer token clients must send, from CHATAPP_ISV_MCP_TOKEN. */
  readonly token?: string;
  /** Extra Origin hostnames accepted besides localhost ones (for browser-based clients). */
  readonly allowedOrigins: readonly string[];
  /** Extra Host header names accepted besides localhost ones and the bind address. */
  readonly allowedHosts: readonly string[];
}

/** The parsed configuration. */
export interface ServerConfig {
  /** Directories local files may be read from (empty: none). */
  readonly allowDirs: readonly string[];
  /** List only the tools annotated read-only. */
  readonly readOnly: boolean;
  /** Whether writes are confirmed by a person first (`ask`, the default) or sent without asking (`never`). */
  readonly confirm: ConfirmPolicy;
  /** ChatApp endpoint override, e.g. `http://127.0.0.1:8080`. */
  readonly endpoint?: string;
  /** Region id, e.g. `ap-southeast-1`. */
  readonly region?: string;
  /** Redis URL of the quota shared with other processes (@chatapp-isv/quota-redis); may hold a password. */
  readonly quotaRedisUrl?: string;
  /** Which API generation writes go through (core's apiGeneration; `auto` when absent). */
  readonly apiGeneration?: 'auto' | 'legacy' | 'instance';
  /** Extra ms core's quota window keeps between bursts, for networks with jitter (core's default when absent). */
  readonly quotaMarginMs?: number;
  /**
   * Absolute directory where batch jobs journal every step, so a batch started again after a restart resumes.
   * parseConfig always sets it (the per-user state folder by default); when absent, createServerDeps uses that default.
   */
  readonly journalDir?: string;
  /** Set when serving Streamable HTTP instead of stdio. */
  readonly http?: HttpConfig;
  /** `--help` was given. */
  readonly help: boolean;
  /** `--version` was given. */
  readonly version: boolean;
}

/** Default HTTP port. */
export const DEFAULT_PORT = 8765;
/** Environment variable holding the HTTP bearer token. */
export const TOKEN_ENV = 'CHATAPP_ISV_MCP_TOKEN';
/** Environment variable that sets the confirm policy when no flag does (e.g. from an .mcpb user setting). */
export const CONFIRM_ENV = 'CHATAPP_ISV_MCP_CONFIRM';

/** Usage text for `--help` and usage errors. */
export const USAGE = `Usage: chatapp-isv-mcp [options]

MCP server with tools to validate, upload and submit Alibaba Cloud ChatApp ISV customer terms.
Credentials come from the Alibaba Cloud default chain (ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET, profile, ...).

Options:
  --allow-dir <path>        directory terms PDFs may be read from (repeatable); without it only base64 content
  --read-only               list and serve only the read-only tools (nothing can be written)
  --confirm <ask|never>     ask a person (MCP elicitation) before every submission, refusing when the client
                            cannot ask (ask, the default), or send without asking (never) (env ${CONFIRM_ENV})
  --yes                     same as --confirm=never
  --endpoint <url>          ChatApp endpoint (env CHATAPP_ISV_ENDPOINT)
  --region <id>             region id, default ap-southeast-1 (env CHATAPP_ISV_REGION)
  --quota-redis-url <url>   share the account's 5/s quota with other processes and machines through Redis
                            (env CHATAPP_ISV_QUOTA_REDIS_URL); without it the quota is this process's own
  --api-generation <g>      auto (default: SubmitIsvCustomerTerms, switching to UpdateInstance once the service
                            says it is gone), legacy, or instance (env CHATAPP_ISV_API_GENERATION)
  --quota-margin-ms <n>     extra ms between quota windows for jittery networks (default core's 100)
                            (env CHATAPP_ISV_QUOTA_MARGIN_MS)
  --journal-dir <dir>       where batch jobs journal each step, so a batch started again after a restart resumes
                            without resending (env ${JOURNAL_DIR_ENV}; default $XDG_STATE_HOME/chatapp-isv-mcp,
                            ~/.local/state/chatapp-isv-mcp, or %LOCALAPPDATA%\\chatapp-isv-mcp on Windows)
  --http                    serve Streamable HTTP at /mcp instead of stdio
  --port <n>                HTTP port (default ${DEFAULT_PORT}; 0 picks a free port)
  --host <address>          HTTP bind address (default 127.0.0.1)
  --allowed-origin <host>   extra browser Origin hostname to accept (repeatable)
  --allowed-host <name>     extra Host header name to accept, e.g. a LAN name (repeatable)
  --version                 print the version
  --help                    print this text
Environment:
  ${TOKEN_ENV}     bearer token HTTP clients must send (required when --host is not loopback)`;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * Parses flags (`argv` without node and script) and environment into the server's configuration.
 * @throws UsageError naming the flag on bad input (an unknown flag, a bad --endpoint, --port or --confirm value)
 */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServerConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'allow-dir': { type: 'string', multiple: true },
        'read-only': { type: 'boolean' },
        confirm: { type: 'string' },
        yes: { type: 'boolean' },
        endpoint: { type: 'string' },
        region: { type: 'string' },
        'quota-redis-url': { type: 'string' },
        'quota-margin-ms': { type: 'string' },
        'api-generation': { type: 'string' },
        'journal-dir': { type: 'string' },
        http: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        'allowed-origin': { type: 'string', multiple: true },
        'allowed-host': { type: 'string', multiple: true },
        version: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  const endpoint = nonEmpty(values.endpoint) ?? nonEmpty(env['CHATAPP_ISV_ENDPOINT']);
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new UsageError(`--endpoint must be an http(s) URL, got "${endpoint}"`);
    }
  }
  const confirmText = nonEmpty(values.confirm) ?? nonEmpty(env[CONFIRM_ENV]);
  if (confirmText !== undefined && !CONFIRM_POLICIES.includes(confirmText as ConfirmPolicy)) {
    throw new UsageError(`--confirm must be one of ${CONFIRM_POLICIES.join(', ')}, got "${confirmText}"`);
  }
  if (values.yes === true && values.confirm !== undefined && confirmText !== 'never') {
    throw new UsageError(`--yes contradicts --confirm=${confirmText}`);
  }
  const confirm: ConfirmPolicy = values.yes === true ? 'never' : ((confirmText as ConfirmPolicy | undefined) ?? 'ask');
  const region = nonEmpty(values.region) ?? nonEmpty(env['CHATAPP_ISV_REGION']);
  const quotaRedisUrl = nonEmpty(values['quota-redis-url']) ?? nonEmpty(env['CHATAPP_ISV_QUOTA_REDIS_URL']);

  const generationText = nonEmpty(values['api-generation']) ?? nonEmpty(env['CHATAPP_ISV_API_GENERATION']);
  if (generationText !== undefined && !['auto', 'legacy', 'instance'].includes(generationText)) {
    throw new UsageError(`--api-generation must be one of auto, legacy, instance, got "${generationText}"`);
  }
  const apiGeneration = generationText as ServerConfig['apiGeneration'];
  const marginText = nonEmpty(values['quota-margin-ms']) ?? nonEmpty(env['CHATAPP_ISV_QUOTA_MARGIN_MS']);
  const quotaMarginMs = marginText === undefined ? undefined : Number(marginText);
  if (quotaMarginMs !== undefined && (!Number.isInteger(quotaMarginMs) || quotaMarginMs < 0 || quotaMarginMs > 5000)) {
    throw new UsageError(`--quota-margin-ms must be an integer from 0 to 5000, got "${marginText}"`);
  }
  // Resolved now: a host may start the server from any working directory, and the journal must not move with it.
  const journalText = values['journal-dir'] ?? nonEmpty(env[JOURNAL_DIR_ENV]);
  if (journalText !== undefined && journalText.trim() === '') {
    throw new UsageError(`--journal-dir (or ${JOURNAL_DIR_ENV}) needs a directory path`);
  }
  const journalDir = journalText === undefined ? defaultJournalDir(env) : resolve(journalText.trim());
  const allowDirs = (values['allow-dir'] ?? []).map((dir) => dir.trim());
  if (allowDirs.some((dir) => dir === '')) throw new UsageError('--allow-dir needs a directory path');

  const httpOnly = ['port', 'host', 'allowed-origin', 'allowed-host'].filter(
    (flag) => values[flag as keyof typeof values] !== undefined,
  );
  if (values.http !== true && httpOnly.length > 0) {
    throw new UsageError(`--${httpOnly[0]} only applies with --http`);
  }
  let http: HttpConfig | undefined;
  if (values.http === true) {
    const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port must be an integer from 0 to 65535, got "${values.port}"`);
    }
    const host = nonEmpty(values.host) ?? '127.0.0.1';
    const token = nonEmpty(env[TOKEN_ENV]);
    if (!isLoopbackHost(host) && token === undefined) {
      throw new UsageError(
        `--host ${host} is reachable from other machines: set ${TOKEN_ENV} to require a bearer token`,
      );
    }
    http = {
      port,
      host,
      ...(token !== undefined ? { token } : {}),
      allowedOrigins: (values['allowed-origin'] ?? []).map((o) => o.trim()).filter((o) => o !== ''),
      allowedHosts: (values['allowed-host'] ?? []).map((h) => h.trim()).filter((h) => h !== ''),
    };
  }

  return {
    allowDirs,
    readOnly: values['read-only'] === true,
    confirm,
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(quotaRedisUrl !== undefined ? { quotaRedisUrl } : {}),
    ...(quotaMarginMs !== undefined ? { quotaMarginMs } : {}),
    ...(apiGeneration !== undefined ? { apiGeneration } : {}),
    journalDir,
    ...(http !== undefined ? { http } : {}),
    help: values.help === true,
    version: values.version === true,
  };
}
