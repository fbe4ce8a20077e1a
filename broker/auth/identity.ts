import type { IncomingMessage } from 'node:http';
import type { BrokerConfig } from '../config.js';
import { Problem, forbidden, invalidToken } from '../http/problem.js';
import type { MailcowApi } from '../mailcow/app-passwords.js';
import type { TokenVerifier, VerifiedClaims } from './verify.js';

/** Who is asking, after every check: the mailbox is the only one the broker will touch for them. */
export interface Caller {
  sub: string;
  mailbox: string;
  name: string;
  /** Member of APPPASS_HELPDESK_GROUP. */
  helpdesk: boolean;
}

/** A helpdesk member, known from the token alone (no mailcow call was needed). */
export interface HelpdeskActor {
  sub: string;
  /** The member's email when the token carries one (for the audit record). */
  email: string | null;
}

/**
 * Whether the claims name the helpdesk group: the claim (APPPASS_HELPDESK_CLAIM) may be a list
 * (authentik, Keycloak's group mapper, Authelia) or one string; the value must match exactly
 * (Keycloak sends "/helpdesk" when "Full group path" is on).
 */
export function inHelpdeskGroup(
  claims: VerifiedClaims,
  config: Pick<BrokerConfig, 'helpdeskGroup' | 'helpdeskClaim'>,
): boolean {
  if (!config.helpdeskGroup) return false;
  // the verified payload holds every claim, not only the typed ones
  const v = (claims as unknown as Record<string, unknown>)[config.helpdeskClaim];
  const groups = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  return groups.some((g) => g === config.helpdeskGroup);
}

/** Filled in as far as it got, so refusals can be audited with what was known. */
export interface PartialCaller {
  sub?: string;
  mailbox?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function bearerToken(req: IncomingMessage): string {
  const h = req.headers.authorization;
  const m = h ? /^Bearer[ ]+([\x21-\x7e]+)\s*$/i.exec(h) : null;
  if (!m?.[1]) {
    throw new Problem(
      401,
      'missing_token',
      'Sign-in required',
      'Send the access token as "Authorization: Bearer <token>".',
      {
        'WWW-Authenticate': 'Bearer realm="apppass"',
      },
    );
  }
  return m[1];
}

/**
 * The fix depends on the IdP, which the token's shape shows: authentik's default email scope
 * mapping says false (seed 002 adds the mapping that reads the user attribute, and users
 * federated from mailcow's OAuth2 server, seed 000, have no such attribute); Keycloak reports
 * the user's "Email verified" flag. Authelia always says true.
 */
const UNVERIFIED_FIX: Record<'authentik' | 'keycloak' | 'other', string> = {
  authentik:
    "Ask your administrator to give the AppPass provider in authentik the email scope mapping that returns email_verified from the user attributes (authentik's mailcow guide) and to set email_verified: true on your user; users who sign in to authentik through mailcow arrive unverified.",
  keycloak:
    'Ask your administrator to switch on "Email verified" for your user in Keycloak (Users, your user, Details).',
  other: 'Ask your administrator to mark your email address as verified at the identity provider.',
};

function emailUnverified(claims: VerifiedClaims): Problem {
  const idp =
    claims.family === 'authentik' || claims.family === 'keycloak' ? claims.family : 'other';
  return new Problem(
    403,
    'email_unverified',
    'Not allowed',
    `Your identity provider does not vouch for your email address (email_verified is not true). ${UNVERIFIED_FIX[idp]}`,
    {},
    { idp },
  );
}

/** Token -> verified claims -> email -> allowed domain -> existing, active mailcow mailbox. */
export class IdentityResolver {
  private readonly mailboxes = new Map<string, { name: string; until: number }>();

  constructor(
    private readonly config: BrokerConfig,
    private readonly verifier: TokenVerifier,
    private readonly mailcow: MailcowApi,
  ) {}

  async resolve(req: IncomingMessage, known: PartialCaller): Promise<Caller> {
    const claims = await this.verifier.verify(bearerToken(req));
    known.sub = claims.sub;
    const mailbox = this.mailboxOf(claims);
    known.mailbox = mailbox;
    const name = await this.activeMailboxName(mailbox);
    return {
      sub: claims.sub,
      mailbox,
      name: typeof claims.name === 'string' && claims.name ? claims.name : name,
      helpdesk: inHelpdeskGroup(claims, this.config),
    };
  }

  /** A verified helpdesk member, or 403 before anything reaches mailcow. */
  async helpdesk(req: IncomingMessage, known: PartialCaller): Promise<HelpdeskActor> {
    const claims = await this.verifier.verify(bearerToken(req));
    if (typeof claims.sub !== 'string' || !claims.sub)
      throw invalidToken('The access token names no subject.');
    known.sub = claims.sub;
    if (!inHelpdeskGroup(claims, this.config)) {
      throw forbidden('not_helpdesk', 'Only members of the helpdesk group may do this.');
    }
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
    return { sub: claims.sub, email: email || null };
  }

  private mailboxOf(claims: VerifiedClaims): string {
    if (typeof claims.sub !== 'string' || !claims.sub)
      throw invalidToken('The access token names no subject.');
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!EMAIL.test(email) || email.length > 254) {
      throw forbidden(
        'no_email',
        'The sign-in carries no email address; the app must request the "email" scope.',
      );
    }
    const verified = claims.email_verified === true || claims.email_verified === 'true';
    if (!verified && !this.config.trustUnverifiedEmail) throw emailUnverified(claims);
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (this.config.allowedDomains && !this.config.allowedDomains.includes(domain)) {
      throw forbidden('domain_not_allowed', `App passwords are not offered for ${domain} here.`);
    }
    return email;
  }

  private async activeMailboxName(mailbox: string): Promise<string> {
    const hit = this.mailboxes.get(mailbox);
    if (hit && hit.until > Date.now()) return hit.name;
    const found = await this.mailcow.getMailbox(mailbox);
    if (!found)
      throw forbidden('no_mailbox', `There is no mailbox ${mailbox} on this mail server.`);
    if (!found.active) throw forbidden('mailbox_inactive', `The mailbox ${mailbox} is disabled.`);
    if (this.config.mailboxCacheSeconds > 0) {
      if (this.mailboxes.size > 10_000) this.mailboxes.clear();
      this.mailboxes.set(mailbox, {
        name: found.name,
        until: Date.now() + this.config.mailboxCacheSeconds * 1000,
      });
    }
    return found.name;
  }
}
