// upload_isv_terms_file: step one of the flow. Core asks ChatApp for a short-lived OSS authorization for the space
// and puts the PDF at `<authorized folder>/<fileName>`. The temporary OSS credentials stay inside core: the result
// carries only the file name to submit, the object key and a fingerprint of what was sent.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

import { checkCustSpaceId, checkInput } from './check-input.js';
import { custSpaceId, fileFields, uploadOutput } from './fields.js';
import type { ToolModule } from './tool.js';
import { runTool, success, type ToolDeps } from './run.js';
import { resolveTermsFile } from './terms-file-input.js';

/** The tool's name. */
export const name = 'upload_isv_terms_file';

/** Input: the space and the PDF, by path (inside the allowed directories) or as base64 with a file name. */
export const inputSchema = z.object({ custSpaceId, ...fileFields }).strict();

/** Output: what to submit as isvTerms, where it went, and a fingerprint. */
export const outputSchema = uploadOutput;

/** Title and annotations: writes to OSS (replacing an object of the same name); same bytes give the same result. */
export const config = {
  title: 'Upload ISV terms file',
  description:
    'Upload the signed customer agreement PDF for a space (custSpaceId) to the ChatApp OSS folder, given as filePath (inside an allowed directory) or contentBase64 + fileName. Returns isvTerms (the file name to pass to submit_isv_customer_terms), objectKey, sha256 and size. Uploading again under the same fileName replaces the earlier file.',
  inputSchema,
  outputSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
};

/** Registers upload_isv_terms_file on `server`. */
export function registerUploadIsvTermsFileTool(server: McpServer, deps: ToolDeps): void {
  server.registerTool(name, config, (args) =>
    runTool(name, deps, async () => {
      // Check the space and the file together, so one answer lists every problem.
      const [space, file] = await checkInput([
        () => checkCustSpaceId(args.custSpaceId),
        () => resolveTermsFile(args, deps),
      ]);
      const result = await deps.client().uploadTermsFile({
        custSpaceId: space,
        file: file.bytes,
        fileName: file.fileName,
      });
      return success({
        isvTerms: result.isvTerms,
        objectKey: result.objectKey,
        sha256: result.sha256,
        size: result.size,
      });
    }),
  );
}

/** The catalogue entry. */
export const tool: ToolModule = {
  name,
  annotations: config.annotations,
  description: config.description,
  register: registerUploadIsvTermsFileTool,
};
