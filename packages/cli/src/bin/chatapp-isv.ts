#!/usr/bin/env node
// The `chatapp-isv` command. Exits with the code runCli resolves (0 ok, 1 rows failed, 2 bad input, 130
// interrupted) once stdout and stderr are flushed, without waiting for idle keep-alive sockets to time out.
import { runCli } from '../main.js';

const code = await runCli(process.argv.slice(2));
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
