// Our package and core, loaded by Node itself rather than through vitest's module transform. Vitest transforms
// workspace packages (they live outside node_modules) and its CommonJS interop differs from Node's, which breaks
// core's use of the CommonJS Alibaba Cloud SDK; loading natively tests exactly what the bin runs.
import { createRequire } from 'node:module';

import type * as Core from '@chatapp-isv/core';

import type * as McpServerPackage from '../dist/index.js';

const nativeRequire = createRequire(import.meta.url);

/** @chatapp-isv/mcp-server as built in dist/. */
export const server: typeof McpServerPackage = nativeRequire('../dist/index.js');

/** @chatapp-isv/core, the same instance our package uses. */
export const core: typeof Core = nativeRequire('@chatapp-isv/core');
