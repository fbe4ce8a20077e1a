import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../broker/config.js';
import { startBroker, type BrokerHandle } from '../../../broker/server.js';
import {
  startIdp,
  type Idp,
  type IdpOptions,
  type IdpProfileName,
  type IdpUser,
  type TokenSet,
} from '../../harness/idp.js';
import type { MailcowEmulator } from '../../harness/mailcow-emulator.js';
import { brokerEnv } from '../broker/fixture.js';
import { guideBrokerEnv } from './admin-guide.js';

/** One bench IdP profile and a broker configured for it exactly as docs/admin.md says. */
export interface ProfileBench {
  profile: IdpProfileName;
  idp: Idp;
  broker: BrokerHandle;
  env: Record<string, string>;
  logs: string[];
  me(token: string, broker?: BrokerHandle): Promise<Response>;
  /**
   * The harness's code + PKCE sign-in with what the broker's discovery document tells the app
   * to add (audience / resource), as the app's own sign-in does.
   */
  signIn(user: IdpUser): Promise<TokenSet>;
  /** Another broker for the same IdP and mailcow with some variables changed. */
  variant(env: Record<string, string | undefined>): Promise<BrokerHandle & { logs: string[] }>;
  stop(): Promise<void>;
}

export async function startProfileBench(
  profile: IdpProfileName,
  mailcow: MailcowEmulator,
  o: IdpOptions = {},
): Promise<ProfileBench> {
  const idp = await startIdp({ ...o, profile });
  const dir = await mkdtemp(join(tmpdir(), 'apppass-profile-'));
  // The guide decides the audience; the default bench's value does not apply.
  const base = withoutUndefined({
    ...brokerEnv(idp, mailcow, join(dir, 'audit.log')),
    APPPASS_AUDIENCE: undefined,
  });
  const env = { ...base, ...guideBrokerEnv(profile, idp) };
  const logs: string[] = [];
  const broker = await startBroker(loadConfig(env), { log: (l) => logs.push(l) });
  const extra: BrokerHandle[] = [];
  const me = (token: string, b: BrokerHandle = broker) =>
    fetch(`${b.url}/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  return {
    profile,
    idp,
    broker,
    env,
    logs,
    me,
    async signIn(user) {
      const res = await fetch(`${broker.url}/.well-known/apppass-configuration`);
      const doc = (await res.json()) as { audience?: string; resource?: string };
      const extra = {
        ...(doc.audience ? { audience: doc.audience } : {}),
        ...(doc.resource ? { resource: doc.resource } : {}),
      };
      return idp.signIn(user, { extra });
    },
    async variant(changes) {
      const lines: string[] = [];
      const merged = withoutUndefined({ ...env, ...changes });
      const b = await startBroker(loadConfig(merged), {
        log: (l) => lines.push(l),
      });
      extra.push(b);
      return Object.assign(b, { logs: lines });
    },
    async stop() {
      for (const b of extra) await b.close();
      await broker.close();
      await idp.stop();
    },
  };
}

function withoutUndefined(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
  );
}
