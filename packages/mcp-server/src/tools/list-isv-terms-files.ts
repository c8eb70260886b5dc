// list_isv_terms_files: what an assistant needs before it can name a filePath: the allowed directories and the PDFs
// in them (name, size, modified time), a page at a time. It reads only directory entries inside the allowed
// directories, follows a symlink only when it stays inside them, and sends nothing anywhere.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

import { runTool, success, type ToolDeps } from './run.js';
import type { ToolModule } from './tool.js';

/** The tool's name. */
export const name = 'list_isv_terms_files';

/** Input: which directory (default the first allowed one), and paging. */
export const inputSchema = z
  .object({
    directory: z
      .string()
      .optional()
      .describe(
        'Directory to list: an allowed directory or one inside it (absolute, ~/…, or relative to the first allowed directory). Default: the first allowed directory.',
      ),
    cursor: z.string().optional().describe('The nextCursor of the previous page, to get the next one.'),
    limit: z.number().int().min(1).max(200).optional().describe('PDFs per page, 1 to 200 (default 50).'),
  })
  .strict();

/** Output: the allowed directories, then one page of the listed directory. */
export const outputSchema = z.object({
  allowedDirectories: z
    .array(z.string())
    .describe('Every directory filePath may point into (empty: local files are disabled; use contentBase64).'),
  directory: z.string().optional().describe('The directory listed (absent when no directory is allowed).'),
  files: z
    .array(
      z.object({
        path: z.string().describe('Absolute path, to pass as filePath.'),
        name: z.string().describe('File name, the default isvTerms.'),
        size: z.number().describe('Size in bytes (the limit is 2 MiB).'),
        modified: z.string().describe('Last modified, ISO 8601.'),
      }),
    )
    .describe('PDF files in the directory (by .pdf name), sorted by name.'),
  directories: z.array(z.string()).describe('Subdirectories to list next (on the first page only).'),
  nextCursor: z.string().optional().describe('Pass as cursor to get the next page; absent on the last page.'),
});

/** Title and annotations: reads directory entries only, inside the allowed directories. */
export const config = {
  title: 'List ISV terms files',
  description:
    'List the directories this server may read agreement PDFs from, and the PDF files in one of them (path, name, size, modified time), 50 at a time by default. Use a returned path as filePath. Relative paths in other tools start at the first allowed directory; ~ is the home directory.',
  inputSchema,
  outputSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
};

/** Registers list_isv_terms_files on `server`. */
export function registerListIsvTermsFilesTool(server: McpServer, deps: ToolDeps): void {
  server.registerTool(name, config, (args) =>
    runTool(name, deps, async () => {
      const allowedDirectories = [...deps.files.roots];
      if (allowedDirectories.length === 0) return success({ allowedDirectories, files: [], directories: [] });
      const listing = await deps.files.listPdfs(args.directory, { cursor: args.cursor, limit: args.limit });
      return success({ allowedDirectories, ...listing });
    }),
  );
}

/** The catalogue entry. */
export const tool: ToolModule = {
  name,
  annotations: config.annotations,
  description: config.description,
  register: registerListIsvTermsFilesTool,
};
