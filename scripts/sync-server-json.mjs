// Part of `npm run version-packages`, after `changeset version`: the MCP Registry's server.json names the MCP
// server's version twice (the entry and its npm package), and Changesets knows only package.json files, so this
// copies the new version over. Run from a checkout; it edits the checkout it lives in.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(dirname(fileURLToPath(import.meta.url))), 'packages', 'mcp-server');
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const serverJsonPath = join(packageDir, 'server.json');
const serverJson = JSON.parse(readFileSync(serverJsonPath, 'utf8'));
serverJson.version = version;
for (const entry of serverJson.packages) entry.version = version;
writeFileSync(serverJsonPath, `${JSON.stringify(serverJson, null, 2)}\n`);
process.stdout.write(`server.json: ${version}\n`);
