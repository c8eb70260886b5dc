// No README states a field rule that core does not enforce: every README line that names a ruled field (in
// backticks, as the options tables do) and states a rule must state it in core's own sentence (FIELD_RULES).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIELD_RULES, ruleTextProblem, type RuledField } from '@chatapp-isv/core';
import { describe, expect, it } from 'vitest';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const READMES = [
  'README.md',
  ...readdirSync(join(ROOT, 'packages')).map((name) => join('packages', name, 'README.md')),
].filter((path) => {
  try {
    readFileSync(join(ROOT, path));
    return true;
  } catch {
    return false;
  }
});

// `isvTerms` is the uploaded file's name, so it follows the fileName rule.
const NAMES: [RuledField, string][] = [
  ...(Object.keys(FIELD_RULES) as RuledField[]).map((field): [RuledField, string] => [field, field]),
  ['fileName', 'isvTerms'],
];

/** Problems of one README: `path:line field: why`. */
function problemsOf(path: string): string[] {
  const problems: string[] = [];
  readFileSync(join(ROOT, path), 'utf8')
    .split('\n')
    .forEach((line, index) => {
      for (const [field, name] of NAMES) {
        // Only lines that document this one field: a table row or bullet that starts with it.
        if (!new RegExp(`^\\s*(?:\\|\\s*|[-*]\\s+)\`${name}\``).test(line)) continue;
        const problem = ruleTextProblem(field, line);
        if (problem !== undefined) problems.push(`${path}:${index + 1} ${problem}`);
      }
    });
  return problems;
}

describe('README field rules', () => {
  it('finds the READMEs', () => {
    expect(READMES).toContain(join('packages', 'core', 'README.md'));
  });

  it.each(READMES)("%s states every field rule in core's words", (path) => {
    expect(problemsOf(path)).toEqual([]);
  });

  it('catches a README row that lets custSpaceId contain "."', () => {
    const row = "| `custSpaceId` | string | yes | replace | The customer's space ID. Letters, digits, `.`, `_`, `-`. |";
    expect(ruleTextProblem('custSpaceId', row)).toMatch(/custSpaceId/);
  });
});
