// The package schema (the SDKs' doc comments) states each input rule in core's own sentence (FIELD_RULES), so the
// docs a Pulumi user reads say exactly what `check` enforces.
import { FIELD_RULES, ruleTextProblem, type RuledField } from '@chatapp-isv/core';
import { describe, expect, it } from 'vitest';
import { packageSchema } from '../dist/index.js';

describe('package schema field rules', () => {
  it("every ruled input's description carries core's sentence and no other rule", () => {
    const schema = packageSchema('0.0.0') as {
      resources: Record<string, { inputProperties: Record<string, { description?: string }> }>;
    };
    const inputs = Object.values(schema.resources)[0]?.inputProperties ?? {};
    const problems: string[] = [];
    for (const field of Object.keys(FIELD_RULES) as RuledField[]) {
      const text = inputs[field]?.description ?? '';
      if (!text.includes(FIELD_RULES[field].description)) problems.push(`${field}: no core rule`);
      const problem = ruleTextProblem(field, text);
      if (problem !== undefined) problems.push(`${field}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });
});
