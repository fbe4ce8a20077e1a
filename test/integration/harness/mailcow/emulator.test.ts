import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slotFile } from '../../../harness/mailcow/passdb.js';
import { startMailcowEmulator, type MailcowEmulator } from '../../../harness/mailcow-emulator.js';

// The emulator answers like mailcow's json_api.php (see /work/shared/mailcow-api.md).

let emu: MailcowEmulator;
const ALICE = 'alice@example.test';

beforeAll(async () => {
  emu = await startMailcowEmulator({ mailboxes: undefined });
});
afterAll(async () => emu?.stop());

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function call(
  path: string,
  o: { key?: string; body?: unknown; method?: string; headers?: Record<string, string> } = {},
) {
  const res = await fetch(`${emu.url}/api/v1/${path}`, {
    method: o.method ?? (o.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(o.key === '' ? {} : { 'X-API-Key': o.key ?? emu.rwKey }),
      ...(o.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...o.headers,
    },
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  const text = await res.text();
  return { status: res.status, text, json: parseOrText(text), res };
}

const add = (attr: Record<string, unknown>, key?: string) =>
  call('add/app-passwd', { body: attr, ...(key === undefined ? {} : { key }) });
const good = (name: string, protocols = ['imap_access']) => ({
  username: ALICE,
  app_name: name,
  app_passwd: 'Secret-123',
  app_passwd2: 'Secret-123',
  active: 1,
  protocols,
});
type Row = { id: number; name: string; password: string; active: number; imap_access: number };
const list = async (user = ALICE) =>
  (await call(`get/app-passwd/all/${user}`)).json as Row[] | object;

describe('authentication', () => {
  it('rejects an unknown key with 401 (text/html content type, JSON body)', async () => {
    const r = await call('get/status/version', { key: 'AAAAAA-BBBBBB' });
    expect(r.status).toBe(401);
    expect(r.res.headers.get('content-type')).toContain('text/html');
    expect(r.json).toEqual({ type: 'error', msg: 'authentication failed' });
  });

  it('strips characters outside [A-Za-z0-9-] from the key', async () => {
    const r = await call('get/status/version', { key: ` ${emu.rwKey}\t` });
    expect(r.json).toEqual({ version: expect.any(String) });
  });

  it('answers the read-only key 403 on writes but serves gets, hashes included', async () => {
    expect((await add(good('ro'), emu.roKey)).status).toBe(403);
    await add(good('seen by ro'));
    const r = await call(`get/app-passwd/all/${ALICE}`, { key: emu.roKey });
    expect((r.json as Row[])[0]?.password).toMatch(/^\{SSHA512\}/);
  });

  it('checks Sec-Fetch-Dest after the key: 403 with an empty body', async () => {
    const r = await call('get/status/version', { headers: { 'Sec-Fetch-Dest': 'document' } });
    expect([r.status, r.text]).toEqual([403, '']);
    const bad = await call('get/status/version', {
      key: 'x',
      headers: { 'Sec-Fetch-Dest': 'document' },
    });
    expect(bad.status).toBe(401);
  });

  it('sets MCSESSID, and a replayed cookie keeps admin rights without the key', async () => {
    const first = await call('get/status/version');
    const cookie = (first.res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^MCSESSID=/);
    const replay = await call('get/status/version', { key: '', headers: { cookie } });
    expect(replay.json).toEqual({ version: expect.any(String) });
    expect(emu.requests.at(-1)).toMatchObject({ hadApiKey: false, cookie: true });
    expect((await call('get/status/version', { key: '' })).text).toBe('');
  });

  it('denies a key from an address outside allow_from', async () => {
    const other = await startMailcowEmulator({ allowFrom: ['10.0.0.0/8'] });
    const r = await fetch(`${other.url}/api/v1/get/status/version`, {
      headers: { 'X-API-Key': other.rwKey },
    });
    expect([r.status, await r.json()]).toEqual([
      401,
      { type: 'error', msg: 'api access denied for ip 127.0.0.1' },
    ]);
    await other.stop();
  });
});

describe('app passwords', () => {
  it('adds without returning an id; errors are HTTP 200 with type danger', async () => {
    const ok = await add(good('first'));
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual([
      {
        type: 'success',
        log: ['app_passwd', 'add', { ...good('first'), app_passwd: '*', app_passwd2: '*' }],
        msg: 'app_passwd_added',
      },
    ]);
    const mismatch = await add({ ...good('x'), app_passwd2: 'Other-123' });
    expect(mismatch.status).toBe(200);
    expect(mismatch.json).toMatchObject([{ type: 'danger', msg: 'password_mismatch' }]);
    expect((await add({ ...good('x'), username: undefined })).json).toMatchObject([
      { msg: 'access_denied' },
    ]);
    expect((await add({ ...good('short'), app_passwd: 'x', app_passwd2: 'x' })).json).toMatchObject(
      [{ msg: 'password_complexity' }],
    );
    expect((await add(good(' 0 '))).json).toMatchObject([{ msg: 'app_name_empty' }]);
  });

  it('escapes names on write and again on read; edit without app_name adds two levels', async () => {
    await add(good('A&B'));
    const row = ((await list()) as Row[]).find((r) => r.name === 'A&amp;amp;B');
    expect(row).toBeDefined();
    await call('edit/app-passwd', { body: { items: [row?.id], attr: { username: ALICE } } });
    expect(((await list()) as Row[]).find((r) => r.id === row?.id)?.name).toBe(
      'A&amp;amp;amp;amp;B',
    );
  });

  it('lists {} for a mailbox without app passwords; get by id is an empty body', async () => {
    expect((await call('get/app-passwd/all/bob@example.test')).text).toBe('{}');
    expect((await call('get/app-passwd/all')).text).toBe('{}');
    expect((await call('get/app-passwd/1')).text).toBe('');
  });

  it('edit without username answers an empty body and changes nothing', async () => {
    const before = await list();
    const r = await call('edit/app-passwd', { body: { items: [1], attr: { active: 0 } } });
    expect([r.status, r.text]).toEqual([200, '']);
    expect(await list()).toEqual(before);
  });

  it('delete takes a bare id list; the first unknown id aborts with a string msg', async () => {
    const ids = ((await list()) as Row[]).map((r) => r.id);
    const r = await call('delete/app-passwd', { body: [ids[0], 9999, ids[1]] });
    expect(r.json).toMatchObject([
      { type: 'success', msg: ['app_passwd_removed', String(ids[0])] },
      { type: 'danger', msg: 'app_passwd_id_invalid' },
    ]);
    expect(((await list()) as Row[]).map((r) => r.id)).toEqual(ids.slice(1));
  });

  it('takes a {SCHEME}-prefixed password as a pre-hashed value', async () => {
    await add({ ...good('plain'), app_passwd: '{PLAIN}secret', app_passwd2: '{PLAIN}secret' });
    expect(((await list()) as Row[]).at(-1)?.password).toBe('{PLAIN}secret');
  });

  it('writes passwd-file slots only for active app passwords with the scope', async () => {
    const imap = await readFile(slotFile(emu.passdbDir, 'imap', 0), 'utf8');
    const submission = await readFile(slotFile(emu.passdbDir, 'submission', 0), 'utf8');
    expect(imap).toContain(`${ALICE}:{`);
    expect(submission).toBe('');
  });
});

describe('policy, mailbox, status, method and route errors', () => {
  it('serves the policy as strings and as an HTML string; edit changes what add accepts', async () => {
    expect((await call('get/passwordpolicy')).json).toEqual({
      length: '6',
      chars: '0',
      special_chars: '0',
      lowerupper: '0',
      numbers: '0',
    });
    expect((await call('get/passwordpolicy/html')).json).toBe(
      '<p class="help-block small">- Minimum password length is 6</p>',
    );
    await call('edit/passwordpolicy', { body: { items: [], attr: { length: 12 } } });
    expect((await add(good('short'))).json).toMatchObject([{ msg: 'password_complexity' }]);
    emu.setPolicy({ length: 6 });
  });

  it('returns one mailbox object with string protocol flags, {} when unknown', async () => {
    const carol = (await call('get/mailbox/carol@example.test')).json;
    expect(carol).toMatchObject({
      username: 'carol@example.test',
      active: 0,
      attributes: { imap_access: '1' },
    });
    expect((await call('get/mailbox/nobody@example.test')).text).toBe('{}');
  });

  it('answers 405 for wrong methods and 404 for unknown routes', async () => {
    expect((await call('get/status/version', { method: 'POST' })).status).toBe(405);
    expect((await call('add/app-passwd', { method: 'GET', key: emu.rwKey })).json).toEqual({
      type: 'error',
      msg: 'Cannot find attributes in post data',
    });
    expect((await call('add/nothing', { body: {} })).status).toBe(404);
    expect((await call('edit/app-passwd', { body: null })).status).toBe(400);
  });

  it('misbehaves on request: html, empty, status', async () => {
    emu.setFault({ kind: 'html', times: 1 });
    expect((await call('get/status/version')).text).toMatch(/^<!DOCTYPE html>/);
    emu.setFault({ kind: 'status', status: 502, pathPrefix: '/api/v1/get/status' });
    expect((await call('get/status/version')).status).toBe(502);
    emu.setFault(null);
    expect((await call('get/status/version')).status).toBe(200);
  });
});
