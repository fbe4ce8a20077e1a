import type { DiscoveryDocument } from '../../../protocol/discovery.js';
import type { Advice } from '../../../protocol/messages.js';
import {
  MAIL_SERVICES,
  SERVICE_SCOPE,
  type MailService,
  type ProtocolScope,
} from '../../../protocol/scopes.js';
import { tryLogin } from '../diagnostics/login.js';

export interface VerifyCheck {
  service: MailService;
  ok: boolean;
  verdict: string;
  advice: Advice[];
}

export interface VerifyOutcome {
  ok: boolean;
  checks: VerifyCheck[];
}

/** Proves a password works by logging in; the rotation uses it before revoking anything. */
export type Verifier = (
  creds: { user: string; pass: string },
  protocols: readonly ProtocolScope[],
) => Promise<VerifyOutcome>;

/**
 * Real logins (IMAP, SMTP AUTH, POP3, ManageSieve) for each service the password's scopes
 * allow and the profile offers. One at a time, stopping at the first failure: a failed login
 * is never repeated or fanned out, so a bad password cannot get the user banned.
 */
export function loginVerifier(
  mail: DiscoveryDocument['mail'],
  o: { timeoutMs?: number; ca?: string[] } = {},
): Verifier {
  return async (creds, protocols) => {
    const checks: VerifyCheck[] = [];
    for (const service of MAIL_SERVICES) {
      const endpoint = mail[service];
      if (!endpoint || !protocols.includes(SERVICE_SCOPE[service])) continue;
      const r = await tryLogin(service, endpoint, creds, o);
      checks.push({ service, ok: r.ok, verdict: r.verdict, advice: r.advice });
      if (!r.ok) return { ok: false, checks };
    }
    return { ok: true, checks };
  };
}
