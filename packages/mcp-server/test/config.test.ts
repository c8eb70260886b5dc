// Flags and environment: safe defaults, every documented flag, and clear refusals of bad values.
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { server } from './native.js';

const { DEFAULT_PORT, parseConfig, UsageError } = server;

describe('parseConfig', () => {
  it('defaults to stdio, no file access, all tools, writes confirmed by a person', () => {
    const config = parseConfig([], { HOME: '/h/ann' });
    expect(config).toEqual({
      allowDirs: [],
      readOnly: false,
      confirm: 'ask',
      journalDir: '/h/ann/.local/state/chatapp-isv-mcp',
      help: false,
      version: false,
    });
  });

  it('journals batches in --journal-dir, CHATAPP_ISV_MCP_JOURNAL_DIR, or the per-user state folder', () => {
    const env = { HOME: '/h/ann', CHATAPP_ISV_MCP_JOURNAL_DIR: '/srv/journals' };
    expect(parseConfig(['--journal-dir', '/var/j'], env).journalDir).toBe('/var/j');
    expect(parseConfig([], env).journalDir).toBe('/srv/journals');
    // A relative value is fixed at start-up, so the journal does not move with a later working directory.
    expect(parseConfig(['--journal-dir', 'j'], {}).journalDir).toBe(join(process.cwd(), 'j'));
    expect(parseConfig([], { HOME: '/h/ann', XDG_STATE_HOME: '/h/ann/state' }).journalDir).toBe(
      '/h/ann/state/chatapp-isv-mcp',
    );
    // A relative XDG_STATE_HOME is invalid by the XDG spec and ignored; an empty variable is unset (e.g. from .mcpb).
    expect(parseConfig([], { HOME: '/h/ann', XDG_STATE_HOME: 'state' }).journalDir).toBe(
      '/h/ann/.local/state/chatapp-isv-mcp',
    );
    expect(parseConfig([], { HOME: '/h/ann', CHATAPP_ISV_MCP_JOURNAL_DIR: '' }).journalDir).toBe(
      '/h/ann/.local/state/chatapp-isv-mcp',
    );
    expect(server.defaultJournalDir({ LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'win32')).toBe(
      'C:\\Users\\ann\\AppData\\Local\\chatapp-isv-mcp',
    );
    expect(() => parseConfig(['--journal-dir', ' '], {})).toThrow(/--journal-dir/);
  });

  it('reads the API generation and refuses an unknown one', () => {
    expect(parseConfig(['--api-generation', 'instance'], {}).apiGeneration).toBe('instance');
    expect(parseConfig([], { CHATAPP_ISV_API_GENERATION: 'legacy' }).apiGeneration).toBe('legacy');
    expect(() => parseConfig(['--api-generation', 'newest'], {})).toThrow(/--api-generation/);
  });

  it('reads the quota margin from the flag or the environment and refuses nonsense', () => {
    expect(parseConfig(['--quota-margin-ms', '400'], {}).quotaMarginMs).toBe(400);
    expect(parseConfig([], { CHATAPP_ISV_QUOTA_MARGIN_MS: '250' }).quotaMarginMs).toBe(250);
    expect(() => parseConfig(['--quota-margin-ms', '-1'], {})).toThrow(/--quota-margin-ms/);
    expect(() => parseConfig(['--quota-margin-ms', 'lots'], {})).toThrow(UsageError);
  });

  it('reads the confirm policy from --confirm, --yes or the environment, and refuses anything else', () => {
    expect(parseConfig(['--confirm', 'never'], {}).confirm).toBe('never');
    expect(parseConfig(['--confirm=ask'], { CHATAPP_ISV_MCP_CONFIRM: 'never' }).confirm).toBe('ask');
    expect(parseConfig(['--yes'], {}).confirm).toBe('never');
    expect(parseConfig([], { CHATAPP_ISV_MCP_CONFIRM: 'never' }).confirm).toBe('never');
    expect(() => parseConfig(['--confirm', 'always'], {})).toThrow(/--confirm must be one of ask, never/);
    expect(() => parseConfig(['--yes', '--confirm', 'ask'], {})).toThrow(UsageError);
  });

  it('reads the shared quota Redis URL from --quota-redis-url or CHATAPP_ISV_QUOTA_REDIS_URL, the flag first', () => {
    const env = { CHATAPP_ISV_QUOTA_REDIS_URL: 'redis://127.0.0.1:6379' };
    expect(parseConfig([], env).quotaRedisUrl).toBe('redis://127.0.0.1:6379');
    expect(parseConfig(['--quota-redis-url', 'unix:///run/redis.sock'], env).quotaRedisUrl).toBe(
      'unix:///run/redis.sock',
    );
    expect(parseConfig([], { CHATAPP_ISV_QUOTA_REDIS_URL: ' ' }).quotaRedisUrl).toBeUndefined();
  });

  it('reads repeatable --allow-dir, --read-only, --endpoint and --region', () => {
    const config = parseConfig(
      [
        '--allow-dir',
        '/a',
        '--allow-dir=/b',
        '--read-only',
        '--endpoint',
        'http://127.0.0.1:9',
        '--region',
        'ap-southeast-1',
      ],
      {},
    );
    expect(config.allowDirs).toEqual(['/a', '/b']);
    expect(config.readOnly).toBe(true);
    expect(config.endpoint).toBe('http://127.0.0.1:9');
    expect(config.region).toBe('ap-southeast-1');
  });

  it('takes the endpoint and region from the environment when no flag is given', () => {
    const env = { CHATAPP_ISV_ENDPOINT: 'http://127.0.0.1:7', CHATAPP_ISV_REGION: 'cn-hangzhou' };
    expect(parseConfig([], env)).toMatchObject({ endpoint: 'http://127.0.0.1:7', region: 'cn-hangzhou' });
    expect(parseConfig(['--endpoint', 'https://cams.example.com'], env).endpoint).toBe('https://cams.example.com');
  });

  it('serves HTTP on loopback by default, with the token from the environment', () => {
    expect(parseConfig(['--http'], {}).http).toEqual({
      port: DEFAULT_PORT,
      host: '127.0.0.1',
      allowedOrigins: [],
      allowedHosts: [],
    });
    const config = parseConfig(['--http', '--port', '0', '--allowed-origin', 'app.example'], {
      CHATAPP_ISV_MCP_TOKEN: 'tok-123456',
    });
    expect(config.http).toEqual({
      port: 0,
      host: '127.0.0.1',
      token: 'tok-123456',
      allowedOrigins: ['app.example'],
      allowedHosts: [],
    });
  });

  it('refuses to listen beyond loopback without a bearer token', () => {
    expect(() => parseConfig(['--http', '--host', '0.0.0.0'], {})).toThrow(/CHATAPP_ISV_MCP_TOKEN/);
    expect(parseConfig(['--http', '--host', '0.0.0.0'], { CHATAPP_ISV_MCP_TOKEN: 'tok-123456' }).http?.host).toBe(
      '0.0.0.0',
    );
  });

  it('names the bad flag or value', () => {
    expect(() => parseConfig(['--bogus'], {})).toThrow(UsageError);
    expect(() => parseConfig(['--http', '--port', '70000'], {})).toThrow(/--port/);
    expect(() => parseConfig(['--port', '8080'], {})).toThrow(/--port only applies with --http/);
    expect(() => parseConfig(['--endpoint', 'ftp://x'], {})).toThrow(/--endpoint/);
    expect(() => parseConfig(['--allow-dir', ' '], {})).toThrow(/--allow-dir/);
    expect(() => parseConfig(['extra'], {})).toThrow(UsageError);
  });
});
