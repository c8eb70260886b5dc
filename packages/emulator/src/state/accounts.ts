// Accounts, their customer spaces and every credential the emulator knows: permanent AccessKeys from the seed,
// STS triples minted for ChatApp calls, and the OSS upload credentials issued by GetChatappUploadAuthorization.
import { randomBytes } from 'node:crypto';
import type { AccountSeed, StsCredentials } from '../types.js';

/** A seeded account with a fast space lookup. */
export interface AccountState extends AccountSeed {
  readonly spaces: Set<string>;
}

/** Where temporary upload credentials may write: one bucket, one folder. */
export interface UploadScope {
  readonly bucket: string;
  readonly dir: string;
  readonly custSpaceId: string;
}

/** Any credential the emulator can authenticate. */
export interface Credential {
  readonly accessKeyId: string;
  readonly secret: string;
  readonly account: AccountState;
  /** `account`: a seeded AccessKey; `sts`: ChatApp STS triple; `upload`: OSS-only upload triple. */
  readonly kind: 'account' | 'sts' | 'upload';
  readonly securityToken?: string;
  /** Epoch ms after which the credential is expired (temporary kinds only). */
  readonly expiresAt?: number;
  readonly scope?: UploadScope;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random string over [A-Za-z0-9]. */
export function randomAlnum(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALNUM[b % ALNUM.length];
  return out;
}

/**
 * How long an expired temporary key is still recognised (and answered "expired" rather than "unknown"). After that
 * it is forgotten, so the registry of a long-running emulator holds only live and recently expired keys.
 */
export const EXPIRED_CREDENTIAL_GRACE_MS = 60 * 60 * 1000;
const SWEEP_INTERVAL_MS = 60 * 1000;

/** The credential and ownership registry of one emulator instance. */
export interface AccountStore {
  readonly accounts: readonly AccountState[];
  /** The credential for an AccessKey ID, expired ones included (callers check `expiresAt`). */
  lookup(accessKeyId: string): Credential | undefined;
  /** The account owning a customer space. */
  ownerOf(custSpaceId: string): AccountState | undefined;
  /** Gives a new space to an account (a direct customer made by CreateInstance). */
  addSpace(account: AccountState, custSpaceId: string): void;
  /** Forgets a space (a direct customer's, when its instance is deleted). */
  removeSpace(custSpaceId: string): void;
  /** Mints a temporary triple for an account; with `scope` it is an OSS upload credential. */
  issue(account: AccountState, ttlSeconds: number, scope?: UploadScope): StsCredentials;
}

/** Builds the registry; `now` is the emulator's clock. */
export function createAccountStore(seeds: readonly AccountSeed[], now: () => number): AccountStore {
  const accounts: AccountState[] = seeds.map((s) => ({ ...s, spaces: new Set(s.custSpaceIds) }));
  const credentials = new Map<string, Credential>();
  const owners = new Map<string, AccountState>();
  for (const account of accounts) {
    credentials.set(account.accessKeyId, {
      accessKeyId: account.accessKeyId,
      secret: account.accessKeySecret,
      account,
      kind: 'account',
    });
    for (const space of account.spaces) owners.set(space, account);
  }

  let lastSweep = now();
  const sweep = (at: number) => {
    if (at - lastSweep < SWEEP_INTERVAL_MS) return;
    lastSweep = at;
    for (const [id, c] of credentials) {
      if (c.expiresAt !== undefined && c.expiresAt + EXPIRED_CREDENTIAL_GRACE_MS <= at) credentials.delete(id);
    }
  };

  return {
    accounts,
    lookup: (accessKeyId) => credentials.get(accessKeyId),
    ownerOf: (custSpaceId) => owners.get(custSpaceId),
    addSpace(account, custSpaceId) {
      owners.set(custSpaceId, account);
      account.spaces.add(custSpaceId);
    },
    removeSpace(custSpaceId) {
      owners.get(custSpaceId)?.spaces.delete(custSpaceId);
      owners.delete(custSpaceId);
    },
    issue(account, ttlSeconds, scope) {
      const accessKeyId = `STS.${randomAlnum(24)}`;
      const secret = randomAlnum(40);
      const securityToken = `CAIS${randomAlnum(180)}`;
      const issuedAt = now();
      sweep(issuedAt);
      const expiresAt = issuedAt + ttlSeconds * 1000;
      const credential: Credential = scope
        ? { accessKeyId, secret, account, kind: 'upload', securityToken, expiresAt, scope }
        : { accessKeyId, secret, account, kind: 'sts', securityToken, expiresAt };
      credentials.set(accessKeyId, credential);
      return {
        accessKeyId,
        accessKeySecret: secret,
        securityToken,
        expiration: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      };
    },
  };
}
