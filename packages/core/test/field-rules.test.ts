// The sentence of each field rule must say what the schema enforces: every sample the rule lists as accepted
// passes core's schema for that field, and every refused sample is refused.
import { describe, expect, it } from 'vitest';
import { companyDetailsSchema, FIELD_RULES, fileNameSchema, ruleTextProblem, type RuledField } from '../src/index.js';

const schemaOf = (field: RuledField) => (field === 'fileName' ? fileNameSchema : companyDetailsSchema.shape[field]);

describe('FIELD_RULES', () => {
  const cases = Object.entries(FIELD_RULES) as [RuledField, (typeof FIELD_RULES)[RuledField]][];
  it.each(cases)('%s: the samples agree with the schema', (field, rule) => {
    for (const value of rule.accepts)
      expect(schemaOf(field).safeParse(value).success, `${field} accepts ${value}`).toBe(true);
    for (const value of rule.refuses)
      expect(schemaOf(field).safeParse(value).success, `${field} refuses ${value}`).toBe(false);
  });

  it('the longest accepted value is the stated one', () => {
    for (const [field, rule] of cases) {
      if (field === 'contactMail' || field === 'countryId' || field === 'fileName') continue;
      expect(schemaOf(field).safeParse('a'.repeat(rule.maxLength)).success, field).toBe(true);
      expect(schemaOf(field).safeParse('a'.repeat(rule.maxLength + 1)).success, field).toBe(false);
      expect(rule.description).toContain(String(rule.maxLength));
    }
  });
});

describe('ruleTextProblem', () => {
  it("accepts core's sentence and refuses a different restatement", () => {
    expect(ruleTextProblem('custSpaceId', `The space (CustSpaceId): ${FIELD_RULES.custSpaceId.description}.`)).toBe(
      undefined,
    );
    expect(ruleTextProblem('custSpaceId', 'Letters, digits, `.`, `_`, `-`.')).toMatch(
      /restates the rule of custSpaceId/,
    );
    expect(ruleTextProblem('custName', 'Registered name, at most 200 characters.')).toMatch(/custName/);
  });
});
