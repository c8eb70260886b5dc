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

/** Type-checks `source` as a file of the project; returns the compiler's messages. */
async function diagnosticsFor(source: string, options: TypeScript.CompilerOptions, name: string): Promise<string[]> {
  const file = join(project.dir, name);
  await writeFile(file, source);
  const program = ts.createProgram([file], { ...options, types: [] });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

// Type-checking @pulumi/pulumi's declarations takes a few seconds on a busy machine.
const COMPILE_TIMEOUT = 120_000;

describe.each(Object.entries(TEMPLATES))('%s', (label, options) => {
  const slug = label.split(' ')[0]!.replace(/\W/g, '');
  it(
    'compiles a program that declares IsvCustomerTerms',
    async () => {
      expect(await diagnosticsFor(PROGRAM, options, `${slug}-ok.ts`)).toEqual([]);
    },
    COMPILE_TIMEOUT,
  );

  it(
    'rejects a program that forgets termsFile',
    async () => {
      const broken = PROGRAM.replace("termsFile: new pulumi.asset.FileAsset('terms/acme.pdf'),", '');
      const messages = await diagnosticsFor(broken, options, `${slug}-broken.ts`);
      expect(messages.join('\n')).toMatch(/termsFile/);
    },
    COMPILE_TIMEOUT,
  );
});
