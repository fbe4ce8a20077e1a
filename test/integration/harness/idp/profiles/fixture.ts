import { loadConfig } from '../../../../../broker/config.js';
import { startBroker, type BrokerHandle } from '../../../../../broker/server.js';
import type { IdpOptions, IdpProfileName, IdpUser, TokenSet } from '../../../../harness/idp.js';
import type { MailcowEmulator } from '../../../../harness/mailcow-emulator.js';
import { startBench, type Bench } from '../../../../harness/broker-bench.js';
import { guideBrokerEnv } from './admin-guide.js';

/** One bench IdP profile and a broker configured for it exactly as docs/admin.md says. */
export interface ProfileBench extends Bench {
  profile: IdpProfileName;
  me(token: string, broker?: BrokerHandle): Promise<Response>;
  /**
   * The harness's code + PKCE sign-in with what the broker's discovery document tells the app
   * to add (audience / resource), as the app's own sign-in does.
   */
  signIn(user: IdpUser): Promise<TokenSet>;
  /** Another broker for the same IdP and mailcow with some variables changed. */
  variant(env: Record<string, string | undefined>): Promise<BrokerHandle & { logs: string[] }>;
}

/** The broker settings from the guide; the default bench's audience does not apply. */
export function guideEnvFor(profile: IdpProfileName) {
  return (idp: Parameters<typeof guideBrokerEnv>[1]) => ({
    APPPASS_AUDIENCE: undefined,
    ...guideBrokerEnv(profile, idp),
  });
}

export async function startProfileBench(
  profile: IdpProfileName,
  mailcow: MailcowEmulator,
  o: IdpOptions = {},
): Promise<ProfileBench> {
  const bench = await startBench({
    idp: { ...o, profile },
    sharedMailcow: mailcow,
    envFor: guideEnvFor(profile),
  });
  const extra: BrokerHandle[] = [];
  const me = (token: string, b: BrokerHandle = bench.broker) =>
    fetch(`${b.url}/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  return {
    ...bench,
    profile,
    me,
    async signIn(user) {
      const res = await bench.call('/.well-known/apppass-configuration');
      const doc = (await res.json()) as { audience?: string; resource?: string };
      const extraParams = {
        ...(doc.audience ? { audience: doc.audience } : {}),
        ...(doc.resource ? { resource: doc.resource } : {}),
      };
      return bench.idp.signIn(user, { extra: extraParams });
    },
    async variant(changes) {
      const logs: string[] = [];
      const env = Object.fromEntries(
        Object.entries({ ...bench.env, ...changes }).filter(
          (e): e is [string, string] => e[1] !== undefined,
        ),
      );
      const b = await startBroker(loadConfig(env), { log: (l) => logs.push(l) });
      extra.push(b);
      return Object.assign(b, { logs });
    },
    async stop() {
      for (const b of extra) await b.close();
      await bench.stop();
    },
  };
}
