import type { IncomingMessage } from 'node:http';
import { Problem, badRequest } from './problem.js';

export const BODY_LIMIT = 16 * 1024;

const tooLarge = () =>
  new Problem(
    413,
    'body_too_large',
    'Body too large',
    `The request body is limited to ${BODY_LIMIT} bytes.`,
  );

// fatal: a byte sequence that is not UTF-8 is refused rather than turned into U+FFFD, which
// would put a name into mailcow that the user never typed.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function decodeUtf8(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw badRequest('invalid_utf8', 'The request body is not valid UTF-8.');
  }
}

/** Reads a JSON request body of at most 16 KiB; refuses other content types and bad JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new Problem(
      415,
      'unsupported_media_type',
      'Unsupported media type',
      'Send the body as application/json.',
    );
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > BODY_LIMIT) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw tooLarge();
    chunks.push(chunk);
  }
  const text = decodeUtf8(Buffer.concat(chunks));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('invalid_json', 'The request body is not valid JSON.');
  }
}
