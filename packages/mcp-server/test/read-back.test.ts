// get_isv_customer_terms and the API generation, through real clients of both eras against the emulator: after an
// onboarding the record reads back as sent (also in --read-only mode, where the tool is offered); a space without a
// record is a clean CustomerTerms.NotFound; writes report the generation that carried them, `instance` once the
// emulator has withdrawn SubmitIsvCustomerTerms.
import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { company, connectInMemory, ERAS, makeTree, pdf, textOf, type Tree } from './helpers.js';
import { core } from './native.js';

const KEY = { accessKeyId: 'FAKEreadbacktests001', accessKeySecret: 'read-back-tests-secret-not-real-01' };
const SPACES = Array.from({ length: 8 }, (_, i) => String(730000000000001 + i));
let emu: Emulator;
let tree: Tree;

beforeAll(async () => {
  emu = await startEmulator({
    seed: { accounts: [{ ...KEY, subscribed: true, deniedActions: [], custSpaceIds: SPACES }] },
  });
  tree = await makeTree();
});

afterAll(async () => {
  await emu.close();
  await tree.remove();
});

function open(era: (typeof ERAS)[number], readOnly = false) {
  const client = core.createIsvTermsClient({ endpoint: emu.endpoint, credentials: KEY });
  return connectInMemory({ era, client, config: { allowDirs: [tree.allowed], readOnly } });
}

describe.each(ERAS)('read-back over a %s-era client', (era) => {
  const space = SPACES[era === 'legacy' ? 0 : 1] as string;

  it('reads back what onboard sent (legacy generation), in --read-only mode too', async () => {
    const writer = await open(era);
    try {
      const onboard = await writer.client.callTool({
        name: 'onboard_isv_customer',
        arguments: { ...company(space), contentBase64: pdf(`rb-${era}`).toString('base64'), fileName: `rb-${era}.pdf` },
      });
      expect(onboard.isError ?? false, textOf(onboard)).toBe(false);
      expect((onboard.structuredContent as { submit: { generation: string } }).submit.generation).toBe('legacy');
    } finally {
      await writer.close();
    }
    const reader = await open(era, true);
    try {
      expect((await reader.client.listTools()).tools.map((t) => t.name)).toContain('get_isv_customer_terms');
      const read = await reader.client.callTool({
        name: 'get_isv_customer_terms',
        arguments: { custSpaceId: Number(space) },
      });
      expect(read.isError ?? false, textOf(read)).toBe(false);
      expect(read.structuredContent).toMatchObject({
        custSpaceId: space,
        custName: 'Acme Trading Ltd',
        contactMail: 'legal@acme.example',
        termsFileName: `rb-${era}.pdf`,
      });
      const missing = await reader.client.callTool({
        name: 'get_isv_customer_terms',
        arguments: { custSpaceId: '999999999999999' },
      });
      expect(missing.isError).toBe(true);
      expect(textOf(missing)).toMatch(/CustomerTerms\.NotFound|Unknown\.ResourceOwnerId/);
    } finally {
      await reader.close();
    }
  });
});

describe('the API generation', () => {
  it('reports instance when the legacy action is withdrawn, and the record still reads back', async () => {
    emu.setWithdrawnOperations(['SubmitIsvCustomerTerms']);
    const session = await open('legacy');
    const space = SPACES[2] as string;
    try {
      const onboard = await session.client.callTool({
        name: 'onboard_isv_customer',
        arguments: { ...company(space), filePath: 'terms.pdf' },
      });
      expect(onboard.isError ?? false, textOf(onboard)).toBe(false);
      expect((onboard.structuredContent as { submit: { generation: string } }).submit.generation).toBe('instance');
      const read = await session.client.callTool({ name: 'get_isv_customer_terms', arguments: { custSpaceId: space } });
      expect(read.structuredContent).toMatchObject({ custSpaceId: space, termsFileName: 'terms.pdf' });
    } finally {
      await session.close();
      emu.setWithdrawnOperations([]);
    }
  });
});
