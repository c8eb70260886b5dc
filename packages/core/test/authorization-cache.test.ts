// The authorization cache on its own, against the emulator: entries whose authorization has passed its refresh
// point are dropped when new ones arrive, so a long-running client that serves many spaces does not keep every
// expired STS secret it ever received.
import type { Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientContext } from '../src/context.js';
import { credentialsSource } from '../src/credentials.js';
import { silentLogger } from '../src/logger.js';
import { createGenerationState } from '../src/api-generation.js';
import { createAuthorizationCache } from '../src/authorization-cache.js';
import { createInstanceDirectory } from '../src/instance-directory.js';
import { createQuotaLimiter } from '../src/quota/limiter.js';
import { createSecretRegistry } from '../src/redact.js';
import { retryPolicy } from '../src/retry.js';
import { DEFAULT_MAX_FILE_BYTES } from '../src/validation/file.js';
import { emulator, permitted } from './helpers/emulator.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await emulator({ authorizationTtlSeconds: 1 });
});

afterAll(async () => {
  await emu.close();
});

function contextFor(target: Emulator): ClientContext {
  const account = permitted(target);
  const cache = createAuthorizationCache();
  return {
    endpoint: { host: new URL(target.endpoint).host, protocol: 'http' },
    regionId: 'ap-southeast-1',
    credentials: credentialsSource({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret }),
    limiter: createQuotaLimiter(),
    quotaKey: undefined,
    retry: retryPolicy({ baseDelayMs: 20, maxDelayMs: 200 }),
    logger: silentLogger,
    timeoutMs: 10_000,
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    authorizations: cache,
    secrets: createSecretRegistry(),
    generation: createGenerationState('legacy'),
    instances: createInstanceDirectory(50),
  };
}

describe('authorization cache', () => {
  it('drops authorizations past their refresh point instead of keeping them forever', async () => {
    const ctx = contextFor(emu);
    const [first, second, third] = permitted(emu).custSpaceIds;
    await ctx.authorizations.get(ctx, first ?? '');
    await ctx.authorizations.get(ctx, second ?? '');
    expect(ctx.authorizations.size()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 900)); // past the refresh point of a 1 s authorization
    await ctx.authorizations.get(ctx, third ?? '');
    expect(ctx.authorizations.size()).toBe(1);
  });
});
