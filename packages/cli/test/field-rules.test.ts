// The help of `submit` and `onboard` states each field rule in core's own sentence (FIELD_RULES) and no rule of its
// own, so what the CLI promises is what core enforces.
import { FIELD_RULES, ruleTextProblem, type RuledField } from '@chatapp-isv/core';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/harness.js';

describe('CLI help field rules', () => {
  it.each(['submit', 'onboard'])("%s --help states every rule in core's words", async (command) => {
    const help = await runCli([command, '--help']);
    expect(help.code).toBe(0);
    const problems: string[] = [];
    for (const field of Object.keys(FIELD_RULES) as RuledField[]) {
      if (!help.stdout.includes(FIELD_RULES[field].description)) problems.push(`${field}: no core rule`);
      // Each line that documents the field, by its option or its column name.
      for (const line of help.stdout.split('\n').filter((l) => l.includes(field) || l.includes(flagOf(field)))) {
        const problem = ruleTextProblem(field, line);
        if (problem !== undefined) problems.push(`${field}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

function flagOf(field: string): string {
  return `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
