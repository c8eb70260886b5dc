// The AccessKey secret and the STS token fed through every error path: the real credential chain (a credentials URI
// that answers with them in an error), custom providers whose errors quote them (labelled, bare, in causes and in
// custom fields), service errors, OSS errors and a lost submission. Every error is rendered every way a user might
// (message, String, stack, util.inspect with hidden fields, JSON) down its whole cause chain, and so is every log line.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import * as CredentialModule from '@alicloud/credentials';
import { describe, expect, it } from 'vitest';
import {
  ChatAppError,
  ConfigurationError,
  OssError,
  OutcomeUnknownError,
  type CredentialsProvider,
} from '../src/index.js';
import { clientFor, emulatorSuite, permitted, recordingLogger } from './helpers/emulator.js';
import { commonJsExports } from '../src/interop.js';
import { onboardingInput, samplePdf } from './helpers/fixtures.js';

const Credentials = commonJsExports(CredentialModule);

const suite = emulatorSuite();

/** Every rendering of an error and of each error in its cause chain. */
function renderAll(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 12; depth += 1) {
    parts.push(String(current), inspect(current, { depth: Infinity, showHidden: true }), JSON.stringify(current) ?? '');
    if (current instanceof Error) {
      parts.push(current.message, current.stack ?? '');
      const own = Object.fromEntries(
        Object.getOwnPropertyNames(current).map((key) => [key, (current as Record<string, unknown>)[key]]),
      );
      parts.push(JSON.stringify(own, (_key, value: unknown) => (value instanceof Error ? String(value) : value)));
      current = current.cause;
    } else {
      current = undefined;
    }
  }
  return parts.join('\n');
}

function expectNoSecret(text: string, secrets: string[]): void {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

/** A local credentials URI (the real @alicloud/credentials `credentials_uri` provider calls it). */
async function credentialsUri(status: number, body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/credentials`, server };
}

describe('secrets in every error path', () => {
  it('the credential chain: a credentials URI that answers an error quoting the secret and the token', async () => {
    const secret = 'uriSecretValue0123456789abcdefXYZ';
    const token = 'uriTokenValue9876543210zyxwvuABCDEFGH';
    const answers = [
      [500, JSON.stringify({ AccessKeyId: 'STS.key', AccessKeySecret: secret, SecurityToken: token })],
      [200, JSON.stringify({ AccessKeySecret: secret, SecurityToken: token })],
      [200, `not json; AccessKeySecret=${secret}, security_token: ${token}`],
    ] as const;
    for (const [status, body] of answers) {
      const { url, server } = await credentialsUri(status, body);
      try {
        const logger = recordingLogger();
        const provider = new Credentials.default(
          new Credentials.Config({ type: 'credentials_uri', credentialsURI: url }),
        );
        const client = clientFor(suite.emu, permitted(suite.emu), {
          credentials: provider as CredentialsProvider,
          logger,
        });
        const error = await failure(
          client.getUploadAuthorization({ custSpaceId: permitted(suite.emu).custSpaceIds[0] ?? '' }),
        );
        expect(error).toBeInstanceOf(ConfigurationError);
        // The cause is kept (the user needs to know the URI failed), only the secrets are gone.
        expect(renderAll(error)).toMatch(/get sts token failed|error retrieving credentials/);
        expectNoSecret(renderAll(error) + logger.text(), [secret, token]);
      } finally {
        server.close();
      }
    }
  });

  it('a custom provider whose errors quote the secrets in escaped JSON, bare, in causes and in custom fields', async () => {
    const account = permitted(suite.emu);
    const sts = suite.emu.issueStsCredentials(account.accessKeyId);
    let broken = false;
    // Works at first (so the client knows the values), then fails quoting them every way a broken provider might.
    const provider: CredentialsProvider = {
      getCredential: () => {
        if (!broken) return Promise.resolve(sts);
        const inner = new Error(`refresh answered: ${sts.securityToken}`);
        Object.assign(inner, { response: { body: `{"SecurityToken":"${sts.securityToken}"}` } });
        const middle = new Error(`{\\"AccessKeySecret\\":\\"${sts.accessKeySecret}\\"}`, { cause: inner });
        return Promise.reject(new Error(`provider failed with ${sts.accessKeySecret}`, { cause: middle }));
      },
    };
    const logger = recordingLogger();
    const client = clientFor(suite.emu, account, { credentials: provider, logger });
    const space = account.custSpaceIds[0] ?? '';
    await client.getUploadAuthorization({ custSpaceId: space });
    broken = true;
    const error = await failure(client.getUploadAuthorization({ custSpaceId: space, forceRefresh: true }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expectNoSecret(renderAll(error) + logger.text(), [sts.accessKeySecret, sts.securityToken]);
  });

  it('service errors, OSS errors and a lost submission with STS credentials', async () => {
    const account = permitted(suite.emu);
    const sts = suite.emu.issueStsCredentials(account.accessKeyId);
    const logger = recordingLogger();
    const client = clientFor(
      suite.emu,
      { ...sts, accessKeyId: sts.accessKeyId },
      {
        logger,
        retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
        // The lost submission below must end as an OutcomeUnknownError, not be sent once more.
        lostAnswer: 'report',
        lostAnswerSettleMs: 0,
      },
    );
    const space = account.custSpaceIds[1] ?? '';
    const errors: unknown[] = [];

    // ChatApp: a wrong secret, a foreign space, and 5xx until retries run out.
    errors.push(
      await failure(
        clientFor(suite.emu, { ...sts, accessKeySecret: `${sts.accessKeySecret}x` }).getUploadAuthorization({
          custSpaceId: space,
        }),
      ),
    );
    errors.push(
      await failure(client.getUploadAuthorization({ custSpaceId: suite.emu.accounts[3]?.custSpaceIds[0] ?? '' })),
    );
    suite.emu.setFaults('GetChatappUploadAuthorization', { errorCode: 'InternalError' });
    errors.push(await failure(client.getUploadAuthorization({ custSpaceId: space })));
    suite.emu.clearFaults();

    // OSS: resets until retries run out (the temporary OSS secret and token are in play too).
    const auth = await client.getUploadAuthorization({ custSpaceId: space });
    suite.emu.setFaults('PutObject', { resetRate: 1 });
    errors.push(await failure(client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'x.pdf' })));
    suite.emu.clearFaults();

    // A lost submission: OutcomeUnknownError with a ChatAppError cause.
    suite.emu.setFaults('SubmitIsvCustomerTerms', { resetRate: 1, count: 1 });
    errors.push(await failure(client.submitCustomerTerms(onboardingInput(space, 'lost.pdf'))));

    expect(errors.map((error) => (error as Error).constructor)).toEqual([
      ChatAppError,
      ChatAppError,
      ChatAppError,
      OssError,
      OutcomeUnknownError,
    ]);
    const secrets = [sts.accessKeySecret, sts.securityToken, auth.accessKeySecret, auth.securityToken];
    for (const error of errors) expectNoSecret(renderAll(error), secrets);
    expectNoSecret(logger.text(), secrets);
  });
});
