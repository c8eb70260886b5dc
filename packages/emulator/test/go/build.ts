// Builds the Go driver (this folder's module, pinned by go.mod and go.sum) into `<repo root>/.tools/go-bin/`. Go's
// own caches make a rebuild cheap; the first build on a clean machine downloads the pinned modules through the
// Go module proxy, so it is bounded by a timeout.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUILD_TIMEOUT_MS = 8 * 60_000;
const here = dirname(fileURLToPath(import.meta.url));

/** Builds the driver and returns the path of its executable. */
export function buildGoDriver(): string {
  let root = here;
  while (!existsSync(join(root, 'pnpm-workspace.yaml'))) root = dirname(root);
  const outDir = join(root, '.tools', 'go-bin');
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, process.platform === 'win32' ? 'emulator-go-driver.exe' : 'emulator-go-driver');
  const result = spawnSync('go', ['build', '-mod=readonly', '-o', out, '.'], {
    cwd: here,
    encoding: 'utf8',
    timeout: BUILD_TIMEOUT_MS,
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' },
  });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : `exit ${result.status}`;
    throw new Error(`go build of the Go driver failed (${why})\n${(result.stderr ?? '').slice(-3000)}`);
  }
  return out;
}
