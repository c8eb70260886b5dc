// The shape every tool module exports, so the catalogue (tools/index.ts) is one list: a tool's name, its
// annotations and how to register it. Whether a tool may run in a `--read-only` server is read from its own
// `readOnlyHint`, not kept in a second list that could drift from the annotations hosts are shown.
import type { McpServer, ToolAnnotations } from '@modelcontextprotocol/server';

import type { ToolDeps } from './run.js';

/** One tool: its name, its annotations and its registration. */
export interface ToolModule {
  /** The tool's name, as listed. */
  readonly name: string;
  /** The annotations it is listed with; `readOnlyHint: true` lets it run in a read-only server. */
  readonly annotations: ToolAnnotations;
  /** What it does, as listed (also shown on install pages, e.g. the .mcpb manifest). */
  readonly description: string;
  /** Registers the tool on `server`. */
  register(server: McpServer, deps: ToolDeps): void;
}

/** True for tools that change nothing anywhere (their `readOnlyHint` is true). */
export function isReadOnlyTool(tool: Pick<ToolModule, 'annotations'>): boolean {
  return tool.annotations.readOnlyHint === true;
}
