// Confirm before write, through real clients of both eras against the emulator: the person sees a preview and
// accepts (sent exactly once), declines or cancels (nothing sent, checked in the emulator's records), or the client
// cannot ask (refused with the operator's way out, nothing sent). Also onboard's progress notifications, in order.
import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { company, connectInMemory, ERAS, makeTree, pdf, textOf, type ElicitAnswer, type Tree } from './helpers.js';
import { core } from './native.js';

let emu: Emulator;
let tree: Tree;
// Spaces of one account, handed out one per test so each test's records are its own.
const SPACES = Array.from({ length: 24 }, (_, i) => String(510000000000001 + i));
let nextSpace = 0;
const freshSpace = () => SPACES[nextSpace++] as string;

beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      accounts: [
        {
          accessKeyId: 'FAKEconfirmtests0001',
          accessKeySecret: 'confirm-tests-secret-not-real-0001',
          subscribed: true,
          deniedActions: [],
          custSpaceIds: SPACES,
        },
      ],
    },
  });
  tree = await makeTree();
});

afterAll(async () => {
  await emu.close();
  await tree.remove();
});

function open(era: (typeof ERAS)[number], answer?: ElicitAnswer) {
  const asked: string[] = [];
  const client = core.createIsvTermsClient({
    endpoint: emu.endpoint,
    credentials: { accessKeyId: 'FAKEconfirmtests0001', accessKeySecret: 'confirm-tests-secret-not-real-0001' },
  });
  return connectInMemory({
    era,
    client,
    config: { allowDirs: [tree.allowed], confirm: 'ask' },
    ...(answer !== undefined ? { clientOptions: { elicit: { answer, asked } } } : {}),
  }).then((session) => ({ ...session, asked }));
}

const submissionsOf = (space: string) => emu.submissions().filter((s) => s.custSpaceId === space);

describe.each(ERAS)('confirm before write, %s-era client', (era) => {
  it('onboard: an accepted confirmation shows the preview and sends exactly once', async () => {
    const session = await open(era, { action: 'accept', content: { confirm: true } });
    const space = freshSpace();
    try {
      const body = pdf(`confirm-${era}`);
      const result = await session.client.callTool({
        name: 'onboard_isv_customer',
        arguments: { ...company(space), contentBase64: body.toString('base64'), fileName: 'signed.pdf' },
      });
      expect(result.isError ?? false, textOf(result)).toBe(false);
      expect(session.asked).toHaveLength(1);
      const question = session.asked[0] as string;
      for (const shown of ['Acme Trading Ltd', space, 'signed.pdf', `${body.length} bytes`]) {
        expect(question).toContain(shown);
      }
      const sha256 = (result.structuredContent as { upload: { sha256: string } }).upload.sha256;
      expect(question).toContain(sha256);
      expect(submissionsOf(space)).toHaveLength(1);
    } finally {
      await session.close();
    }
  });

  it.each<[string, ElicitAnswer, string]>([
    ['declined', { action: 'decline' }, 'ConfirmationDeclined'],
    ['cancelled', { action: 'cancel' }, 'ConfirmationCancelled'],
    ['accepted without the tick', { action: 'accept', content: { confirm: false } }, 'ConfirmationDeclined'],
  ])('onboard: %s → a clean isError and nothing sent, not even the upload', async (_label, answer, code) => {
    const session = await open(era, answer);
    const space = freshSpace();
    const before = emu.stats().requests;
    try {
      const result = await session.client.callTool({
        name: 'onboard_isv_customer',
        arguments: { ...company(space), filePath: 'terms.pdf' },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(code);
      expect(textOf(result)).toContain('nothing was sent');
      expect(session.asked).toHaveLength(1);
      expect(submissionsOf(space)).toHaveLength(0);
      expect(emu.stats().requests).toBe(before);
    } finally {
      await session.close();
    }
  });

  it('submit: asks with the customer, space and file name; declined sends nothing', async () => {
    const session = await open(era, { action: 'decline' });
    const space = freshSpace();
    const before = emu.stats().requests;
    try {
      const result = await session.client.callTool({
        name: 'submit_isv_customer_terms',
        arguments: { ...company(space), isvTerms: 'already-there.pdf' },
      });
      expect(result.isError).toBe(true);
      expect(session.asked[0]).toContain('already-there.pdf');
      expect(session.asked[0]).toContain(space);
      expect(emu.stats().requests).toBe(before);
    } finally {
      await session.close();
    }
  });

  it('a client without elicitation is refused with the --confirm=never / --yes way out, and nothing is sent', async () => {
    const session = await open(era);
    const space = freshSpace();
    const before = emu.stats().requests;
    try {
      for (const [name, args] of [
        ['onboard_isv_customer', { ...company(space), filePath: 'terms.pdf' }],
        ['submit_isv_customer_terms', { ...company(space), isvTerms: 'terms.pdf' }],
      ] as const) {
        const result = await session.client.callTool({ name, arguments: args });
        expect(result.isError, name).toBe(true);
        expect(textOf(result)).toContain('ConfirmationRequired');
        expect(textOf(result)).toContain('--confirm=never');
        expect(textOf(result)).toContain('--yes');
      }
      expect(emu.stats().requests).toBe(before);
      expect(submissionsOf(space)).toHaveLength(0);
    } finally {
      await session.close();
    }
  });

  it('onboard takes custSpaceId as a JSON integer and records it as its decimal digits', async () => {
    const session = await open(era, { action: 'accept', content: { confirm: true } });
    const space = freshSpace();
    try {
      const result = await session.client.callTool({
        name: 'onboard_isv_customer',
        arguments: { ...company(space), custSpaceId: Number(space), filePath: 'terms.pdf' },
      });
      expect(result.isError ?? false, textOf(result)).toBe(false);
      expect(submissionsOf(space).map((s) => s.custSpaceId)).toEqual([space]);
    } finally {
      await session.close();
    }
  });

  it('onboard sends progress per step, in order, when the client asks for progress', async () => {
    const session = await open(era, { action: 'accept', content: { confirm: true } });
    const space = freshSpace();
    const seen: { progress: number; total?: number | undefined; message?: string | undefined }[] = [];
    try {
      const result = await session.client.callTool(
        { name: 'onboard_isv_customer', arguments: { ...company(space), filePath: 'terms.pdf' } },
        { onprogress: (p) => seen.push(p) },
      );
      expect(result.isError ?? false, textOf(result)).toBe(false);
      // The 2026-07-28 client also reports its own round trip for the confirmation; ours carry total 4.
      const ours = seen.filter((p) => p.total === 4);
      expect(ours.map((p) => p.progress)).toEqual([1, 2, 3, 4]);
      expect(ours.map((p) => p.message?.split(':')[0])).toEqual(['validated', 'authorized', 'uploaded', 'submitted']);
      expect(submissionsOf(space)).toHaveLength(1);
    } finally {
      await session.close();
    }
  });
});
