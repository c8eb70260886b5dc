// What the *Instance operations share: finding the caller's record, resolving an `IsvTerms` URL to an agreement
// object of the caller's account, and rendering records in the wire shapes of the newest SDK models.
import { rpcErrors } from '../errors.js';
import { locateObject } from '../oss/request.js';
import type { InstanceFields, StoredInstance } from '../state/instances.js';
import type { OperationCall, OperationContext } from './context.js';
import { requireTermsObject } from './terms-object.js';

/** The caller's record `instanceId`; a missing one and another account's get the same refusal. */
export function ownedInstance(instanceId: string, call: OperationCall, ctx: OperationContext): StoredInstance {
  const record = ctx.instances.get(instanceId);
  if (!record || record.account !== call.caller.account) throw rpcErrors.unknownInstance();
  return record;
}

/** The space a key lies under (`C<space>/…`), if the caller's account owns that space. */
export function ownedSpaceOfKey(key: string, call: OperationCall, ctx: OperationContext): string | undefined {
  const dir = key.slice(0, key.indexOf('/'));
  if (!dir.startsWith('C') || key.indexOf('/') < 0) return undefined;
  const space = dir.slice(1);
  return ctx.store.ownerOf(space) === call.caller.account ? space : undefined;
}

/**
 * The object key an `IsvTerms` URL names, once checked: it must address the agreement bucket (path-style on an IP
 * or `localhost`, virtual-hosted otherwise, as OSS reads URLs), lie under the folder of a space the caller owns,
 * exist, be a PDF and be at most 2 MB. Anything else is `InvalidIsvTerms.*`. The query string (a signature) is
 * not checked: the record names the object, and a presigned URL may have expired by the time it is read.
 */
export function termsObjectOfUrl(url: URL, call: OperationCall, ctx: OperationContext): string {
  let located: { bucket: string; key: string };
  try {
    located = locateObject(url.host, url.pathname, '');
  } catch {
    throw rpcErrors.termsNotFound(url.pathname);
  }
  const { bucket, key } = located;
  if (bucket !== ctx.bucket || ownedSpaceOfKey(key, call, ctx) === undefined) throw rpcErrors.termsNotFound(key);
  requireTermsObject(key, ctx);
  return key;
}

/** The wire fields Create/UpdateInstance may set (Update has no ResourceGroupId). */
export interface WrittenArgs {
  readonly InstanceName: string;
  readonly InstanceDescription: string | undefined;
  readonly OfficeAddress: string | undefined;
  readonly ContactMail: string | undefined;
  readonly CountryId: string | undefined;
  readonly FacebookBmId: string | undefined;
  readonly ResourceGroupId?: string | undefined;
  readonly IsvTerms: URL | undefined;
}

/** The record fields a Create/UpdateInstance call writes; an `IsvTerms` URL is checked and kept as sent. */
export function writtenFields(args: WrittenArgs, call: OperationCall, ctx: OperationContext): InstanceFields {
  return {
    instanceName: args.InstanceName,
    instanceDescription: args.InstanceDescription,
    officeAddress: args.OfficeAddress,
    contactMail: args.ContactMail,
    countryId: args.CountryId,
    facebookBmId: args.FacebookBmId,
    resourceGroupId: args.ResourceGroupId,
    isvTerms: args.IsvTerms?.href,
    objectKey: args.IsvTerms === undefined ? undefined : termsObjectOfUrl(args.IsvTerms, call, ctx),
  };
}

function present(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Record<
    string,
    string
  >;
}

/** `QueryInstance` Data. */
export function queryData(r: StoredInstance): Record<string, string> {
  return present({
    ChannelType: r.channelType,
    ContactMail: r.contactMail,
    CountryId: r.countryId,
    CustType: r.custType,
    FacebookBmId: r.facebookBmId,
    InstanceDescription: r.instanceDescription,
    InstanceId: r.instanceId,
    InstanceName: r.instanceName,
    IsvTerms: r.isvTerms,
    OfficeAddress: r.officeAddress,
    ResourceGroupId: r.resourceGroupId,
    ResourceRegionId: r.resourceRegionId,
    SubmitTime: r.submitTime,
  });
}

/** One `ListInstance` Data row: QueryInstance's fields without CustType, plus CustSpaceId and State. */
export function listRow(r: StoredInstance): Record<string, string> {
  const row: Record<string, string> = { ...queryData(r), CustSpaceId: r.custSpaceId, State: r.state };
  delete row.CustType;
  return row;
}

/** `CreateInstance` / `UpdateInstance` Data (Update adds `Description`, which the models do not explain). */
export function writeData(r: StoredInstance, withDescription: boolean): Record<string, string> {
  return present({
    ChannelType: r.channelType,
    ...(withDescription ? { Description: r.instanceDescription } : {}),
    InstanceDescription: r.instanceDescription,
    InstanceId: r.instanceId,
    InstanceName: r.instanceName,
    ResourceRegionId: r.resourceRegionId,
    SubmitTime: r.submitTime,
  });
}
