// The plugin's schema as `pulumi package get-schema` returns it, turned into typed SDKs by `pulumi package gen-sdk`:
// a Node.js SDK that type-checks against @pulumi/pulumi and a Python SDK whose modules compile. Python code generation
// uses the stand-in host in the CLI cache's codegen/ folder (see scripts/install-pulumi-cli.sh).
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type * as TypeScript from 'typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findPulumiCliDir, loadProviderPackage, nativeRequire, packageRoot, pulumiEnv, run } from './helpers.js';

const ENGINE_TIMEOUT = 5 * 60_000;
// beforeAll may have to build the CLI first (scripts/install-pulumi-cli.sh: slow once, cached afterwards).
const SETUP_TIMEOUT = 45 * 60_000;
const PLUGIN = join(packageRoot, 'bin', 'pulumi-resource-chatapp-isv');

let home: string;
let cliDir: string;
let env: Record<string, string>;

async function pulumi(...args: string[]) {
  const result = await run('pulumi', [...args, '--non-interactive'], { cwd: home, env });
  if (result.code !== 0) {
    throw new Error(`pulumi ${args.join(' ')} exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

beforeAll(async () => {
  cliDir = await findPulumiCliDir();
  home = await mkdtemp(join(tmpdir(), 'isv-terms-sdk-'));
  env = pulumiEnv(cliDir, home);
}, SETUP_TIMEOUT);

afterAll(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

it(
  'get-schema returns the schema, and gen-sdk turns it into Node.js and Python SDKs that compile',
  async () => {
    const { packageSchema } = loadProviderPackage();
    const version = (JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8')) as { version: string })
      .version;
    const schemaText = (await pulumi('package', 'get-schema', PLUGIN)).stdout;
    expect(JSON.parse(schemaText)).toEqual(packageSchema(version));
    const schemaFile = join(home, 'schema.json');
    await writeFile(schemaFile, schemaText);

    // Python code generation only: the stand-in host in the CLI cache's codegen/ folder (see install-pulumi-cli.sh).
    const codegenDir = join(dirname(cliDir), 'codegen');
    const sdkDir = join(home, 'sdk');
    for (const language of ['nodejs', 'python']) {
      const saved = env['PATH'];
      env['PATH'] = [codegenDir, saved].join(delimiter);
      try {
        await pulumi('package', 'gen-sdk', schemaFile, '--language', language, '--out', sdkDir);
      } finally {
        env['PATH'] = saved!;
      }
    }

    // Node.js: the generated TypeScript type-checks against @pulumi/pulumi (linked in as a user's install would).
    const nodeSdk = join(sdkDir, 'nodejs');
    await mkdir(join(nodeSdk, 'node_modules', '@pulumi'), { recursive: true });
    const pulumiDir = await realpath(dirname(nativeRequire.resolve('@pulumi/pulumi/package.json')));
    await symlink(pulumiDir, join(nodeSdk, 'node_modules', '@pulumi', 'pulumi'), 'dir');
    const files = (await readdir(nodeSdk, { recursive: true }))
      .filter((name) => name.endsWith('.ts') && !name.startsWith('node_modules'))
      .map((name) => join(nodeSdk, name));
    expect(files.some((file) => file.endsWith('isvCustomerTerms.ts'))).toBe(true);
    const ts: typeof TypeScript = nativeRequire('typescript');
    const compiledTs = ts.createProgram(files, {
      strict: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      noEmit: true,
      types: [],
    });
    const messages = ts
      .getPreEmitDiagnostics(compiledTs)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages).toEqual([]);

    // Python: every generated module compiles.
    const pySdk = join(sdkDir, 'python', 'pulumi_chatapp_isv');
    expect(await readFile(join(pySdk, 'isv_customer_terms.py'), 'utf8')).toContain('terms_file');
    const compiled = await run('python3', ['-m', 'compileall', '-q', pySdk]);
    expect(compiled.code, compiled.stdout + compiled.stderr).toBe(0);
  },
  ENGINE_TIMEOUT,
);
