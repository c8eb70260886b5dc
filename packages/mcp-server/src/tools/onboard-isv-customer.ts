// onboard_isv_customer: the whole flow in one call, for "onboard customer X with this signed agreement". Fields and
// file are checked before anything is sent; then core uploads the PDF and submits the terms naming it. If the
// submit fails after the upload, the error says so and names the stored file, to reuse with submit_isv_customer_terms.
import { validateCompanyDetails, ValidationError } from '@chatapp-isv/core';
import type { CallToolResult, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

import { describeError, formatReport } from '../errors.js';
import { FileAccessError } from '../files.js';
import { companyFields, fileFields, submitOutput, uploadOutput } from './fields.js';
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
  deps.logger.log('warn', 'tool call failed after upload', {
    tool: name,
    code: report.code,
    requestId: report.requestId,
  });
  const text = `${formatReport(report)}\nThe PDF was uploaded as isvTerms "${isvTerms}" but not submitted: once the cause is fixed, call submit_isv_customer_terms with isvTerms "${isvTerms}" (no new upload needed).`;
  return { isError: true, content: [{ type: 'text', text: deps.redact(text) }] };
}

/** Registers onboard_isv_customer on `server`. */
export function registerOnboardIsvCustomerTool(server: McpServer, deps: ToolDeps): void {
  server.registerTool(name, config, (args) =>
    runTool(name, deps, async () => {
      const { filePath, contentBase64, fileName, ...company } = args;
      // Check fields and file together, so one answer lists every problem.
      const issues: { field: string; message: string }[] = [];
      let details: ReturnType<typeof validateCompanyDetails> | undefined;
      try {
        details = validateCompanyDetails(company);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        issues.push(...error.issues);
      }
      let file: Awaited<ReturnType<typeof resolveTermsFile>> | undefined;
      try {
        file = await resolveTermsFile({ filePath, contentBase64, fileName }, deps);
      } catch (error) {
        if (error instanceof ValidationError) issues.push(...error.issues);
        else if (error instanceof FileAccessError && issues.length > 0)
          issues.push({ field: error.field, message: error.message });
        else throw error;
      }
      if (issues.length > 0 || details === undefined || file === undefined) throw new ValidationError(issues);
      // Two steps rather than core's submitCustomerTerms, so a failed submit can still name the file it uploaded.
      const client = deps.client();
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
      let submit;
      try {
        submit = await client.submitIsvCustomerTerms({ ...details, isvTerms: upload.isvTerms });
      } catch (error) {
        return submitFailedAfterUpload(error, uploaded.isvTerms, deps);
      }
      return success({
        upload: uploaded,
        submit: { requestId: submit.requestId, code: submit.code, message: submit.message },
      });
    }),
  );
}
