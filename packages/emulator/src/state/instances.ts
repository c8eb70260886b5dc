// The customer records ("instances") of the *Instance API generation: one per customer space, keyed by InstanceId,
// in creation order (seeded spaces first) so ListInstance pages are stable. Seeded spaces get a record whose minted
// InstanceId differs from the space ID; CreateInstance makes a direct customer, whose space ID is its InstanceId.
import { randomInt } from 'node:crypto';
import type { InstanceRecord } from '../types.js';
import type { AccountState } from './accounts.js';

/** A record as stored: the public fields plus its owning account. */
export interface StoredInstance extends InstanceRecord {
  readonly account: AccountState;
}

type FieldName =
  | 'instanceName'
  | 'instanceDescription'
  | 'officeAddress'
  | 'contactMail'
  | 'countryId'
  | 'isvTerms'
  | 'objectKey'
  | 'facebookBmId'
  | 'resourceGroupId';

/** The company and terms fields a write may set (undefined: keep the current value). */
export type InstanceFields = { [K in FieldName]?: string | undefined };

/** Who wrote a record last. */
export interface InstanceWrite {
  readonly operation: InstanceRecord['lastOperation'];
  readonly requestId: string;
  /** Epoch ms. */
  readonly at: number;
}

/** The record store of one emulator instance. */
export interface InstanceStore {
  get(instanceId: string): StoredInstance | undefined;
  /** The record of a customer space, if it has one. */
  forSpace(custSpaceId: string): StoredInstance | undefined;
  /** The records of one account, in creation order. */
  ownedBy(account: AccountState): StoredInstance[];
  /** Mints a record for a space (`custSpaceId` undefined: a direct customer, whose space ID is the InstanceId). */
  create(
    account: AccountState,
    base: { custSpaceId?: string; channelType: string; custType: string },
    fields: InstanceFields,
    write: InstanceWrite | undefined,
  ): StoredInstance;
  /** Sets the given fields (undefined ones are kept) and stamps the write. */
  update(instanceId: string, fields: InstanceFields, write: InstanceWrite): StoredInstance;
  remove(instanceId: string): void;
  /** Every record as inspection shows it (copies, oldest first). */
  list(): InstanceRecord[];
}

/** The region every record reports (the emulator serves one region). */
export const RESOURCE_REGION_ID = 'ap-southeast-1';

/** `2023-12-12 00:00:00`, the documented SubmitTime form, in UTC. */
export function submitTimeOf(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Creates the store with one record per seeded space; `spaceTaken` tells whether an ID is already a space (so a
 * minted InstanceId never collides with one, which matters once a direct customer's InstanceId becomes its space).
 */
export function createInstanceStore(
  accounts: readonly AccountState[],
  spaceTaken: (id: string) => boolean,
): InstanceStore {
  const records = new Map<string, StoredInstance>();
  const bySpace = new Map<string, string>();

  const mintId = (): string => {
    for (;;) {
      const id = String(randomInt(100_000_000, 1_000_000_000));
      if (!records.has(id) && !spaceTaken(id)) return id;
    }
  };
  const stateOf = (record: InstanceRecord): InstanceRecord['state'] =>
    record.isvTerms === undefined ? 'pending' : 'published';

  const store: InstanceStore = {
    get: (instanceId) => records.get(instanceId),
    forSpace(custSpaceId) {
      const id = bySpace.get(custSpaceId);
      return id === undefined ? undefined : records.get(id);
    },
    ownedBy: (account) => [...records.values()].filter((r) => r.account === account),
    create(account, base, fields, write) {
      const instanceId = mintId();
      const custSpaceId = base.custSpaceId ?? instanceId;
      const record: StoredInstance = {
        instanceId,
        custSpaceId,
        channelType: base.channelType,
        custType: base.custType,
        state: 'pending',
        resourceRegionId: RESOURCE_REGION_ID,
        accessKeyId: account.accessKeyId,
        lastOperation: write?.operation ?? 'seed',
        ...(write ? { lastRequestId: write.requestId, submitTime: submitTimeOf(write.at) } : {}),
        ...definedOnly(fields),
        account,
      };
      const stored = { ...record, state: stateOf(record) };
      records.set(instanceId, stored);
      bySpace.set(custSpaceId, instanceId);
      return stored;
    },
    update(instanceId, fields, write) {
      const current = records.get(instanceId);
      if (!current) throw new Error(`no instance ${instanceId}`);
      const next: StoredInstance = {
        ...current,
        ...definedOnly(fields),
        lastOperation: write.operation,
        lastRequestId: write.requestId,
        submitTime: submitTimeOf(write.at),
      };
      const stored = { ...next, state: stateOf(next) };
      records.set(instanceId, stored);
      return stored;
    },
    remove(instanceId) {
      const current = records.get(instanceId);
      if (!current) return;
      records.delete(instanceId);
      if (bySpace.get(current.custSpaceId) === instanceId) bySpace.delete(current.custSpaceId);
    },
    list: () =>
      [...records.values()].map(({ account: _account, ...record }) =>
        record.isvTerms === undefined ? { ...record } : { ...record, isvTerms: withoutSignature(record.isvTerms) },
      ),
  };

  for (const account of accounts) {
    for (const custSpaceId of account.custSpaceIds) {
      store.create(account, { custSpaceId, channelType: 'WHATSAPP', custType: ISV_SUB_CUSTOMER }, {}, undefined);
    }
  }
  return store;
}

/** `CustType` of a space an ISV onboards for a customer (seeded spaces, SubmitIsvCustomerTerms). */
export const ISV_SUB_CUSTOMER = '02';
/** `CustType` of a direct customer (CreateInstance). */
export const DIRECT_CUSTOMER = '01';

/** A URL with its query-string signature and token values hidden, so inspection output carries no credential. */
export function withoutSignature(value: string): string {
  return value.replace(
    /([?&](?:Signature|security-token|x-oss-signature|x-oss-security-token)=)[^&#]*/gi,
    '$1REDACTED',
  );
}

function definedOnly(fields: InstanceFields): Partial<Pick<InstanceRecord, FieldName>> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
