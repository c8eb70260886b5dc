#!/usr/bin/env node
// Builds the one-click install bundle for Claude Desktop and other MCPB hosts: a production copy of the package
// with its dependencies (pnpm deploy, flat node_modules so the zip holds no symlinks), a manifest.json whose
// user_config asks for the allowed folder and the AccessKey (the secret marked `sensitive`, so the host keeps it in
// the OS keychain, not in a JSON file), then `mcpb validate` and `mcpb pack`.
//
// Usage: node scripts/build-mcpb.mjs [--out <file.mcpb>] [--stage <dir>] [--manifest-only]
//   --manifest-only writes just <stage>/manifest.json (no deploy, no pack).
// Build the workspace first (tsc -b): the bundle ships dist/.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const root = dirname(dirname(packageDir));
const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: join(packageDir, '.mcpb', `chatapp-isv-mcp-${pkg.version}.mcpb`) },
    stage: { type: 'string', default: join(packageDir, '.mcpb', 'stage') },
    'manifest-only': { type: 'boolean', default: false },
  },
});
const stage = resolve(args.stage);
// The package's exports hide package.json; its main entry sits in dist/, next to the CLI.
const mcpbCli = join(dirname(fileURLToPath(import.meta.resolve('@anthropic-ai/mcpb'))), 'cli', 'cli.js');

/** The tools as the built server lists them (name and description), for the manifest and the host's install page. */
async function tools() {
  const { TOOLS } = await import(join(packageDir, 'dist', 'index.js'));
  return TOOLS.map((tool) => ({ name: tool.name, description: tool.description }));
}

/** The MCPB manifest (format 0.3). */
export async function manifest() {
  return {
    manifest_version: '0.3',
    name: 'chatapp-isv-mcp',
    display_name: 'ChatApp ISV customer terms',
    version: pkg.version,
    description: pkg.description,
    long_description:
      'Validate, upload and submit Alibaba Cloud ChatApp ISV customer terms (SubmitIsvCustomerTerms) from an assistant: list the signed agreements in a folder you choose, check the company details, onboard one customer or a batch as a job, and read back what is on record. Every submission is confirmed by you first, with a preview of what will be sent.',
    author: { name: 'chatapp-isv contributors' },
    server: {
      type: 'node',
      entry_point: 'dist/bin/chatapp-isv-mcp.js',
      mcp_config: {
        command: 'node',
        args: ['${__dirname}/dist/bin/chatapp-isv-mcp.js', '--allow-dir', '${user_config.allowed_directory}'],
        env: {
          ALIBABA_CLOUD_ACCESS_KEY_ID: '${user_config.access_key_id}',
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: '${user_config.access_key_secret}',
          CHATAPP_ISV_REGION: '${user_config.region}',
          CHATAPP_ISV_MCP_CONFIRM: '${user_config.confirm}',
        },
      },
    },
    user_config: {
      allowed_directory: {
        type: 'directory',
        title: 'Signed agreements folder',
        description: 'The only folder the server may read agreement PDFs (and customer files) from.',
        required: true,
      },
      access_key_id: {
        type: 'string',
        title: 'AccessKey ID',
        description: 'AccessKey ID of a RAM user allowed to call ChatApp (cams) for your ISV account.',
        required: true,
      },
      access_key_secret: {
        type: 'string',
        title: 'AccessKey secret',
        description:
          'The AccessKey secret of that RAM user. Stored by the host as a secret; never shown to the assistant.',
        required: true,
        sensitive: true,
      },
      region: {
        type: 'string',
        title: 'Region',
        description: 'ChatApp region id.',
        required: false,
        default: 'ap-southeast-1',
      },
      confirm: {
        type: 'string',
        title: 'Confirm submissions',
        description:
          '"ask" (recommended): you confirm every submission in the host; a host that cannot ask gets a refusal. "never": submissions are sent without asking.',
        required: false,
        default: 'ask',
      },
    },
    tools: await tools(),
    keywords: ['alibaba-cloud', 'chatapp', 'whatsapp', 'isv', 'onboarding'],
    compatibility: {
      platforms: ['darwin', 'win32', 'linux'],
      runtimes: { node: pkg.engines.node },
    },
  };
}

function pnpm() {
  const candidates = [process.env.npm_execpath, join(root, '.tools', 'node_modules', 'pnpm', 'bin', 'pnpm.cjs')];
  for (const path of candidates) {
    if (path !== undefined && /pnpm(\.c?js)?$/.test(path) && existsSync(path)) return [process.execPath, [path]];
  }
  return ['pnpm', []];
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} exited with ${result.status}`);
}

rmSync(stage, { recursive: true, force: true });
if (!args['manifest-only']) {
  // A production copy with flat node_modules (no symlinks, which a zip would not carry).
  const [command, prefix] = pnpm();
  run(command, [...prefix, '--filter', pkg.name, '--config.node-linker=hoisted', 'deploy', '--prod', stage], {
    cwd: root,
  });
  for (const extra of ['node_modules/.bin', 'pnpm-lock.yaml', 'pnpm-workspace.yaml']) {
    rmSync(join(stage, extra), { recursive: true, force: true });
  }
}
mkdirSync(stage, { recursive: true });
writeFileSync(join(stage, 'manifest.json'), `${JSON.stringify(await manifest(), null, 2)}\n`);
execFileSync(process.execPath, [mcpbCli, 'validate', join(stage, 'manifest.json')], { stdio: 'inherit' });
if (!args['manifest-only']) {
  mkdirSync(dirname(resolve(args.out)), { recursive: true });
  run(process.execPath, [mcpbCli, 'pack', stage, resolve(args.out)]);
  process.stderr.write(`bundle: ${resolve(args.out)}\n`);
}
