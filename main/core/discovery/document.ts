import { readFile } from 'node:fs/promises';
import { win32 } from 'node:path';
import type { Note } from '../../../protocol/messages.js';
import { AppPassError } from '../errors.js';
import { AutoconfigUnusable } from './autoconfig.js';
import { bodyTooLarge, readCappedText } from '../net/capped-body.js';
import { assertSecureUrl } from '../net/insecure.js';
import { discoveryDocument, type DiscoveryDocument } from '../../../protocol/discovery.js';

const MAX_BYTES = 256 * 1024;

/** A source's answer: the validated document, or a note saying why there is none. */
export type DocumentAnswer =
  { doc: DiscoveryDocument; note: Note } | { doc?: undefined; note: Note };

/** Validates a parsed JSON value as a discovery document, including the http:// refusal. */
export function validateDocument(value: unknown, env?: NodeJS.ProcessEnv): DocumentAnswer {
  const parsed = discoveryDocument.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'document';
    return {
      note: {
        code: 'discovery_invalid_document',
        params: { where, issue: issue?.message ?? 'invalid' },
      },
    };
  }
  try {
    assertSecureUrl(parsed.data.issuer, 'issuer', env);
    assertSecureUrl(parsed.data.broker, 'broker', env);
  } catch (err) {
    return { note: urlRefusal(err) };
  }
  const { issuer, broker } = parsed.data;
  return { doc: parsed.data, note: { code: 'discovery_document', params: { issuer, broker } } };
}

/** A refused URL (assertSecureUrl's AppPassError): its role, code and origin. */
export function urlRefusal(err: unknown): Note {
  const e = err instanceof AppPassError ? err : null;
  const { role, origin, url } = e?.params ?? {};
  return {
    code: 'discovery_url_refused',
    params: { role: role ?? 'url', code: e?.code ?? 'invalid_url', origin: origin ?? url ?? '' },
  };
}

function parseJson(text: string, env?: NodeJS.ProcessEnv): DocumentAnswer {
  try {
    return validateDocument(JSON.parse(text), env);
  } catch {
    return { note: { code: 'discovery_not_json', params: {} } };
  }
}

/** Reads a response body, and stops reading (BodyTooLargeError) past MAX_BYTES. */
export function readBody(res: Response): Promise<string> {
  return readCappedText(res, MAX_BYTES);
}

/** Why a request for a source failed. */
export function fetchReason(err: unknown, signal?: AbortSignal): Note {
  const tooLarge = bodyTooLarge(err);
  if (tooLarge)
    return { code: 'discovery_too_large', params: { kib: Math.round(tooLarge.limit / 1024) } };
  if (err instanceof AutoconfigUnusable) return err.note;
  if (signal?.aborted) return { code: 'discovery_deadline', params: {} };
  const e = err as { name?: string; message?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError')
    return { code: 'discovery_timeout', params: {} };
  if (e.cause?.code) return { code: 'discovery_cannot_connect', params: { code: e.cause.code } };
  return { code: 'discovery_request_failed', params: { reason: e.message ?? 'unknown' } };
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
      return { note: { code: 'discovery_http_status', params: { status: res.status } } };
    }
    return parseJson(await readBody(res), o.env);
  } catch (err) {
    return { note: fetchReason(err, o.signal) };
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
      note:
        code === 'ENOENT'
          ? { code: 'discovery_no_file', params: {} }
          : { code: 'discovery_file_unreadable', params: { code: code ?? 'error' } },
    };
  }
  if (text.length > MAX_BYTES) return { note: { code: 'discovery_file_too_large', params: {} } };
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
