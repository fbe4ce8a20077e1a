import { readFile } from 'node:fs/promises';
import { win32 } from 'node:path';
import { AppPassError } from '../errors.js';
import { bodyTooLarge, readCappedText } from '../net/capped-body.js';
import { assertSecureUrl } from '../net/insecure.js';
import { discoveryDocument, type DiscoveryDocument } from '../../../protocol/discovery.js';

const MAX_BYTES = 256 * 1024;

/** A source's answer: the validated document, or one sentence saying why there is none. */
export type DocumentAnswer =
  { doc: DiscoveryDocument; detail: string } | { doc?: undefined; detail: string };

/** Validates a parsed JSON value as a discovery document, including the http:// refusal. */
export function validateDocument(value: unknown, env?: NodeJS.ProcessEnv): DocumentAnswer {
  const parsed = discoveryDocument.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'document';
    return { detail: `invalid discovery document (${where}: ${issue?.message ?? 'invalid'})` };
  }
  try {
    assertSecureUrl(parsed.data.issuer, 'issuer', env);
    assertSecureUrl(parsed.data.broker, 'broker', env);
  } catch (err) {
    return {
      detail: err instanceof AppPassError ? urlRefusal(err) : 'invalid URL in the document',
    };
  }
  return { doc: parsed.data, detail: `issuer ${parsed.data.issuer}, broker ${parsed.data.broker}` };
}

/** A refused URL for the discovery sources' technical detail: code and origin, no sentence. */
function urlRefusal(err: AppPassError): string {
  const { role, origin, url } = err.params;
  return `${role} URL refused: ${err.code} (${origin ?? url})`;
}

function parseJson(text: string, env?: NodeJS.ProcessEnv): DocumentAnswer {
  try {
    return validateDocument(JSON.parse(text), env);
  } catch {
    return { detail: 'the answer is not JSON' };
  }
}

/** Reads a response body, and stops reading (BodyTooLargeError) past MAX_BYTES. */
export function readBody(res: Response): Promise<string> {
  return readCappedText(res, MAX_BYTES);
}

export function fetchReason(err: unknown, signal?: AbortSignal): string {
  const tooLarge = bodyTooLarge(err);
  if (tooLarge) return tooLarge.message;
  if (signal?.aborted) return 'no answer before the discovery deadline';
  const e = err as { name?: string; message?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'no answer in time';
  if (e.cause?.code) return `cannot connect (${e.cause.code})`;
  return e.message ?? 'request failed';
}

/** GETs a discovery document over http(s) and validates it. Never throws. */
export async function fetchDocument(
  url: string,
  o: { fetch: typeof fetch; signal: AbortSignal; env?: NodeJS.ProcessEnv },
): Promise<DocumentAnswer> {
  try {
    const res = await o.fetch(url, { headers: { accept: 'application/json' }, signal: o.signal });
    if (!res.ok) {
      await res.body?.cancel();
      return { detail: `HTTP ${res.status}` };
    }
    return parseJson(await readBody(res), o.env);
  } catch (err) {
    return { detail: fetchReason(err, o.signal) };
  }
}

/** Reads a local discovery document (the --config file or a provisioned system file). */
export async function readDocumentFile(
  path: string,
  env?: NodeJS.ProcessEnv,
): Promise<DocumentAnswer> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    return {
      detail: code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? 'error'})`,
    };
  }
  if (text.length > MAX_BYTES) return { detail: 'the file is too large' };
  return parseJson(text, env);
}

/** Where an administrator may provision the document, for this platform. */
export function defaultSystemFiles(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (platform === 'win32') {
    return [win32.join(env.ProgramData ?? 'C:\\ProgramData', 'AppPass', 'config.json')];
  }
  if (platform === 'darwin') return ['/Library/Application Support/AppPass/config.json'];
  return ['/etc/apppass/config.json'];
}
