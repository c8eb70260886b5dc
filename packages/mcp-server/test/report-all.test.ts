// "Report every problem at once" the same way in every tool: a bad custSpaceId and a refused file path are both
// named in one answer by upload, onboard and validate alike (upload used to drop the space id when the path was
// refused), and a refused path alone keeps its own code and hint.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TermsClient } from '../dist/index.js';
import { company, connectInMemory, makeTree, textOf, type Tree } from './helpers.js';

let tree: Tree;
const refuse = async (): Promise<never> => {
  throw new Error('network must not be used');
};
const noNetwork = {
  readCustomerTerms: refuse,
  getUploadAuthorization: refuse,
  uploadTermsFile: refuse,
  submitIsvCustomerTerms: refuse,
  submitCustomerTerms: refuse,
} as unknown as TermsClient;

beforeAll(async () => {
  tree = await makeTree();
});
afterAll(async () => {
  await tree.remove();
});

describe('every problem at once', () => {
  const cases = [
    ['upload_isv_terms_file', { custSpaceId: 'bad.space' }],
    ['onboard_isv_customer', { ...company('bad.space') }],
    ['validate_isv_customer_terms', { ...company('bad.space') }],
  ] as const;

  it.each(cases)('%s names a bad custSpaceId and a refused filePath together', async (name, args) => {
    const session = await connectInMemory({ era: 'modern', config: { allowDirs: [tree.allowed] }, client: noNetwork });
    try {
      const result = await session.client.callTool({
        name,
        arguments: { ...args, filePath: join(tree.outside, 'terms.pdf') },
      });
      expect(result.isError).toBe(true);
      const text = textOf(result);
      expect(text).toMatch(/custSpaceId: must contain only letters/);
      expect(text).toMatch(/filePath: /);
    } finally {
      await session.close();
    }
  });

  it.each(cases)('%s keeps the file code and hint when the path is the only problem', async (name, args) => {
    const session = await connectInMemory({ era: 'modern', config: { allowDirs: [tree.allowed] }, client: noNetwork });
    try {
      const good = { ...args, custSpaceId: '293483938849493' };
      const result = await session.client.callTool({
        name,
        arguments: { ...good, filePath: join(tree.outside, 'terms.pdf') },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('filePath');
      if (name !== 'validate_isv_customer_terms') expect(textOf(result)).toContain('--allow-dir');
    } finally {
      await session.close();
    }
  });
});
