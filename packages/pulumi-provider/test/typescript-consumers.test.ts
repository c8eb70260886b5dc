// A user's Pulumi program must type-check with the tsconfig it already has. Pulumi's `typescript` template uses
// `module: commonjs` + `moduleResolution: node`, which ignores `exports` maps; newer projects use `nodenext`.
// Both are compiled here with the TypeScript that Pulumi's ts-node would use (5.x), from a pnpm-like project folder.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as TypeScript from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestProject, nativeRequire, type TestProject } from './helpers.js';

const ts: typeof TypeScript = nativeRequire('typescript');

const PROGRAM = `
import * as pulumi from '@pulumi/pulumi';
import { IsvCustomerTerms } from '@chatapp-isv/pulumi-provider';

const terms = new IsvCustomerTerms('acme', {
  custSpaceId: '2934839388490101',
  custName: 'Acme Trading Pte. Ltd.',
  officeAddress: '1 Harbourfront Avenue, Singapore',
  contactMail: 'legal@acme.example',
  countryId: 'SG',
  businessDesc: 'Support',
  termsFile: new pulumi.asset.FileAsset('terms/acme.pdf'),
});
export const requestId: pulumi.Output<string> = terms.requestId;
export const size: pulumi.Output<number> = terms.termsSize;
`;

const TEMPLATES: Record<string, TypeScript.CompilerOptions> = {
  'pulumi new typescript (commonjs, node resolution)': {
    strict: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    noImplicitReturns: true,
    noEmit: true,
  },
  'nodenext (as in examples/pulumi-isv-terms)': {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
  },
};

let project: TestProject;

beforeAll(async () => {
  project = await createTestProject('isv-terms-types-');
});

afterAll(async () => {
  await project?.remove();
});

/** Messages of the compiler for each file, from ONE program over all of them (type-checking @pulumi/pulumi's
 * declarations dominates the cost, so the working and the broken program share it). */
async function diagnosticsFor(
  sources: Record<string, string>,
  options: TypeScript.CompilerOptions,
): Promise<Record<string, string[]>> {
  const files: Record<string, string> = {};
  for (const [name, source] of Object.entries(sources)) {
    files[name] = join(project.dir, name);
    await writeFile(files[name]!, source);
  }
  const program = ts.createProgram(Object.values(files), { ...options, types: [] });
  const byFile: Record<string, string[]> = {};
  for (const [name, file] of Object.entries(files)) {
    byFile[name] = ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return byFile;
}

// Type-checking @pulumi/pulumi's declarations takes a few seconds on a busy machine.
const COMPILE_TIMEOUT = 120_000;
const BROKEN = PROGRAM.replace("termsFile: new pulumi.asset.FileAsset('terms/acme.pdf'),", '');

describe.each(Object.entries(TEMPLATES))('%s', (label, options) => {
  const slug = label.split(' ')[0]!.replace(/\W/g, '');
  let messages: Record<string, string[]>;

  beforeAll(async () => {
    messages = await diagnosticsFor({ [`${slug}-ok.ts`]: PROGRAM, [`${slug}-broken.ts`]: BROKEN }, options);
  }, COMPILE_TIMEOUT);

  it('compiles a program that declares IsvCustomerTerms', () => {
    expect(messages[`${slug}-ok.ts`]).toEqual([]);
  });

  it('rejects a program that forgets termsFile', () => {
    expect(BROKEN).not.toContain('termsFile');
    expect(messages[`${slug}-broken.ts`]!.join('\n')).toMatch(/termsFile/);
  });
});
