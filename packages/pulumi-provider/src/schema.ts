// The Pulumi package schema of the `chatapp-isv` plugin: one resource, `chatapp-isv:index:IsvCustomerTerms`, with the
// same inputs and outputs as the dynamic resource, and the provider configuration. YAML programs are type-checked
// against it, and `pulumi package gen-sdk` / `pulumi package add` turn it into typed SDKs for the other languages.
// Every property carries a description, because those become the SDKs' doc comments; the input rules in them are
// core's FIELD_RULES sentences, so the SDKs state exactly what `check` enforces.
import { FIELD_RULES, TERMS_FILE_RULE_DESCRIPTION } from '@chatapp-isv/core';

/** The package name, the plugin's name (`pulumi-resource-<name>`) and the type token prefix. */
export const PACKAGE_NAME = 'chatapp-isv';

/** The plugin's type token of the resource. */
export const PLUGIN_RESOURCE_TYPE = `${PACKAGE_NAME}:index:IsvCustomerTerms`;

type Property = { description: string; secret?: boolean } & ({ type: 'string' | 'integer' } | { oneOf: object[] });

const STRING = { type: 'string' } as const;

const COMPANY_PROPERTIES: Record<string, Property> = {
  custSpaceId: {
    ...STRING,
    description: `The space ID of the ISV's customer (\`CustSpaceId\`): ${FIELD_RULES.custSpaceId.description}. Changing it replaces the resource.`,
  },
  custName: {
    ...STRING,
    description: `The customer's enterprise name (\`CustName\`): ${FIELD_RULES.custName.description}.`,
  },
  officeAddress: {
    ...STRING,
    description: `The customer's office address (\`OfficeAddress\`): ${FIELD_RULES.officeAddress.description}.`,
  },
  contactMail: {
    ...STRING,
    description: `The customer's contact e-mail address (\`ContactMail\`): ${FIELD_RULES.contactMail.description}.`,
  },
  countryId: {
    ...STRING,
    description: `The customer's country (\`CountryId\`): ${FIELD_RULES.countryId.description}.`,
  },
  businessDesc: {
    ...STRING,
    description: `The customer's business scenario (\`BusinessDesc\`): ${FIELD_RULES.businessDesc.description}.`,
  },
};

const INPUT_PROPERTIES: Record<string, Property> = {
  ...COMPANY_PROPERTIES,
  termsFile: {
    oneOf: [STRING, { $ref: 'pulumi.json#/Asset' }],
    description:
      `The signed agreement: ${TERMS_FILE_RULE_DESCRIPTION}, as a path relative to the Pulumi project or a file ` +
      'asset. Editing the file submits the terms again.',
  },
  fileName: {
    ...STRING,
    description: `The name to upload and submit the PDF under (\`IsvTerms\`); default the file's base name; ${FIELD_RULES.fileName.description}.`,
  },
};

const OUTPUT_PROPERTIES: Record<string, Property> = {
  ...INPUT_PROPERTIES,
  isvTerms: { ...STRING, description: "The submitted `IsvTerms` value: the uploaded file's bare name." },
  objectKey: { ...STRING, description: 'OSS object key of the uploaded PDF (`<Dir>/<isvTerms>`).' },
  termsSha256: { ...STRING, description: 'Hex SHA-256 of the uploaded PDF.' },
  termsSize: { type: 'integer', description: 'Size of the uploaded PDF in bytes.' },
  requestId: { ...STRING, description: 'RequestId of the last submission, for support tickets.' },
  submittedAt: { ...STRING, description: 'ISO 8601 time of the last submission.' },
};

const REQUIRED_INPUTS = [
  'custSpaceId',
  'custName',
  'officeAddress',
  'contactMail',
  'countryId',
  'businessDesc',
  'termsFile',
];

const CONFIG_VARIABLES: Record<string, Property> = {
  region: { ...STRING, description: 'Alibaba Cloud region ID (default `ap-southeast-1`).' },
  endpoint: {
    ...STRING,
    description:
      'ChatApp endpoint override, e.g. an emulator at `http://127.0.0.1:8470`; default derived from the region.',
  },
  accessKey: {
    ...STRING,
    description: 'AccessKey ID. Unset: the default credential chain (ALIBABA_CLOUD_ACCESS_KEY_ID, profile, RAM role).',
  },
  secretKey: {
    ...STRING,
    secret: true,
    description: 'AccessKey secret; set it with `pulumi config set --secret chatapp-isv:secretKey`.',
  },
  securityToken: { ...STRING, secret: true, description: 'STS security token, for temporary AccessKeys.' },
  quotaRedisUrl: {
    ...STRING,
    secret: true,
    description:
      "Redis URL (`redis://`, `rediss://`, `unix://`) to share the account's 5/s quota with other processes and machines; unset: this process's own quota (or CHATAPP_ISV_QUOTA_REDIS_URL).",
  },
};

/** Builds the package schema for `version`. */
export function packageSchema(version: string): Record<string, unknown> {
  return {
    name: PACKAGE_NAME,
    displayName: 'ChatApp ISV',
    version,
    description: "Alibaba Cloud ChatApp ISV customer terms: upload a customer's signed agreement and submit it.",
    keywords: ['pulumi', 'alibaba-cloud', 'chatapp', 'category/utility'],
    license: 'MIT',
    publisher: 'chatapp-isv',
    config: { variables: CONFIG_VARIABLES },
    provider: {
      description: 'The chatapp-isv provider: where and as whom it talks to ChatApp.',
      inputProperties: CONFIG_VARIABLES,
    },
    resources: {
      [PLUGIN_RESOURCE_TYPE]: {
        description:
          "A customer's agreement submitted to Alibaba Cloud ChatApp (SubmitIsvCustomerTerms, after uploading the " +
          'PDF). `pulumi destroy` only stops tracking it: ChatApp has no operation to withdraw terms.',
        inputProperties: INPUT_PROPERTIES,
        requiredInputs: REQUIRED_INPUTS,
        properties: OUTPUT_PROPERTIES,
        required: [...REQUIRED_INPUTS, 'isvTerms', 'objectKey', 'termsSha256', 'termsSize', 'requestId', 'submittedAt'],
      },
    },
    language: {
      nodejs: { packageName: '@chatapp-isv/pulumi-chatapp-isv', dependencies: { '@pulumi/pulumi': '^3.0.0' } },
      python: { packageName: 'pulumi_chatapp_isv', requires: { pulumi: '>=3.0.0,<4.0.0' } },
    },
  };
}
