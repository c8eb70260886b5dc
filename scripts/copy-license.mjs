// `prepack` of every published package: puts the workspace's LICENSE (Apache-2.0) into the package folder so the
// tarball carries it. npm packs a LICENSE only from the package's own folder; one generated copy per pack keeps a
// single source in git (packages/*/LICENSE is ignored).
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
copyFileSync(join(root, 'LICENSE'), join(process.cwd(), 'LICENSE'));
