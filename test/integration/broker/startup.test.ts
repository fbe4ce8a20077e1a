import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

/** Runs `tsx broker/main.ts` (what `npm run broker` runs) with exactly `env`. */
function runBroker(env: Record<string, string>, args: string[] = [], untilListening = false) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'broker/main.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (untilListening && stderr.includes('listening on')) child.kill('SIGTERM');
  });
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

const valid = {
  APPPASS_LISTEN: '127.0.0.1:0',
  APPPASS_PUBLIC_URL: 'https://mail.example.com/apppass',
  APPPASS_MAILCOW_URL: 'https://mail.example.com',
  APPPASS_MAILCOW_API_KEY: 'ABCDEF-123456-ABCDEF-123456-ABCDEF',
  APPPASS_ISSUER: 'https://auth.example.com/application/o/apppass/',
  APPPASS_CLIENT_ID: 'apppass-desktop',
};

function without(env: Record<string, string>, ...names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !names.includes(k)));
}

describe('broker start-up', () => {
  it('refuses a missing variable with one line naming it and exit code 2', async () => {
    const { code, stderr } = await runBroker(without(valid, 'APPPASS_ISSUER'));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('APPPASS_ISSUER');
  });

  it('refuses an unreadable key file without printing anything else', async () => {
    const env = without(valid, 'APPPASS_MAILCOW_API_KEY');
    const { code, stderr } = await runBroker({
      ...env,
      APPPASS_MAILCOW_API_KEY_FILE: '/nonexistent/apppass.key',
    });
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      'apppass-broker: APPPASS_MAILCOW_API_KEY_FILE: cannot read /nonexistent/apppass.key (ENOENT)',
    );
  });

  it('refuses an audit log it cannot open, naming APPPASS_AUDIT_LOG', async () => {
    const { code, stderr } = await runBroker({
      ...valid,
      APPPASS_AUDIT_LOG: '/nonexistent/dir/audit.log',
    });
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      'apppass-broker: APPPASS_AUDIT_LOG: cannot open /nonexistent/dir/audit.log (ENOENT)',
    );
  });

  it('starts from --config file.json and stops cleanly on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apppass-start-'));
    const file = join(dir, 'broker.json');
    await writeFile(
      file,
      JSON.stringify({ issuer: valid.APPPASS_ISSUER, clientId: valid.APPPASS_CLIENT_ID }),
    );
    const env = without(valid, 'APPPASS_ISSUER', 'APPPASS_CLIENT_ID');
    const { code, stderr } = await runBroker(env, ['--config', file], true);
    expect(stderr).toContain('listening on http://127.0.0.1:');
    expect(stderr).not.toContain(valid.APPPASS_MAILCOW_API_KEY);
    expect(code).toBe(0);
  });
});
