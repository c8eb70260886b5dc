// The README's demo, run as a user would run it (a separate Node.js process), checked by its output: every step,
// the upload's key and sha256, the submission's RequestId, what the emulator recorded, and no secret printed.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const demo = fileURLToPath(new URL('../../../examples/demo/index.mjs', import.meta.url));

describe('examples/demo', () => {
  it('onboards one customer against the in-process emulator and prints each step', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [demo], { timeout: 25_000 });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/\[authorize\] upload authorization received: custSpaceId=\d+ requestId=[0-9A-F-]{36}/);
    const upload = /\[upload\] terms file uploaded: .*objectKey=(\S+) sha256=([0-9a-f]{64}) size=(\d+)/.exec(stdout);
    expect(upload).not.toBeNull();
    const submit = /SubmitIsvCustomerTerms OK, RequestId ([0-9A-F-]{36})/.exec(stdout);
    expect(submit).not.toBeNull();
    // The emulator's record names the same RequestId, object key and hash the client reported.
    expect(stdout).toContain(`RequestId ${submit?.[1]}`);
    expect(stdout).toMatch(new RegExp(`submission v1: .*RequestId ${submit?.[1]}`));
    expect(stdout).toContain(
      `object chatapp-isv-terms/${upload?.[1]}: ${upload?.[3]} bytes, sha256 ${upload?.[2]} (matches the upload)`,
    );
    expect(stdout).toMatch(
      /GetChatappUploadAuthorization 1\/1, SubmitIsvCustomerTerms 1\/1, PutObject 1\/1; rejected 0/,
    );
    expect(stdout).toContain('Done: the customer is onboarded.');
    // The emulator's AccessKey secrets start with "emu-secret-" and its STS tokens with "CAIS".
    expect(stdout).not.toMatch(/emu-secret-|CAIS[A-Za-z0-9]{20}/);
  });
});
