// The library user of the install test: a TypeScript project that has installed @chatapp-isv/core and
// @chatapp-isv/emulator from a registry and onboards one customer against an emulator it starts itself, once as an
// ES module (onboard.mts) and once as CommonJS (onboard.cts, whose `import` compiles to `require`). The project's own
// `tsc` type-checks both against the shipped declarations and emits onboard.mjs and onboard.cjs for Node to run.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { onePagePdf } from '../../support/one-page-pdf.js';

/** What each program prints as its one line of JSON. */
export interface OnboardReport {
  custSpaceId: string;
  isvTerms: string;
  requestId: string;
  /** The emulator's record of what arrived: one submission, with the space and RequestId the client reported. */
  recorded: { custSpaceId: string; requestId: string; isvTerms: string }[];
}

// strict and skipLibCheck off: the shipped .d.ts files must type-check as a careful user compiles them.
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    skipLibCheck: false,
    types: ['node'],
  },
  files: ['onboard.mts', 'onboard.cts'],
};

/** The program, shared by both module formats; `custName` tells the two runs apart. */
function onboardBody(custName: string): string {
  return `
  const emulator = await startEmulator({ host: '127.0.0.1' });
  try {
    const [account] = emulator.accounts;
    const custSpaceId = account!.custSpaceIds[0]!;
    const client = createIsvTermsClient({
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: account!.accessKeyId, accessKeySecret: account!.accessKeySecret },
    });
    const result: SubmitCustomerTermsResult = await client.submitCustomerTerms({
      custSpaceId,
      custName: '${custName}',
      officeAddress: '1 Example Road, Singapore 000001',
      contactMail: 'legal@example-trading.example',
      countryId: 'SG',
      businessDesc: 'Order updates over WhatsApp',
      termsFile: join(here, 'terms.pdf'),
    });
    const recorded = emulator.submissions().map((s) => ({ custSpaceId: s.custSpaceId, requestId: s.requestId, isvTerms: s.isvTerms }));
    const report = { custSpaceId, isvTerms: result.upload.isvTerms, requestId: result.submit.requestId, recorded };
    process.stdout.write(JSON.stringify(report) + '\\n');
  } finally {
    await emulator.close();
  }
`;
}

/** Proves the declarations are real types, not \`any\`: tsc fails on an unused @ts-expect-error. */
const TYPE_PROBE = `
export function typeProbe(client: IsvTermsClient): void {
  // @ts-expect-error custSpaceId is a string in the shipped declarations
  void client.submitCustomerTerms({ custSpaceId: 42 });
}
`;

const ESM_PROGRAM = `import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIsvTermsClient } from '@chatapp-isv/core';
import type { IsvTermsClient, SubmitCustomerTermsResult } from '@chatapp-isv/core';
import { startEmulator } from '@chatapp-isv/emulator';

const here = dirname(fileURLToPath(import.meta.url));
${onboardBody('ESM Trading Pte. Ltd.')}${TYPE_PROBE}`;

const CJS_PROGRAM = `import { join } from 'node:path';
import { createIsvTermsClient } from '@chatapp-isv/core';
import type { IsvTermsClient, SubmitCustomerTermsResult } from '@chatapp-isv/core';
import { startEmulator } from '@chatapp-isv/emulator';

const here = __dirname;

async function main(): Promise<void> {${onboardBody('CommonJS Trading Pte. Ltd.')}}
${TYPE_PROBE}
main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error) + '\\n');
  process.exitCode = 1;
});
`;

/** Writes tsconfig.json, onboard.mts, onboard.cts and the agreement PDF they submit into `dir`. */
export async function writeLibraryUser(dir: string): Promise<void> {
  await writeFile(join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  await writeFile(join(dir, 'onboard.mts'), ESM_PROGRAM);
  await writeFile(join(dir, 'onboard.cts'), CJS_PROGRAM);
  await writeFile(join(dir, 'terms.pdf'), onePagePdf('Example Trading agreement'));
}
