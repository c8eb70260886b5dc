#!/usr/bin/env node
// The emulator as a process: `chatapp-isv-emulator [--port N] [--seed FILE] [--host H]`. Prints one JSON line
// {"endpoint","accounts"} first (so a parent process can read its keys), then serves until SIGTERM or SIGINT.
import { startEmulator } from '../index.js';
import type { EmulatorOptions } from '../index.js';

function parseArgs(argv: string[]): EmulatorOptions {
  const options: EmulatorOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: chatapp-isv-emulator [--port N] [--seed FILE] [--host HOST]\n');
      process.exit(0);
    }
    if (value === undefined) throw new Error(`${arg} needs a value (usage: [--port N] [--seed FILE] [--host HOST])`);
    if (arg === '--port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port must be 0-65535, got "${value}"`);
      options.port = port;
    } else if (arg === '--seed') options.seed = value;
    else if (arg === '--host') options.host = value;
    else throw new Error(`unknown argument "${arg}" (usage: [--port N] [--seed FILE] [--host HOST])`);
    i++;
  }
  return options;
}

async function main(): Promise<void> {
  const emulator = await startEmulator(parseArgs(process.argv.slice(2)));
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  // Handlers go in before the line is printed: a parent may signal as soon as it has read it.
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`${JSON.stringify({ endpoint: emulator.endpoint, accounts: emulator.accounts })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`chatapp-isv-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
