// Installing: the .mcpb bundle is built by its script, validated and packed by the official @anthropic-ai/mcpb CLI,
// and the unpacked bundle runs and lists the tools; its manifest keeps the AccessKey secret in a `sensitive` user
// setting passed by environment, never on the command line. server.json (MCP Registry) agrees with package.json,
// and the README carries a configuration for every host, VS Code's with a password prompt for the secret.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { newClient, PACKAGE_DIR } from './helpers.js';
import { server } from './native.js';

const MCPB_CLI = join(dirname(fileURLToPath(import.meta.resolve('@anthropic-ai/mcpb'))), 'cli', 'cli.js');
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'isv-mcp-mcpb-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Manifest {
  name: string;
  version: string;
  server: { entry_point: string; mcp_config: { command: string; args: string[]; env: Record<string, string> } };
  user_config: Record<string, { type: string; sensitive?: boolean; required?: boolean }>;
  tools: { name: string }[];
}

describe('the .mcpb bundle', () => {
  it('is built by its script, passes mcpb validate and pack, and the unpacked bundle serves the tools', async () => {
    const out = join(work, 'chatapp-isv-mcp.mcpb');
    const stage = join(work, 'stage');
    const build = spawnSync(
      process.execPath,
      [join(PACKAGE_DIR, 'scripts', 'build-mcpb.mjs'), '--out', out, '--stage', stage],
      { encoding: 'utf8', env: process.env },
    );
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);

    const manifest = JSON.parse(await readFile(join(stage, 'manifest.json'), 'utf8')) as Manifest;
    const pkg = JSON.parse(await readFile(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string };
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.tools.map((t) => t.name)).toEqual([...server.TOOL_NAMES]);
    expect(manifest.user_config['access_key_secret']).toMatchObject({
      type: 'string',
      sensitive: true,
      required: true,
    });
    expect(manifest.user_config['allowed_directory']).toMatchObject({ type: 'directory', required: true });
    // The secret travels by environment only: never in args, where process listings would show it.
    expect(manifest.server.mcp_config.args.join(' ')).not.toContain('access_key_secret');
    expect(manifest.server.mcp_config.env['ALIBABA_CLOUD_ACCESS_KEY_SECRET']).toBe('${user_config.access_key_secret}');

    const info = spawnSync(process.execPath, [MCPB_CLI, 'info', out], { encoding: 'utf8' });
    expect(info.status, info.stderr).toBe(0);
    expect(info.stdout).toContain('chatapp-isv-mcp');

    const unpacked = join(work, 'unpacked');
    const unpack = spawnSync(process.execPath, [MCPB_CLI, 'unpack', out, unpacked], { encoding: 'utf8' });
    expect(unpack.status, unpack.stderr).toBe(0);
    // Run it as a host would: node, the entry point, the allowed folder; nothing from this workspace on the path.
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(unpacked, manifest.server.entry_point), '--allow-dir', work],
      env: { PATH: process.env['PATH'] ?? '' },
      cwd: unpacked,
    });
    const client = newClient('legacy');
    await client.connect(transport);
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual([...server.TOOL_NAMES]);
    } finally {
      await client.close();
    }
  }, 180_000);
});

describe('server.json for the MCP Registry', () => {
  it('names the package, version and mcpName of package.json, and marks the secret as secret', async () => {
    const pkg = JSON.parse(await readFile(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      mcpName: string;
    };
    const registry = JSON.parse(await readFile(join(PACKAGE_DIR, 'server.json'), 'utf8')) as {
      name: string;
      version: string;
      packages: {
        registryType: string;
        identifier: string;
        version: string;
        transport: { type: string };
        environmentVariables: { name: string; isSecret: boolean }[];
      }[];
    };
    expect(registry.name).toBe(pkg.mcpName);
    expect(registry.version).toBe(pkg.version);
    expect(registry.packages[0]).toMatchObject({
      registryType: 'npm',
      identifier: pkg.name,
      version: pkg.version,
      transport: { type: 'stdio' },
    });
    const secret = registry.packages[0]?.environmentVariables.find((e) => e.name === 'ALIBABA_CLOUD_ACCESS_KEY_SECRET');
    expect(secret?.isSecret).toBe(true);
    // Every variable it documents is one the server reads.
    const journalDir = join(work, 'journals');
    const config = server.parseConfig([], {
      CHATAPP_ISV_REGION: 'cn-hangzhou',
      CHATAPP_ISV_MCP_CONFIRM: 'never',
      CHATAPP_ISV_MCP_JOURNAL_DIR: journalDir,
    });
    expect(config).toMatchObject({ region: 'cn-hangzhou', confirm: 'never', journalDir });
    const documented = registry.packages[0]?.environmentVariables.map((e) => e.name) ?? [];
    expect(documented.filter((n) => n.startsWith('CHATAPP_ISV_'))).toEqual([
      'CHATAPP_ISV_REGION',
      'CHATAPP_ISV_MCP_CONFIRM',
      'CHATAPP_ISV_MCP_JOURNAL_DIR',
    ]);
  });
});

describe('README host configurations', () => {
  it('shows Claude Desktop, Claude Code, Cursor and VS Code, the last with a password prompt for the secret', async () => {
    const readme = await readFile(join(PACKAGE_DIR, 'README.md'), 'utf8');
    for (const marker of ['claude_desktop_config.json', 'claude mcp add', '.cursor/mcp.json', '.vscode/mcp.json']) {
      expect(readme, marker).toContain(marker);
    }
    const vscode = /```jsonc?\n(\{\n {2}"inputs"[\s\S]*?)```/.exec(readme)?.[1];
    expect(vscode, 'VS Code block').toBeDefined();
    const parsed = JSON.parse(vscode as string) as {
      inputs: { id: string; type: string; password?: boolean }[];
      servers: Record<string, { env: Record<string, string> }>;
    };
    const prompt = parsed.inputs.find((i) => i.password === true);
    expect(prompt?.type).toBe('promptString');
    const env = Object.values(parsed.servers)[0]?.env ?? {};
    expect(env['ALIBABA_CLOUD_ACCESS_KEY_SECRET']).toBe(`\${input:${prompt?.id}}`);
  });
});
