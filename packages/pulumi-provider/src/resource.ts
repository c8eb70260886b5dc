// The resource users declare: `new IsvCustomerTerms(name, args, opts)`. It is a Pulumi dynamic resource whose
// provider is the small delegating object from serialized-provider.ts. Output properties are seeded `undefined` so the
// engine fills them from the provider's results, and declared with `declare` so class fields do not overwrite them.
import * as pulumi from '@pulumi/pulumi';
import { warnIfSecretKeyIsPlain } from './plain-secret.js';
import { createSerializableProvider } from './serialized-provider.js';

/** Arguments of IsvCustomerTerms; any of them may be an Output of another resource. */
export interface IsvCustomerTermsArgs {
  /** The space ID of the ISV's customer (`CustSpaceId`). Changing it replaces the resource. */
  custSpaceId: pulumi.Input<string>;
  /** The customer's enterprise name (`CustName`). */
  custName: pulumi.Input<string>;
  /** The customer's office address (`OfficeAddress`). */
  officeAddress: pulumi.Input<string>;
  /** The customer's contact e-mail (`ContactMail`). */
  contactMail: pulumi.Input<string>;
  /** ISO 3166-1 alpha-2 country code of the customer, e.g. `SG` (`CountryId`). */
  countryId: pulumi.Input<string>;
  /** The customer's business scenario (`BusinessDesc`). */
  businessDesc: pulumi.Input<string>;
  /** The signed agreement PDF: a path relative to the Pulumi project, or a `pulumi.asset.FileAsset`. */
  termsFile: pulumi.Input<string | pulumi.asset.FileAsset>;
  /**
   * The name to upload and submit the PDF under.
   * @default the termsFile's base name
   */
  fileName?: pulumi.Input<string>;
}

/**
 * A customer's agreement submitted to Alibaba Cloud ChatApp with SubmitIsvCustomerTerms (after uploading the PDF).
 * Credentials come from stack config (`chatapp-isv:accessKeyId`, secret `chatapp-isv:accessKeySecret`) or the
 * environment, never from inputs.
 *
 * @example
 * ```ts
 * import * as pulumi from '@pulumi/pulumi';
 * import { IsvCustomerTerms } from '@chatapp-isv/pulumi-provider';
 *
 * const acme = new IsvCustomerTerms('acme', {
 *   custSpaceId: '293483938849493',
 *   custName: 'Acme Pte Ltd',
 *   officeAddress: '1 Example Road, Singapore',
 *   contactMail: 'legal@acme.example',
 *   countryId: 'SG',
 *   businessDesc: 'Order updates over WhatsApp',
 *   termsFile: new pulumi.asset.FileAsset('signed/acme-terms.pdf'),
 * });
 * export const requestId = acme.requestId;
 * ```
 * @throws nothing at construction; `pulumi preview` reports every bad input at once, by property (e.g. `termsFile:
 *   no such file: acme-terms.pdf. Hint: ...`), and `pulumi up` a service error with core's hint in stack config words
 */
export class IsvCustomerTerms extends pulumi.dynamic.Resource {
  /** The customer space the terms belong to. */
  declare readonly custSpaceId: pulumi.Output<string>;
  /** The submitted `IsvTerms` value: the uploaded file's bare name. */
  declare readonly isvTerms: pulumi.Output<string>;
  /** OSS object key of the uploaded PDF (`<Dir>/<isvTerms>`). */
  declare readonly objectKey: pulumi.Output<string>;
  /** Hex SHA-256 of the uploaded PDF. */
  declare readonly termsSha256: pulumi.Output<string>;
  /** Size of the uploaded PDF in bytes. */
  declare readonly termsSize: pulumi.Output<number>;
  /** RequestId of the last SubmitIsvCustomerTerms call. */
  declare readonly requestId: pulumi.Output<string>;
  /** ISO 8601 time of the last submission. */
  declare readonly submittedAt: pulumi.Output<string>;

  /** Declares the terms of one customer; `pulumi up` uploads the PDF and submits them. */
  constructor(name: string, args: IsvCustomerTermsArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      isvTerms: undefined,
      objectKey: undefined,
      termsSha256: undefined,
      termsSize: undefined,
      requestId: undefined,
      submittedAt: undefined,
    };
    super(createSerializableProvider(), name, props, opts, 'chatapp-isv', 'IsvCustomerTerms');
    warnIfSecretKeyIsPlain();
  }
}
