// The package's public surface, imported the way other packages import it (by name, through `exports` and dist/):
// the names the Pulumi provider and the MCP server code against must stay exactly these.
import * as core from '@chatapp-isv/core';
import { describe, expect, it } from 'vitest';

describe('@chatapp-isv/core public surface', () => {
  it('exports exactly the intended runtime names', () => {
    expect(Object.keys(core).sort()).toEqual(
      [
        'ChatAppError',
        'ConfigurationError',
        'DEFAULT_READ_TIMEOUT_MS',
        'OutcomeUnknownError',
        'ServiceError',
        'classifyErrorCode',
        'deliveryOf',
        'isNetworkCode',
        'isRetryableCode',
        'redactError',
        'scrubUrls',
        'uniqueIssues',
        'validateAll',
        'errorHint',
        'fileAccessHint',
        'fileProblemOf',
        'showValue',
        'CREDENTIAL_SOURCES',
        'FIELD_RULES',
        'TERMS_FILE_RULE_DESCRIPTION',
        'ruleTextProblem',
        'CustomerTermsNotFoundError',
        'DEFAULT_LOST_ANSWER_SETTLE_MS',
        'DEFAULT_MAX_FILE_BYTES',
        'DEFAULT_REGION',
        'DEFAULT_REQUESTS_PER_SECOND',
        'DEFAULT_SAFETY_MARGIN_MS',
        'ENDPOINT_ENV',
        'INSTANCE_FIELD_MAP',
        'ISO_COUNTRY_CODES',
        'OssError',
        'REDACTED',
        'REGION_ENV',
        'TermsVerificationError',
        'ValidationError',
        'companyDetailsSchema',
        'contactMailSchema',
        'countryIdSchema',
        'createIsvTermsClient',
        'createQuotaLimiter',
        'custSpaceIdSchema',
        'customerTermsSchema',
        'fileNameSchema',
        'isIsoCountryCode',
        'isRetryable',
        'isvTermsNames',
        'readTermsFile',
        'redactSecrets',
        'sharedQuotaLimiter',
        'validateCompanyDetails',
        'validateCustomerTerms',
      ].sort(),
    );
  });

  it('builds a client with the four operations without any network or credentials', () => {
    const client = core.createIsvTermsClient();
    expect(Object.keys(client).sort()).toEqual(
      [
        'generatePresignedUrl',
        'getUploadAuthorization',
        'listInstances',
        'queryInstance',
        'readCustomerTerms',
        'submitCustomerTerms',
        'submitIsvCustomerTerms',
        'uploadTermsFile',
      ].sort(),
    );
  });

  it('exposes zod schemas with the documented fields', () => {
    expect(Object.keys(core.customerTermsSchema.shape).sort()).toEqual(
      ['businessDesc', 'contactMail', 'countryId', 'custName', 'custSpaceId', 'isvTerms', 'officeAddress'].sort(),
    );
    expect(Object.keys(core.companyDetailsSchema.shape)).toHaveLength(6);
    expect(core.fileNameSchema.safeParse('terms.pdf').success).toBe(true);
  });

  it('error classes carry their names and fields', () => {
    const error = new core.ChatAppError({
      code: 'Ram.PermissionDeny',
      message: 'no',
      operation: 'SubmitIsvCustomerTerms',
      requestId: 'R',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ChatAppError');
    expect(String(error)).toBe('ChatAppError: SubmitIsvCustomerTerms failed: Ram.PermissionDeny: no (RequestId R)');
    const validation = new core.ValidationError([{ field: 'contactMail', message: 'must be an e-mail address' }]);
    expect(validation.name).toBe('ValidationError');
    expect(validation.message).toBe('Invalid input: contactMail: must be an e-mail address');
    const oss = new core.OssError({ code: 'AccessDenied', message: 'x', operation: 'PutObject' });
    expect(oss.name).toBe('OssError');
    expect(oss).toBeInstanceOf(core.ServiceError);
    expect(error).toBeInstanceOf(core.ServiceError);
    expect(String(oss)).toBe('OssError: OSS PutObject failed: AccessDenied: x');
    expect(new core.ConfigurationError('endpoint', 'bad').option).toBe('endpoint');
  });
});
