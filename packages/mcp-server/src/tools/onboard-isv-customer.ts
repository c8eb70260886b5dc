// onboard_isv_customer: the whole flow in one call, for "onboard customer X with this signed agreement". Fields and
// file are checked before anything is sent; then core uploads the PDF and submits the terms naming it. If the
// submit fails after the upload, the error says so and names the stored file, to reuse with submit_isv_customer_terms.
import { OutcomeUnknownError } from '@chatapp-isv/core';
import type { CallToolResult, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

import { describeError, formatReport } from '../errors.js';
import type { WritePreview } from '../confirm.js';
import { progressReporter } from '../progress.js';
import { checkCompanyDetails, checkInput } from './check-input.js';
import { companyFields, fileFields, submitFields, submitOutput, uploadOutput } from './fields.js';
import type { ToolModule } from './tool.js';
import { runTool, success, type ToolDeps } from './run.js';
import { resolveTermsFile } from './terms-file-input.js';

/** The tool's name. */
export const name = 'onboard_isv_customer';

/** Input: the six company fields plus the PDF (path or base64 + file name). */
export const inputSchema = z.object({ ...companyFields, ...fileFields }).strict();

/** Output: the upload and the submission, as the two single-step tools report them. */
export const outputSchema = z.object({
  upload: uploadOutput.describe('The uploaded agreement.'),
  submit: submitOutput.describe('The SubmitIsvCustomerTerms answer.'),
});

/** Title and annotations: uploads and submits (see the two single-step tools); repeating it submits again. */
export const config = {
  title: 'Onboard ISV customer',
  description:
    'Validate, upload and submit in one call: the six company fields (custSpaceId, custName, officeAddress, contactMail, countryId, businessDesc) plus the signed agreement PDF as filePath (inside an allowed directory) or contentBase64 + fileName. Nothing is sent unless every field and the file pass validation. Returns the upload (isvTerms, objectKey, sha256, size) and the submission (requestId, code, message).',
  inputSchema,
  outputSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
};

/** The submit's error, plus what was already done: the PDF is stored and can be submitted without a new upload. */
function submitFailedAfterUpload(error: unknown, isvTerms: string, deps: ToolDeps): CallToolResult {
  const report = describeError(error);
  deps.logger.warn('tool call failed after upload', {
    tool: name,
    code: report.code,
    requestId: report.requestId,
  });
  // An unknown outcome is not a failed submit: it may be on record, so it must not be offered for resubmission.
  const text =
    error instanceof OutcomeUnknownError
      ? `${formatReport(report)}\nThe PDF was uploaded as isvTerms "${isvTerms}"; whether the submission is on record is unknown.`
      : `${formatReport(report)}\nThe PDF was uploaded as isvTerms "${isvTerms}" but not submitted: once the cause is fixed, call submit_isv_customer_terms with isvTerms "${isvTerms}" (no new upload needed).`;
  return { isError: true, content: [{ type: 'text', text: deps.redact(text) }] };
}

/** The preview a person approves before anything is sent. */
export function onboardPreview(
  details: { custSpaceId: string; custName: string; countryId: string },
  file: { fileName: string; size: number; sha256: string },
): WritePreview {
  return {
    action: `Upload the signed agreement of ${details.custName} and submit it to Alibaba Cloud ChatApp`,
    details: [
      ['Customer', `${details.custName} (${details.countryId})`],
      ['Space', details.custSpaceId],
      ['File', `${file.fileName} (${file.size} bytes)`],
      ['SHA-256', file.sha256],
    ],
  };
}

/** Registers onboard_isv_customer on `server`. */
export function registerOnboardIsvCustomerTool(server: McpServer, deps: ToolDeps): void {
  server.registerTool(name, config, (input, ctx) =>
    runTool(name, deps, async () => {
      const { filePath, contentBase64, fileName, ...rest } = input;
      const progress = progressReporter(ctx, 4);
      // Check fields and file together, so one answer lists every problem.
      const [details, file] = await checkInput([
        () => checkCompanyDetails(rest),
        () => resolveTermsFile({ filePath, contentBase64, fileName }, deps),
      ]);
      // Progress starts once the person has confirmed: a 2026-07-28 confirmation ends this round and the call
      // comes back as a new one, which would otherwise report the first step twice.
      const confirmation = await deps.confirmer.confirm(server, ctx, onboardPreview(details, file));
      if (!confirmation.proceed) return confirmation.result;
      await progress(1, `validated: ${file.fileName}, ${file.size} bytes`);
      // Step by step rather than core's submitCustomerTerms: each step is reported, and a failed submit can still
      // name the file it uploaded. The authorization is cached by core, so the upload reuses it.
      const client = deps.client();
      await client.getUploadAuthorization({ custSpaceId: details.custSpaceId });
      await progress(2, 'authorized: ChatApp issued the upload authorization');
      const upload = await client.uploadTermsFile({
        custSpaceId: details.custSpaceId,
        file: file.bytes,
        fileName: file.fileName,
      });
      const uploaded = {
        isvTerms: upload.isvTerms,
        objectKey: upload.objectKey,
        sha256: upload.sha256,
        size: upload.size,
      };
      await progress(3, `uploaded: ${uploaded.objectKey}`);
      let submit;
      try {
        submit = await client.submitIsvCustomerTerms({ ...details, isvTerms: upload.isvTerms });
      } catch (error) {
        return submitFailedAfterUpload(error, uploaded.isvTerms, deps);
      }
      await progress(4, `submitted: RequestId ${submit.requestId}`);
      return success({
        upload: uploaded,
        submit: submitFields(submit),
      });
    }),
  );
}

/** The catalogue entry. */
export const tool: ToolModule = {
  name,
  annotations: config.annotations,
  description: config.description,
  register: registerOnboardIsvCustomerTool,
};
