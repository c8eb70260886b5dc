// The "Field rules" section of the help of `submit` and `onboard`, generated from core's FIELD_RULES, so the CLI
// states exactly the rules core enforces (a test compares every front end's wording with core's).
import { FIELD_RULES, TERMS_FILE_RULE_DESCRIPTION, type RuledField } from '@chatapp-isv/core';

const FLAGS: Readonly<Record<RuledField, string>> = {
  custSpaceId: 'custSpaceId / --cust-space-id',
  custName: 'custName / --cust-name',
  officeAddress: 'officeAddress / --office-address',
  contactMail: 'contactMail / --contact-mail',
  countryId: 'countryId / --country-id',
  businessDesc: 'businessDesc / --business-desc',
  fileName: "termsFile's file name",
};

/** The help section listing each field's rule. */
export const FIELD_RULES_HELP = [
  'Field rules (checked before anything is sent):',
  ...(Object.keys(FLAGS) as RuledField[]).map((field) => `  ${FLAGS[field]}: ${FIELD_RULES[field].description}`),
  `  termsFile / --terms-file: ${TERMS_FILE_RULE_DESCRIPTION}`,
].join('\n');
