#!/usr/bin/env node
// Onboarding benchmark: N customers, each authorized, uploaded and submitted, against the emulator with the
// documented quota (5 requests/s per account and operation) and a fixed latency on every call, PutObject included.
// Three ways of doing the same work, each against a fresh emulator:
//   ours        @chatapp-isv/core, all N at once (Promise.all of submitCustomerTerms)
//   sequential  the official SDK (@alicloud/cams20200606) + ali-oss, one customer after another
//   naive       the official SDK + ali-oss, all N at once (Promise.all)
//   instance    like ours, but the emulator has SubmitIsvCustomerTerms withdrawn: core's default apiGeneration 'auto'
//               switches to GeneratePresignedUrl + UpdateInstance after one 404 (not in the default --variants)
//   3proc-shared    3 separate Node processes, N/3 customers each, one account, sharing the quota through Redis
//                   (@chatapp-isv/quota-redis; a redis-server is started on a unix socket in a temp folder)
//   3proc-unshared  the same 3 processes, each with core's in-process limiter only (the contrast)
//   cli         the `chatapp-isv onboard` bin (packages/cli) on a CSV of --cli-n customers (default 500) and their
//               PDFs, timed from spawn to exit (Node start-up, validation, journal and its warm-up included); its
//               floor is --cli-n / quota. Goal: at most 1.05x its floor, zero failures, zero rejections.
// The 3-process rows warm each process up with one call on another account first (see the worker's header) and
// report the most calls of one operation the emulator saw in any one-second window. Goal for 3proc-shared:
// at most 1.15x the floor, zero rejections.
// The floor is N / quota seconds: GetChatappUploadAuthorization alone needs N calls at 5/s. Goal for `ours`:
// at most 1.10x the floor, zero failures, zero rejections counted by the emulator.
//
// The emulator runs in its own process by default (`--emulator process`), as the real service would: in the same
// process its arrival clock would share an event loop with 100 busy clients. `--emulator inline` runs it in-process.
//
// Usage: node bench/onboarding.mjs [--n 100] [--rps 5] [--latency 150]
//                                  [--variants ours,sequential,naive,3proc-shared,3proc-unshared,cli] [--cli-n 500]
//                                  [--emulator process|inline] [--json]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as CamsModule from '@alicloud/cams20200606';
import * as OpenApiModule from '@alicloud/openapi-client';
import { createIsvTermsClient } from '@chatapp-isv/core';
import { startEmulator } from '@chatapp-isv/emulator';
import OSS from 'ali-oss';

// CommonJS packages: Node hands us module.exports as the default export.
const Cams = CamsModule.default;
const OpenApi = OpenApiModule.default;

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '100' },
    rps: { type: 'string', default: '5' },
    latency: { type: 'string', default: '150' },
    variants: { type: 'string', default: 'ours,sequential,naive,3proc-shared,3proc-unshared,cli' },
    'cli-n': { type: 'string', default: '500' },
    emulator: { type: 'string', default: 'process' },
    json: { type: 'boolean', default: false },
  },
});
const N = Number(args.n);
const RPS = Number(args.rps);
const LATENCY = Number(args.latency);
const VARIANTS = args.variants.split(',').map((name) => name.trim());
if (!(N > 0) || !(RPS > 0) || !(LATENCY >= 0) || !['process', 'inline'].includes(args.emulator)) {
  console.error('--n and --rps must be positive, --latency non-negative, --emulator process or inline');
  process.exit(2);
}
const FLOOR_SECONDS = N / RPS;
const CLI_N = Number(args['cli-n']);

/** One account with N customer spaces, the quota and the latency; keys are made up on the spot. */
function makeSeed(count = N) {
  const custSpaceIds = Array.from({ length: count }, (_, index) => `9${String(index + 1).padStart(14, '0')}`);
  return {
    accounts: [
      {
        accessKeyId: `BENCH${randomBytes(8).toString('hex')}`,
        accessKeySecret: `bench-secret-${randomBytes(12).toString('hex')}`,
        subscribed: true,
        deniedActions: [],
        custSpaceIds,
      },
    ],
    rateLimitPerSecond: RPS,
    latencyMs: {
      GetChatappUploadAuthorization: LATENCY,
      PutObject: LATENCY,
      SubmitIsvCustomerTerms: LATENCY,
      ListInstance: LATENCY,
      GeneratePresignedUrl: LATENCY,
      UpdateInstance: LATENCY,
    },
  };
}

/**
 * A fresh emulator for one variant, with `stats()` / `submissionCount()` / `close()` whether it runs in this
 * process or in a child process (then read over its /__emulator/ inspection endpoints).
 */
async function launchEmulator(seed) {
  if (args.emulator === 'inline') {
    const emu = await startEmulator({ seed });
    return {
      endpoint: emu.endpoint,
      stats: async () => emu.stats(),
      submissionCount: async () => emu.submissions().length,
      close: () => emu.close(),
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'chatapp-bench-'));
  const seedFile = join(dir, 'seed.json');
  await writeFile(seedFile, JSON.stringify(seed));
  const bin = fileURLToPath(new URL('./bin/chatapp-isv-emulator.js', import.meta.resolve('@chatapp-isv/emulator')));
  const child = spawn(process.execPath, [bin, '--seed', seedFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const [firstLine] = await Promise.race([
    lines.next().then((line) => [line.value]),
    exited.then((code) => {
      throw new Error(`the emulator exited with ${code} before it was ready`);
    }),
  ]);
  const { endpoint } = JSON.parse(firstLine);
  const inspect = async (what) => (await fetch(`${endpoint}/__emulator/${what}`)).json();
  return {
    endpoint,
    stats: () => inspect('stats'),
    submissionCount: async () => (await inspect('submissions')).length,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A small PDF per customer (content differs so every upload is distinct). */
function pdfFor(index) {
  return Buffer.from(`%PDF-1.4\n% agreement of bench customer ${index}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);
}

function customer(index, custSpaceId) {
  return {
    custSpaceId,
    custName: `Bench Customer ${index}`,
    officeAddress: `${index} Example Street, Singapore`,
    contactMail: `legal+${index}@bench.example`,
    countryId: 'SG',
    businessDesc: 'Order notifications',
    fileName: `customer-${index}.pdf`,
    pdf: pdfFor(index),
  };
}

async function runOurs(emu, account, customers) {
  let retries = 0;
  const client = createIsvTermsClient({
    endpoint: emu.endpoint,
    credentials: { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret },
    quota: { requestsPerSecond: RPS },
    // Typed events, not log text: a retry is `{ type: 'retry', operation, code, ... }`.
    onEvent(event) {
      if (event.type === 'retry') retries += 1;
    },
  });
  const outcomes = await Promise.allSettled(
    customers.map(({ pdf, fileName, ...details }) =>
      client.submitCustomerTerms({ ...details, termsFile: pdf, fileName }),
    ),
  );
  return { outcomes, retries };
}

/** What a user of the official SDK would write for one customer. */
function officialOnboarding(emu, account) {
  const url = new URL(emu.endpoint);
  const client = new Cams.default(
    new OpenApi.Config({
      accessKeyId: account.accessKeyId,
      accessKeySecret: account.accessKeySecret,
      endpoint: url.host,
      protocol: url.protocol.replace(':', ''),
    }),
  );
  return async ({ custSpaceId, custName, officeAddress, contactMail, countryId, businessDesc, fileName, pdf }) => {
    const auth = await client.getChatappUploadAuthorization(
      new Cams.GetChatappUploadAuthorizationRequest({ custSpaceId }),
    );
    const data = auth.body.data;
    const oss = new OSS({
      accessKeyId: data.accessKeyId,
      accessKeySecret: data.accessKeySecret,
      stsToken: data.securityToken,
      bucket: data.bucketName,
      endpoint: data.endPoint,
      refreshSTSTokenInterval: data.expire * 1000,
    });
    await oss.put(`${data.dir}/${fileName}`, pdf);
    await client.submitIsvCustomerTerms(
      new Cams.SubmitIsvCustomerTermsRequest({
        custSpaceId,
        custName,
        officeAddress,
        contactMail,
        countryId,
        businessDesc,
        isvTerms: fileName,
      }),
    );
  };
}

async function runSequential(emu, account, customers) {
  const onboard = officialOnboarding(emu, account);
  const outcomes = [];
  for (const entry of customers) {
    try {
      outcomes.push({ status: 'fulfilled', value: await onboard(entry) });
    } catch (reason) {
      outcomes.push({ status: 'rejected', reason });
    }
  }
  return { outcomes, retries: 0 };
}

async function runNaive(emu, account, customers) {
  const onboard = officialOnboarding(emu, account);
  return { outcomes: await Promise.allSettled(customers.map((entry) => onboard(entry))), retries: 0 };
}

/** A redis-server of our own for the shared rows: unix socket in a temp folder, no TCP port, no persistence. */
let redisServer;
async function redisUrl() {
  if (redisServer !== undefined) return redisServer.url;
  const dir = await mkdtemp(join(tmpdir(), 'chatapp-bench-redis-'));
  const socket = join(dir, 'redis.sock');
  const args = ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', [...args, '--dir', dir], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.once('error', (error) => console.error(`cannot run redis-server: ${error.message}`));
  for (let attempt = 0; attempt < 200 && !existsSync(socket); attempt++) {
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!existsSync(socket)) throw new Error('redis-server did not start (Debian: apt-get install redis-server)');
  redisServer = {
    url: `unix://${socket}`,
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
  return redisServer.url;
}

const WORKER = fileURLToPath(new URL('../packages/quota-redis/test/fixtures/onboard-worker.mjs', import.meta.url));

/**
 * Starts one worker process (the quota-redis tests' onboarding worker). `ready` resolves once it has warmed up;
 * `go()` starts its onboarding; `done` resolves with its result line.
 */
function startWorker(job) {
  const child = spawn(process.execPath, [WORKER, JSON.stringify({ ...job, waitForGo: true })], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markReady;
  const ready = new Promise((resolve) => (markReady = resolve));
  const done = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('"ready":true')) markReady();
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      markReady();
      if (code !== 0 || line === '') reject(new Error(`worker ${job.tag} exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(line));
    });
  });
  return { ready, done, go: () => child.stdin.end('go\n') };
}

/** 3 processes, one account: with the shared Redis limiter, or each with core's in-process one. */
function threeProcesses(shared) {
  return async (emu, account, customers, warmUp) => {
    const url = shared ? await redisUrl() : undefined;
    const share = Math.ceil(customers.length / 3);
    const workers = [0, 1, 2].map((index) =>
      startWorker({
        tag: `p${index + 1}`,
        endpoint: emu.endpoint,
        accessKeyId: account.accessKeyId,
        accessKeySecret: account.accessKeySecret,
        custSpaceIds: customers.slice(index * share, (index + 1) * share).map((entry) => entry.custSpaceId),
        redisUrl: url,
        warmUp: { ...warmUp, custSpaceId: warmUp.custSpaceIds[index] },
      }),
    );
    await Promise.all(workers.map((worker) => worker.ready));
    // The clock starts when all three are warm (the rows measure the onboarding, not Node's start-up).
    const started = performance.now();
    for (const worker of workers) worker.go();
    const results = await Promise.all(workers.map((worker) => worker.done));
    const seconds = (performance.now() - started) / 1000;
    const outcomes = results.flatMap((result) => [
      ...Array.from({ length: result.onboarded }, () => ({ status: 'fulfilled' })),
      ...Object.entries(result.codes).flatMap(([code, count]) =>
        Array.from({ length: count }, () => ({ status: 'rejected', reason: { code } })),
      ),
    ]);
    return { outcomes, retries: 0, seconds };
  };
}

/** The most calls of one operation of `account` the emulator saw in any one-second window. */
function mostInAnySecond(stats, accessKeyId) {
  let most = 0;
  for (const operation of Object.values(stats.operations ?? {})) {
    const times = [...(operation.arrivals?.[accessKeyId] ?? [])].sort((a, b) => a - b);
    for (let start = 0, end = 0; end < times.length; end++) {
      while (times[end] - times[start] >= 1000) start++;
      most = Math.max(most, end - start + 1);
    }
  }
  return most;
}

/** The CLI bin on a CSV file of the customers, as a user would run it; outcomes come from its JSON report. */
async function runCli(emu, account, customers) {
  const dir = await mkdtemp(join(tmpdir(), 'chatapp-bench-cli-'));
  try {
    const header = 'id,custSpaceId,custName,officeAddress,contactMail,countryId,businessDesc,termsFile';
    const lines = [header];
    for (const [index, { pdf, fileName, ...details }] of customers.entries()) {
      await writeFile(join(dir, fileName), pdf);
      const quoted = [details.custName, details.officeAddress, details.businessDesc].map((v) => `"${v}"`);
      lines.push(
        [
          `c${index + 1}`,
          details.custSpaceId,
          quoted[0],
          quoted[1],
          details.contactMail,
          details.countryId,
          quoted[2],
          fileName,
        ].join(','),
      );
    }
    await writeFile(join(dir, 'customers.csv'), `${lines.join('\r\n')}\r\n`);
    const bin = fileURLToPath(new URL('./bin/chatapp-isv.js', import.meta.resolve('@chatapp-isv/cli')));
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [bin, 'onboard', 'customers.csv', '--yes', '--quiet', '--report', 'report.json'],
      {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ALIBABA_CLOUD_ACCESS_KEY_ID: account.accessKeyId,
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: account.accessKeySecret,
          ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true',
          CHATAPP_ISV_ENDPOINT: emu.endpoint,
        },
      },
    );
    await new Promise((resolve) => child.once('exit', resolve));
    const seconds = (performance.now() - started) / 1000;
    const { rows } = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    const outcomes = rows.map((row) =>
      row.status === 'submitted'
        ? { status: 'fulfilled' }
        : { status: 'rejected', reason: { code: row.errorCode || row.status } },
    );
    return { outcomes, retries: 0, seconds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const RUNNERS = {
  ours: { label: 'ours (core, Promise.all)', run: runOurs },
  sequential: { label: 'official SDK, sequential', run: runSequential },
  naive: { label: 'official SDK, Promise.all', run: runNaive },
  '3proc-shared': { label: '3 processes, Redis quota', run: threeProcesses(true) },
  '3proc-unshared': { label: '3 processes, own quotas', run: threeProcesses(false) },
  cli: { label: `CLI onboard, N=${CLI_N}`, run: runCli, n: CLI_N },
  instance: { label: 'ours, legacy withdrawn', run: runOurs, withdrawLegacy: true },
};

async function measure(name) {
  const runner = RUNNERS[name];
  if (runner === undefined) throw new Error(`unknown variant "${name}" (${Object.keys(RUNNERS).join(', ')})`);
  const count = runner.n ?? N;
  const seed = makeSeed(count);
  // A second account the 3-process rows warm up on (three spaces, one per process).
  const warmUp = { ...makeSeed().accounts[0], custSpaceIds: ['700000000000001', '700000000000002', '700000000000003'] };
  seed.accounts.push(warmUp);
  if (runner.withdrawLegacy) seed.withdrawnOperations = ['SubmitIsvCustomerTerms'];
  const emu = await launchEmulator(seed);
  try {
    const [account] = seed.accounts;
    const customers = account.custSpaceIds.map((space, index) => customer(index + 1, space));
    const started = performance.now();
    const { outcomes, retries, seconds: own } = await runner.run(emu, account, customers, warmUp);
    const seconds = own ?? (performance.now() - started) / 1000;
    const failures = outcomes.filter((outcome) => outcome.status === 'rejected');
    const failureCodes = {};
    for (const failure of failures) {
      const code = failure.reason?.code ?? failure.reason?.name ?? 'Error';
      failureCodes[code] = (failureCodes[code] ?? 0) + 1;
    }
    const stats = await emu.stats();
    return {
      maxInAnySecond: mostInAnySecond(stats, account.accessKeyId),
      variant: name,
      label: runner.label,
      n: count,
      seconds: Number(seconds.toFixed(2)),
      ratio: Number((seconds / (count / RPS)).toFixed(3)),
      rejections: stats.rejected,
      rejectionCodes: stats.errors,
      failures: failures.length,
      failureCodes,
      // Writes through UpdateInstance are records, not legacy submissions: count the accepted calls instead.
      submissions: runner.withdrawLegacy
        ? outcomes.filter((outcome) => outcome.status === 'fulfilled').length
        : await emu.submissionCount(),
      retries,
    };
  } finally {
    await emu.close();
  }
}

function codes(table) {
  const entries = Object.entries(table);
  return entries.length === 0 ? '' : ` (${entries.map(([code, count]) => `${code} x${count}`).join(', ')})`;
}

const results = [];
if (!args.json) {
  console.log(
    `onboarding benchmark: N=${N} customers, quota ${RPS} req/s per operation, ${LATENCY} ms latency per call, ` +
      `emulator ${args.emulator === 'inline' ? 'in this process' : 'in a child process'}; floor N/${RPS} = ${FLOOR_SECONDS.toFixed(1)} s`,
  );
}
for (const name of VARIANTS) {
  const result = await measure(name);
  results.push(result);
  if (!args.json) {
    console.log(
      `${result.label.padEnd(28)} wall ${result.seconds.toFixed(2).padStart(7)} s  ` +
        `${result.ratio.toFixed(2).padStart(5)}x floor  ` +
        `rejections ${String(result.rejections).padStart(3)}${codes(result.rejectionCodes)}  ` +
        `failures ${String(result.failures).padStart(3)}${codes(result.failureCodes)}  ` +
        `submitted ${result.submissions}/${result.n}  max ${result.maxInAnySecond}/s`,
    );
  }
}
await redisServer?.stop();
const shared = results.find((result) => result.variant === '3proc-shared');
const sharedGoal =
  shared === undefined ? undefined : shared.ratio <= 1.15 && shared.failures === 0 && shared.rejections === 0;
const cliRow = results.find((result) => result.variant === 'cli');
const cliGoal =
  cliRow === undefined ? undefined : cliRow.ratio <= 1.05 && cliRow.failures === 0 && cliRow.rejections === 0;
const ours = results.find((result) => result.variant === 'ours');
const goal = ours === undefined ? undefined : ours.ratio <= 1.1 && ours.failures === 0 && ours.rejections === 0;
if (args.json) {
  const settings = { n: N, rps: RPS, latencyMs: LATENCY, emulator: args.emulator, floorSeconds: FLOOR_SECONDS };
  console.log(
    JSON.stringify({ ...settings, results, goalMet: goal, sharedGoalMet: sharedGoal, cliGoalMet: cliGoal }, null, 2),
  );
} else {
  if (goal !== undefined)
    console.log(`goal (ours <= 1.10x floor, 0 failures, 0 rejections): ${goal ? 'met' : 'NOT met'}`);
  if (sharedGoal !== undefined) {
    console.log(`goal (3proc-shared <= 1.15x floor, 0 failures, 0 rejections): ${sharedGoal ? 'met' : 'NOT met'}`);
  }
  if (cliGoal !== undefined) {
    console.log(`goal (cli <= 1.05x its floor, 0 failures, 0 rejections): ${cliGoal ? 'met' : 'NOT met'}`);
  }
}
