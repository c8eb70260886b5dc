// The tool surface through real clients of both eras (in memory, via the same serveStdio entry the bin uses):
// what is listed and how it is annotated, every validation failure as an isError result naming the field, and
// path escapes refused. None of these calls may reach the network: the injected client fails the test if used.
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TermsClient } from '../dist/index.js';
import { server } from './native.js';
import { company, connectInMemory, ERAS, makeTree, pdf, textOf, type Tree } from './helpers.js';

const { READ_ONLY_TOOL_NAMES, TOOL_NAMES } = server;

let tree: Tree;
const networkCalls: string[] = [];

/** A client that records and refuses every call: these tests must be decided before any network call. */
const noNetwork: TermsClient = {
  readCustomerTerms: async () => {
    networkCalls.push('read');
    throw new Error('network must not be used');
  },
  getUploadAuthorization: async () => {
    networkCalls.push('authorize');
    throw new Error('network must not be used');
  },
  uploadTermsFile: async () => {
    networkCalls.push('upload');
    throw new Error('network must not be used');
  },
  submitIsvCustomerTerms: async () => {
    networkCalls.push('submit');
    throw new Error('network must not be used');
  },
  submitCustomerTerms: async () => {
    networkCalls.push('onboard');
    throw new Error('network must not be used');
  },
};

beforeAll(async () => {
  tree = await makeTree();
  await symlink(join(tree.outside, 'terms.pdf'), join(tree.allowed, 'link-out.pdf'));
});

afterAll(async () => {
  await tree.remove();
  expect(networkCalls).toEqual([]);
});

const EXPECTED_ANNOTATIONS = {
  validate_isv_customer_terms: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  list_isv_terms_files: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  get_isv_customer_terms: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  upload_isv_terms_file: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  submit_isv_customer_terms: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  onboard_isv_customer: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  start_isv_onboarding_batch: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: true,
  },
  get_isv_onboarding_batch: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
};

/** Every property at every depth of a JSON Schema, with its path. */
function properties(schema: Record<string, unknown>, path = ''): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  const props = (schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  for (const [key, value] of Object.entries(props)) {
    out.push([`${path}${key}`, value], ...properties(value, `${path}${key}.`));
    const items = value['items'] as Record<string, unknown> | undefined;
    if (items !== undefined) out.push(...properties(items, `${path}${key}[].`));
  }
  return out;
}

const b64 = (bytes: Buffer) => bytes.toString('base64');

describe.each(ERAS)('tools over a %s-era client', (era) => {
  const open = (config: Parameters<typeof connectInMemory>[0]['config'] = { allowDirs: [tree.allowed] }) =>
    connectInMemory({ era, config, client: noNetwork });

  it('negotiates the era it asked for', async () => {
    const session = await open();
    try {
      expect(session.client.getProtocolEra()).toBe(era);
      expect(session.client.getNegotiatedProtocolVersion()).toBe(era === 'modern' ? '2026-07-28' : '2025-11-25');
    } finally {
      await session.close();
    }
  });

  it('lists every tool with a title, truthful annotations, closed inputs and a description on every field', async () => {
    const session = await open();
    try {
      const { tools } = await session.client.listTools();
      expect(tools.map((t) => t.name)).toEqual([...TOOL_NAMES]);
      for (const tool of tools) {
        expect(tool.title, tool.name).toBeTruthy();
        expect(tool.description, tool.name).toBeTruthy();
        expect(tool.annotations, tool.name).toEqual(
          EXPECTED_ANNOTATIONS[tool.name as keyof typeof EXPECTED_ANNOTATIONS],
        );
        expect(tool.inputSchema['additionalProperties'], tool.name).toBe(false);
        expect(tool.outputSchema, tool.name).toBeDefined();
        const fields = [
          ...properties(tool.inputSchema as Record<string, unknown>),
          ...properties(tool.outputSchema as Record<string, unknown>),
        ];
        expect(fields.length).toBeGreaterThan(3);
        for (const [path, schema] of fields) expect(schema['description'], `${tool.name} ${path}`).toBeTruthy();
        // No tool takes credentials.
        expect(Object.keys((tool.inputSchema['properties'] ?? {}) as object).join(' ')).not.toMatch(
          /secret|accessKey|token/i,
        );
      }
    } finally {
      await session.close();
    }
  });

  it('derives the read-only set from the annotations: exactly the tools annotated readOnlyHint', () => {
    const annotatedReadOnly = Object.entries(EXPECTED_ANNOTATIONS)
      .filter(([, a]) => a.readOnlyHint)
      .map(([name]) => name);
    expect([...READ_ONLY_TOOL_NAMES].sort()).toEqual(annotatedReadOnly.sort());
    expect([...TOOL_NAMES].sort()).toEqual(Object.keys(EXPECTED_ANNOTATIONS).sort());
  });

  it('lists only the read-only tools when read-only', async () => {
    const session = await open({ readOnly: true, allowDirs: [tree.allowed] });
    try {
      const { tools } = await session.client.listTools();
      expect(tools.map((t) => t.name)).toEqual([...READ_ONLY_TOOL_NAMES]);
      const refused = await session.client
        .callTool({ name: 'submit_isv_customer_terms', arguments: { ...company('1234'), isvTerms: 'a.pdf' } })
        .then(
          (r) => (r.isError === true ? 'isError' : 'ran'),
          () => 'protocol error',
        );
      expect(refused).not.toBe('ran');
    } finally {
      await session.close();
    }
  });

  it('validates good input by base64 and by path without credentials or network', async () => {
    const session = await open();
    try {
      const byContent = await session.client.callTool({
        name: 'validate_isv_customer_terms',
        arguments: { ...company('293483938849493'), contentBase64: b64(pdf('x')), fileName: 'acme-terms.pdf' },
      });
      expect(byContent.isError ?? false).toBe(false);
      expect(byContent.structuredContent).toMatchObject({
        valid: true,
        issues: [],
        file: { fileName: 'acme-terms.pdf', size: pdf('x').length },
      });
      const byPath = await session.client.callTool({
        name: 'validate_isv_customer_terms',
        arguments: { ...company('293483938849493'), filePath: 'terms.pdf', isvTerms: 'terms.pdf' },
      });
      expect(byPath.structuredContent).toMatchObject({ valid: true, file: { fileName: 'terms.pdf' } });
    } finally {
      await session.close();
    }
  });

  const invalidCases: [string, Record<string, unknown>, string][] = [
    ['custSpaceId', { custSpaceId: 'space id!' }, 'custSpaceId'],
    ['custName', { custName: '   ' }, 'custName'],
    ['officeAddress', { officeAddress: '' }, 'officeAddress'],
    ['contactMail', { contactMail: 'not-an-address' }, 'contactMail'],
    ['countryId', { countryId: 'XX' }, 'countryId'],
    ['businessDesc', { businessDesc: '' }, 'businessDesc'],
    ['isvTerms', { isvTerms: '../escape.pdf' }, 'isvTerms'],
    ['fileName', { contentBase64: b64(pdf()), fileName: 'terms.exe' }, 'fileName'],
    ['contentBase64 (not base64)', { contentBase64: 'not base64!', fileName: 'a.pdf' }, 'contentBase64'],
    [
      'contentBase64 (not a PDF)',
      { contentBase64: b64(Buffer.from('hello world')), fileName: 'a.pdf' },
      'contentBase64',
    ],
    ['contentBase64 without fileName', { contentBase64: b64(pdf()) }, 'fileName'],
    [
      'filePath and contentBase64 together',
      { filePath: 'terms.pdf', contentBase64: b64(pdf()), fileName: 'a.pdf' },
      'filePath',
    ],
  ];

  it.each(invalidCases)(
    'validate_isv_customer_terms reports a bad %s as an isError result',
    async (_label, patch, field) => {
      const session = await open();
      try {
        const result = await session.client.callTool({
          name: 'validate_isv_customer_terms',
          arguments: { ...company('293483938849493'), ...patch },
        });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toContain(`${field}:`);
        expect((result.structuredContent as { issues: { field: string }[] }).issues.map((i) => i.field)).toContain(
          field,
        );
      } finally {
        await session.close();
      }
    },
  );

  it('accepts custSpaceId as a JSON integer, and refuses fractions, negatives and unsafe integers by name', async () => {
    const session = await open();
    try {
      const ok = await session.client.callTool({
        name: 'validate_isv_customer_terms',
        arguments: { ...company('x'), custSpaceId: 293483938849493 },
      });
      expect(ok.isError ?? false, textOf(ok)).toBe(false);
      for (const [value, says] of [
        [1.5, 'got the number 1.5'],
        [-7, 'got the number -7'],
        [2 ** 53 + 2, 'send the id as a string'],
      ] as const) {
        for (const name of ['validate_isv_customer_terms', 'upload_isv_terms_file', 'onboard_isv_customer']) {
          const fields = name === 'upload_isv_terms_file' ? {} : company('x');
          const bad = await session.client.callTool({
            name,
            arguments: { ...fields, custSpaceId: value, filePath: 'terms.pdf' },
          });
          expect(bad.isError, `${name} ${value}`).toBe(true);
          expect(textOf(bad)).toContain(`custSpaceId: `);
          expect(textOf(bad)).toContain(says);
          // One complaint about the id, not ours plus core's "required".
          expect(textOf(bad).match(/custSpaceId:/g)?.length, name).toBe(1);
        }
      }
    } finally {
      await session.close();
    }
  });

  it('list_isv_terms_files names the allowed directory and its PDFs; each path form then works or is explained', async () => {
    const session = await open();
    try {
      const listed = await session.client.callTool({ name: 'list_isv_terms_files', arguments: {} });
      expect(listed.isError ?? false, textOf(listed)).toBe(false);
      const out = listed.structuredContent as { allowedDirectories: string[]; files: { path: string; name: string }[] };
      expect(out.allowedDirectories).toEqual([tree.allowed]);
      const terms = out.files.find((f) => f.name === 'terms.pdf');
      expect(terms?.path).toBe(join(tree.allowed, 'terms.pdf'));
      for (const filePath of [terms?.path as string, 'terms.pdf', './terms.pdf']) {
        const ok = await session.client.callTool({
          name: 'validate_isv_customer_terms',
          arguments: { ...company('293483938849493'), filePath },
        });
        expect(ok.isError ?? false, `${filePath}: ${textOf(ok)}`).toBe(false);
      }
      const windows = await session.client.callTool({
        name: 'validate_isv_customer_terms',
        arguments: { ...company('293483938849493'), filePath: 'C:\\Users\\me\\terms.pdf' },
      });
      expect(windows.isError).toBe(true);
      expect(textOf(windows)).toContain('Windows path');
      expect(textOf(windows)).toContain(tree.allowed);
      const outside = await session.client.callTool({
        name: 'upload_isv_terms_file',
        arguments: { custSpaceId: '293483938849493', filePath: join(tree.outside, 'terms.pdf') },
      });
      expect(textOf(outside)).toContain('PathNotAllowed');
      expect(textOf(outside)).toContain(tree.allowed);
      expect(textOf(outside)).toContain('--allow-dir');
    } finally {
      await session.close();
    }
  });

  it('list_isv_terms_files without allowed directories says so instead of failing', async () => {
    const session = await open({ allowDirs: [] });
    try {
      const listed = await session.client.callTool({ name: 'list_isv_terms_files', arguments: {} });
      expect(listed.structuredContent).toEqual({ allowedDirectories: [], files: [], directories: [] });
    } finally {
      await session.close();
    }
  });

  it('submit_isv_customer_terms names each bad field before any network call', async () => {
    const session = await open();
    try {
      const result = await session.client.callTool({
        name: 'submit_isv_customer_terms',
        arguments: { ...company('293483938849493'), contactMail: 'nope', countryId: 'ZZ', isvTerms: 'a b.pdf' },
      });
      expect(result.isError).toBe(true);
      const text = textOf(result);
      expect(text).toContain('ValidationError');
      for (const field of ['contactMail', 'countryId', 'isvTerms']) expect(text).toContain(`${field}:`);
      const missing = await session.client.callTool({
        name: 'submit_isv_customer_terms',
        arguments: { custName: 'x' },
      });
      expect(missing.isError).toBe(true);
      expect(textOf(missing)).toContain('custSpaceId');
    } finally {
      await session.close();
    }
  });

  it('refuses arguments the schema does not declare, such as credentials', async () => {
    const session = await open();
    try {
      const result = await session.client.callTool({
        name: 'submit_isv_customer_terms',
        arguments: { ...company('293483938849493'), isvTerms: 'a.pdf', accessKeySecret: 'fake-value' },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('accessKeySecret');
    } finally {
      await session.close();
    }
  });

  it('upload_isv_terms_file refuses every path escape and a bad custSpaceId', async () => {
    const session = await open();
    try {
      const escapes = [
        '../outside/terms.pdf',
        join(tree.allowed, '..', 'outside', 'terms.pdf'),
        join(tree.outside, 'terms.pdf'),
        join(tree.allowed, 'link-out.pdf'),
        join(tree.evil, 'terms.pdf'),
      ];
      for (const filePath of escapes) {
        const result = await session.client.callTool({
          name: 'upload_isv_terms_file',
          arguments: { custSpaceId: '293483938849493', filePath },
        });
        expect(result.isError, filePath).toBe(true);
        expect(textOf(result), filePath).toContain('PathNotAllowed');
        expect(textOf(result)).not.toContain(tree.outside);
      }
      const badSpace = await session.client.callTool({
        name: 'upload_isv_terms_file',
        arguments: { custSpaceId: '../../x', contentBase64: b64(pdf()), fileName: 'a.pdf' },
      });
      expect(badSpace.isError).toBe(true);
      expect(textOf(badSpace)).toContain('custSpaceId:');
      const badBoth = await session.client.callTool({
        name: 'upload_isv_terms_file',
        arguments: { custSpaceId: 'a b', contentBase64: b64(pdf()), fileName: 'a b.pdf' },
      });
      expect(textOf(badBoth)).toContain('custSpaceId:');
      expect(textOf(badBoth)).toContain('fileName:');
    } finally {
      await session.close();
    }
  });

  it('reads no local file at all without --allow-dir', async () => {
    const session = await open({ allowDirs: [] });
    try {
      const result = await session.client.callTool({
        name: 'upload_isv_terms_file',
        arguments: { custSpaceId: '293483938849493', filePath: join(tree.allowed, 'terms.pdf') },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('FileAccessDisabled');
    } finally {
      await session.close();
    }
  });

  it('onboard_isv_customer lists field and file problems together and requires a file', async () => {
    const session = await open();
    try {
      const both = await session.client.callTool({
        name: 'onboard_isv_customer',
        arguments: {
          ...company('293483938849493'),
          contactMail: 'x',
          contentBase64: b64(Buffer.from('GIF89a')),
          fileName: 'a.pdf',
        },
      });
      expect(both.isError).toBe(true);
      expect(textOf(both)).toContain('contactMail:');
      expect(textOf(both)).toContain('contentBase64:');
      const noFile = await session.client.callTool({
        name: 'onboard_isv_customer',
        arguments: company('293483938849493'),
      });
      expect(noFile.isError).toBe(true);
      expect(textOf(noFile)).toContain('filePath:');
      const escape = await session.client.callTool({
        name: 'onboard_isv_customer',
        arguments: { ...company('293483938849493'), filePath: join(tree.evil, 'terms.pdf') },
      });
      expect(textOf(escape)).toContain('PathNotAllowed');
    } finally {
      await session.close();
    }
  });
});
