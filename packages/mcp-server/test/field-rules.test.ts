// The tool schemas an assistant reads state each field rule in core's own sentence (FIELD_RULES), so an assistant
// that follows the schema is not refused by core, and no schema restates a rule differently.
import { FIELD_RULES, ruleTextProblem, type RuledField } from '@chatapp-isv/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectInMemory } from './helpers.js';

// Tool input names and the core rule they follow (`isvTerms` is the uploaded file's name).
const RULE_OF: Readonly<Record<string, RuledField>> = {
  ...Object.fromEntries(Object.keys(FIELD_RULES).map((field) => [field, field as RuledField])),
  isvTerms: 'fileName',
};

let session: Awaited<ReturnType<typeof connectInMemory>>;
let tools: { name: string; inputSchema: { properties?: Record<string, { description?: string }> } }[];

beforeAll(async () => {
  session = await connectInMemory({ era: 'modern' });
  tools = (await session.client.listTools()).tools as unknown as typeof tools;
});
afterAll(async () => {
  await session.close();
});

describe('tool schemas take field rules from core', () => {
  it('lists tools with ruled fields', () => {
    const ruled = tools.flatMap((tool) => Object.keys(tool.inputSchema.properties ?? {}).filter((p) => p in RULE_OF));
    expect(ruled).toContain('custSpaceId');
    expect(ruled).toContain('fileName');
  });

  it("every ruled field's description carries core's sentence and no other rule", () => {
    const problems: string[] = [];
    for (const tool of tools) {
      for (const [property, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        const field = RULE_OF[property];
        if (field === undefined) continue;
        const text = schema.description ?? '';
        if (!text.includes(FIELD_RULES[field].description)) problems.push(`${tool.name}.${property}: no core rule`);
        const problem = ruleTextProblem(field, text);
        if (problem !== undefined) problems.push(`${tool.name}.${property}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
