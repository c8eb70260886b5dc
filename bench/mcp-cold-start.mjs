#!/usr/bin/env node
// MCP server cold start: spawn + initialize + tools/list, ours (chatapp-isv-mcp) against the reference filesystem
// server (@modelcontextprotocol/server-filesystem), measured side by side in one run, alternating so that both see
// the same machine load. Each run spawns a fresh `node` process, sends `initialize` over stdio, then
// `notifications/initialized` and `tools/list`, and stops the clock when the tools/list answer arrives. Both servers
// get one allowed directory (an empty temp folder). Prints the median of each and ours ÷ reference.
//
// Usage: node bench/mcp-cold-start.mjs [--runs 7] [--json]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, json: { type: 'boolean', default: false } },
});
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs must be a positive integer');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const ours = join(dirname(fileURLToPath(import.meta.resolve('@chatapp-isv/mcp-server'))), 'bin', 'chatapp-isv-mcp.js');
const reference = join(
  dirname(require.resolve('@modelcontextprotocol/server-filesystem/package.json')),
  'dist',
  'index.js',
);

/** One cold start: ms from spawn to the tools/list answer. */
function coldStart(script, scriptArgs) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script, ...scriptArgs], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    });
    let buffer = '';
    const send = (message) => child.stdin.write(`${JSON.stringify(message)}\n`);
    child.stdout.on('data', (chunk) => {
      buffer += chunk.toString();
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.trim() === '') continue;
        const message = JSON.parse(line);
        if (message.id === 1) {
          send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
        } else if (message.id === 2) {
          const elapsed = performance.now() - started;
          const tools = message.result?.tools?.length ?? 0;
          child.kill();
          resolve({ ms: elapsed, tools });
        }
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== null && code !== 0) reject(new Error(`${script} exited with ${code}`));
    });
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const dir = await mkdtemp(join(tmpdir(), 'mcp-cold-start-'));
try {
  // One unmeasured start of each warms the file-system cache, as a second launch by a host would find it.
  await coldStart(ours, ['--allow-dir', dir]);
  await coldStart(reference, [dir]);
  const times = { ours: [], reference: [] };
  let toolCounts = {};
  for (let i = 0; i < runs; i += 1) {
    const a = await coldStart(ours, ['--allow-dir', dir]);
    const b = await coldStart(reference, [dir]);
    times.ours.push(a.ms);
    times.reference.push(b.ms);
    toolCounts = { ours: a.tools, reference: b.tools };
  }
  const result = {
    runs,
    medianMs: { ours: median(times.ours), reference: median(times.reference) },
    ratio: median(times.ours) / median(times.reference),
    tools: toolCounts,
    node: process.version,
  };
  if (args.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`MCP cold start (spawn + initialize + tools/list), median of ${runs} runs each, ${process.version}`);
    console.log(
      `  chatapp-isv-mcp                      ${result.medianMs.ours.toFixed(0)} ms  (${toolCounts.ours} tools)`,
    );
    console.log(
      `  @modelcontextprotocol/server-filesystem ${result.medianMs.reference.toFixed(0)} ms  (${toolCounts.reference} tools)`,
    );
    console.log(`  ratio ours / reference               ${result.ratio.toFixed(2)}x  (target <= 1.00x)`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
