import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Idp, IdpProfileName } from '../../../../harness/idp.js';

const GUIDE = fileURLToPath(new URL('../../../../../docs/admin.md', import.meta.url));

export interface CompatibilityRow {
  idp: string;
  versions: string;
  profile: IdpProfileName;
  tokenMode: string;
  inIdp: string;
  /** `APPPASS_X=value` settings of the broker column, placeholders unreplaced. */
  broker: Record<string, string>;
  userSees: string;
}

/** The compatibility table of docs/admin.md §7, one row per bench profile. */
export function compatibilityTable(): CompatibilityRow[] {
  const text = readFileSync(GUIDE, 'utf8');
  const section = text.slice(text.indexOf('### Compatibility'));
  const rows = section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| IdP |'))
    .map((l) => l.split(' | ').map((c) => c.replace(/^\| |\s*\|$/g, '').trim()));
  return rows
    .filter((c) => c.length === 7)
    .map(
      ([
        idp = '',
        versions = '',
        profile = '',
        tokenMode = '',
        inIdp = '',
        broker = '',
        userSees = '',
      ]) => ({
        idp,
        versions,
        profile: profile.replace(/`/g, '') as IdpProfileName,
        tokenMode,
        inIdp,
        broker: Object.fromEntries(
          [...broker.matchAll(/`(APPPASS_[A-Z_]+)=([^`]+)`/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
        ),
        userSees,
      }),
    );
}

export function guideRow(profile: IdpProfileName): CompatibilityRow {
  const row = compatibilityTable().find((r) => r.profile === profile);
  if (!row) throw new Error(`docs/admin.md has no compatibility row for profile ${profile}`);
  return row;
}

/**
 * The broker settings the guide gives for `profile`, with the placeholders filled in for this
 * bench IdP. The issuer must come out exactly as the IdP names itself (authentik's slash).
 */
export function guideBrokerEnv(profile: IdpProfileName, idp: Idp): Record<string, string> {
  const origin = new URL(idp.issuer).origin;
  const fill = (v: string) =>
    v
      .replace('https://<host>', origin)
      .replace('<slug>', 'apppass')
      .replace('<realm>', 'apppass')
      .replace('<client id>', idp.clientId);
  const env = Object.fromEntries(
    Object.entries(guideRow(profile).broker).map(([k, v]) => [k, fill(v)]),
  );
  if (env.APPPASS_ISSUER !== idp.issuer)
    throw new Error(
      `docs/admin.md gives APPPASS_ISSUER ${String(env.APPPASS_ISSUER)} for ${profile}, the IdP names itself ${idp.issuer}`,
    );
  return env;
}
