// deploy/systemd/apppass-broker.service, checked by Debian's systemd itself.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const UNIT = 'deploy/systemd/apppass-broker.service';

describe(UNIT, () => {
  it('passes systemd-analyze verify without a warning', async () => {
    const { stdout, stderr } = await run('systemd-analyze', ['verify', UNIT]);
    expect(`${stdout}${stderr}`).toBe('');
  });

  it('is hardened: systemd-analyze security rates its exposure at most 2.0 of 10', async () => {
    // --threshold is on the 0-100 scale the table shows divided by ten; exit 1 above it
    const { stdout } = await run('systemd-analyze', [
      'security',
      '--offline=yes',
      '--threshold=20',
      '--no-pager',
      UNIT,
    ]);
    expect(stdout).toMatch(/Overall exposure level for apppass-broker\.service: [01]\.\d/);
    for (const check of [
      'User=/DynamicUser=',
      'NoNewPrivileges=',
      'ProtectSystem=',
      'CapabilityBoundingSet=~CAP_SYS_ADMIN',
    ])
      expect(stdout).toContain(`✓ ${check}`);
  });
});
