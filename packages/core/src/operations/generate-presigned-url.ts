// GeneratePresignedUrl (the *Instance generation): a time-limited URL for an object in the account's OSS bucket.
// UpdateInstance wants the terms as a URL, not a file name, so the instance path uploads as before and then asks
// for this URL for the object key. How long the URL lives is not documented; it is used at once and never stored
// as the identity of the terms (the object key is).
import type { ClientContext } from '../context.js';
import { ChatAppError } from '../errors.js';
import { callChatApp } from '../transport/chat-app-rpc.js';
import { parseOrThrow } from '../validation/schemas.js';
import { z } from 'zod';

/** The operation name. */
export const GENERATE_PRESIGNED_URL = 'GeneratePresignedUrl';

/** Input of generatePresignedUrl. */
export interface GeneratePresignedUrlInput {
  /** The OSS object key (`Dir/<file name>`, as UploadResult.objectKey). */
  filePath: string;
}

/** Result of generatePresignedUrl. */
export interface PresignedUrl {
  /** `Data.Url`: the signed URL (it grants read access: treat it as short-lived). */
  url: string;
  requestId: string | undefined;
}

const filePathSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
  .trim()
  .min(1, 'must not be empty')
  .max(1024, 'must be at most 1024 characters')
  .refine((path) => !path.split('/').some((part) => part === '.' || part === '..'), {
    error: 'must not contain "." or ".." segments',
  });

/** Validates the key and calls GeneratePresignedUrl. */
export async function generatePresignedUrl(
  ctx: ClientContext,
  input: GeneratePresignedUrlInput,
): Promise<PresignedUrl> {
  const filePath = parseOrThrow(filePathSchema, input?.filePath, 'filePath');
  const body = await callChatApp(ctx, GENERATE_PRESIGNED_URL, { FilePath: filePath });
  const requestId = typeof body['RequestId'] === 'string' ? body['RequestId'] : undefined;
  const data = (typeof body['Data'] === 'object' && body['Data'] !== null ? body['Data'] : {}) as Record<
    string,
    unknown
  >;
  const url = data['Url'];
  if (typeof url !== 'string' || url === '') {
    throw new ChatAppError({
      code: 'InvalidResponse',
      message: 'the response has no Data.Url',
      operation: GENERATE_PRESIGNED_URL,
      requestId,
    });
  }
  return { url, requestId };
}
