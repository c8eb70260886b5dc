// Every tool's success path against the emulator, through real clients of both eras (in memory, via serveStdio),
// with core's real client signing real HTTP: files land in the emulated OSS, submissions are recorded. Also the
// service's refusals as isError results with code and RequestId, and no secret in any result or log line.
import { core } from './native.js';
import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { company, connectInMemory, ERAS, makeTree, pdf, textOf, type Tree } from './helpers.js';

let emu: Emulator;
let tree: Tree;

beforeAll(async () => {
  emu = await startEmulator();
  tree = await makeTree();
});

afterAll(async () => {
  await emu.close();
  await tree.remove();
});

function account(index: number) {
  const seeded = emu.accounts[index];
  if (seeded === undefined) throw new Error(`emulator has no account ${index}`);
  return seeded;
}

describe.each(ERAS)('round trips over a %s-era client', (era) => {
  // Each era uses its own space so the two runs do not see each other's records.
  const space = () => account(0).custSpaceIds[era === 'legacy' ? 0 : 1] as string;

  async function open(credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string }) {
    const client = core.createIsvTermsClient({ endpoint: emu.endpoint, credentials });
    // No secret is handed to the redactor here: the results must be clean without value-based masking.
    return connectInMemory({ era, config: { allowDirs: [tree.allowed] }, client });
  }

  it('uploads by base64 and by path, submits, and onboards in one call', async () => {
    const { accessKeyId, accessKeySecret } = account(0);
    const session = await open({ accessKeyId, accessKeySecret });
    const results: unknown[] = [];
    try {
      const body = pdf(`${era}-upload`);
      const upload = await session.client.callTool({
        name: 'upload_isv_terms_file',
        arguments: { custSpaceId: space(), contentBase64: body.toString('base64'), fileName: `${era}-terms.pdf` },
      });
      results.push(upload);
      expect(upload.isError ?? false, textOf(upload)).toBe(false);
      const uploaded = upload.structuredContent as {
        isvTerms: string;
        objectKey: string;
        sha256: string;
        size: number;
      };
      expect(uploaded.isvTerms).toBe(`${era}-terms.pdf`);
      expect(uploaded.size).toBe(body.length);
      expect(emu.objects().find((o) => o.key === uploaded.objectKey)?.sha256).toBe(uploaded.sha256);

      const byPath = await session.client.callTool({
        name: 'upload_isv_terms_file',
        arguments: { custSpaceId: space(), filePath: 'terms.pdf' },
      });
      results.push(byPath);
      expect(byPath.isError ?? false, textOf(byPath)).toBe(false);
      expect(byPath.structuredContent).toMatchObject({ isvTerms: 'terms.pdf', size: pdf('allowed').length });

      const submit = await session.client.callTool({
        name: 'submit_isv_customer_terms',
        arguments: { ...company(space()), isvTerms: uploaded.isvTerms },
      });
      results.push(submit);
      expect(submit.isError ?? false, textOf(submit)).toBe(false);
      const submitted = submit.structuredContent as { requestId: string; code: string };
      expect(submitted.code).toBe('OK');
      const recorded = emu.submissions().find((s) => s.requestId === submitted.requestId);
      expect(recorded).toMatchObject({ custSpaceId: space(), isvTerms: `${era}-terms.pdf`, countryId: 'SG' });

      const onboard = await session.client.callTool({
        name: 'onboard_isv_customer',
        arguments: {
          ...company(space()),
          contentBase64: pdf(`${era}-onboard`).toString('base64'),
          fileName: 'onboard.pdf',
        },
      });
      results.push(onboard);
      expect(onboard.isError ?? false, textOf(onboard)).toBe(false);
      const onboarded = onboard.structuredContent as {
        upload: { objectKey: string };
        submit: { requestId: string; code: string };
      };
      expect(onboarded.submit.code).toBe('OK');
      expect(emu.submissions().find((s) => s.requestId === onboarded.submit.requestId)?.objectKey).toBe(
        onboarded.upload.objectKey,
      );
    } finally {
      await session.close();
    }
    const everything = JSON.stringify(results) + session.logLines.join('');
    expect(everything).not.toContain(accessKeySecret);
    expect(everything).not.toMatch(/securityToken|SecurityToken|AccessKeySecret/);
  });

  it('reports a refused call as an isError result with the service code, RequestId and a hint', async () => {
    const denied = account(2);
    const session = await open({ accessKeyId: denied.accessKeyId, accessKeySecret: denied.accessKeySecret });
    try {
      const result = await session.client.callTool({
        name: 'submit_isv_customer_terms',
        arguments: { ...company(denied.custSpaceIds[0] as string), isvTerms: 'terms.pdf' },
      });
      expect(result.isError).toBe(true);
      const text = textOf(result);
      expect(text).toContain('Ram.PermissionDeny');
      expect(text).toMatch(/RequestId: \S+/);
      expect(text).toContain('Hint:');
      expect(text).not.toContain(denied.accessKeySecret);
      expect(text).not.toMatch(/\n\s+at /);
    } finally {
      await session.close();
    }
  });

  it('onboard: when the submit fails after the upload, the error names the uploaded file to submit again', async () => {
    const { accessKeyId, accessKeySecret } = account(0);
    const session = await open({ accessKeyId, accessKeySecret });
    try {
      emu.setFaults('SubmitIsvCustomerTerms', { okStatusErrorCode: 'Ram.PermissionDeny', count: 1 });
      const fileName = `${era}-half-done.pdf`;
      const failed = await session.client.callTool({
        name: 'onboard_isv_customer',
        arguments: { ...company(space()), contentBase64: pdf('half').toString('base64'), fileName },
      });
      expect(failed.isError).toBe(true);
      const text = textOf(failed);
      expect(text).toContain('Ram.PermissionDeny');
      expect(text).toContain(`isvTerms "${fileName}"`);
      expect(text).toContain('submit_isv_customer_terms');
      expect(emu.objects().some((o) => o.key.endsWith(`/${fileName}`))).toBe(true);

      const puts = emu.stats().operations.PutObject.requests;
      const retried = await session.client.callTool({
        name: 'submit_isv_customer_terms',
        arguments: { ...company(space()), isvTerms: fileName },
      });
      expect(retried.isError ?? false, textOf(retried)).toBe(false);
      expect(emu.stats().operations.PutObject.requests).toBe(puts);
    } finally {
      emu.clearFaults('SubmitIsvCustomerTerms');
      await session.close();
    }
  });

  it('never shows the STS token or secret of temporary credentials', async () => {
    const sts = emu.issueStsCredentials(account(0).accessKeyId);
    const session = await open({
      accessKeyId: sts.accessKeyId,
      accessKeySecret: sts.accessKeySecret,
      securityToken: sts.securityToken,
    });
    try {
      const ok = await session.client.callTool({
        name: 'onboard_isv_customer',
        arguments: { ...company(space()), filePath: 'terms.pdf', fileName: `${era}-sts.pdf` },
      });
      expect(ok.isError ?? false, textOf(ok)).toBe(false);
      const refused = await session.client.callTool({
        name: 'upload_isv_terms_file',
        arguments: { custSpaceId: '999999999999999', contentBase64: pdf().toString('base64'), fileName: 'x.pdf' },
      });
      expect(refused.isError).toBe(true);
      const everything = JSON.stringify([ok, refused]) + session.logLines.join('');
      expect(everything).not.toContain(sts.securityToken);
      expect(everything).not.toContain(sts.accessKeySecret);
    } finally {
      await session.close();
    }
  });
});
