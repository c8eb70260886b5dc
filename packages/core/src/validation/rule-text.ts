// Checks that a text documenting a field (a tool schema's description, a README row, a help line) does not restate
// the field's rule differently from core. The check is deliberately simple: the text must carry core's sentence
// verbatim, and what is left once that sentence is removed must not state a rule of its own (a character set, a
// length, a country-code standard, an allowed "."). Used by the tests of every front end and of the READMEs.
import { FIELD_RULES, type RuledField } from './field-rules.js';

// Wording that states a rule: character classes, lengths, the country-code standard, file-name endings.
const RULE_WORDING = [
  /letters,/i,
  /\bdigits,/i,
  /at most \d/i,
  /\d+\s*(?:–|-|to)\s*\d+ characters/i,
  /\d+ characters/i,
  /ISO 3166/i,
  /ending in/i,
  /["`]\.["`],/,
];

/**
 * Why `text`, which documents `field`, disagrees with core's rule, or undefined when it states the rule exactly as
 * core does (or states no rule at all).
 *
 * @example
 * ```ts
 * import { ruleTextProblem } from '@chatapp-isv/core';
 * ruleTextProblem('custSpaceId', 'Letters, digits, `.`, `_`, `-`.'); // => 'restates the rule of custSpaceId …'
 * ```
 */
export function ruleTextProblem(field: RuledField, text: string): string | undefined {
  const sentence = FIELD_RULES[field].description;
  const rest = text.split(sentence).join(' ');
  const stated = RULE_WORDING.find((wording) => wording.test(rest));
  if (stated === undefined) return undefined;
  return `restates the rule of ${field} in its own words (${JSON.stringify(rest.match(stated)?.[0])}); use core's FIELD_RULES.${field}.description: ${sentence}`;
}
