import type { BrokerConfig } from '../config.js';
import {
  discoveryDocument,
  type DiscoveryDocument,
  type MailEndpoint,
} from '../../main/core/discovery/profile.js';
import type { Route } from '../context.js';

// Ports come from the configuration (mailcow.conf's IMAPS_PORT, SMTPS_PORT, POPS_PORT, SIEVE_PORT).
const ENDPOINTS = {
  imap: { scope: 'imap_access', security: 'tls' },
  smtp: { scope: 'smtp_access', security: 'tls' },
  pop3: { scope: 'pop3_access', security: 'tls' },
  sieve: { scope: 'sieve_access', security: 'starttls' },
} as const;

/** The discovery document: mail endpoints only for the protocols users may grant. */
export function buildDiscoveryDocument(c: BrokerConfig): DiscoveryDocument {
  const mail: Partial<Record<keyof typeof ENDPOINTS, MailEndpoint>> = {};
  for (const [service, e] of Object.entries(ENDPOINTS) as [
    keyof typeof ENDPOINTS,
    (typeof ENDPOINTS)['imap'],
  ][]) {
    if (c.protocols.includes(e.scope))
      mail[service] = { host: c.mailHost, port: c.mailPorts[service], security: e.security };
  }
  return discoveryDocument.parse({
    issuer: c.issuer,
    client_id: c.clientId,
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    broker: c.publicUrl,
    protocols: c.protocols,
    mail,
  });
}

const documents = new WeakMap<BrokerConfig, DiscoveryDocument>();

export const getDiscovery: Route = async (s) => {
  let doc = documents.get(s.config);
  if (!doc) documents.set(s.config, (doc = buildDiscoveryDocument(s.config)));
  return { status: 200, body: doc };
};

export const getHealth: Route = async (s) => {
  try {
    await s.mailcow.ping(2000);
    return { status: 200, body: { status: 'ok' } };
  } catch {
    return { status: 503, body: { status: 'unavailable' } };
  }
};

export const getMe: Route = async (s, ctx) => {
  const caller = await s.identity.resolve(ctx.req, ctx.caller);
  return {
    status: 200,
    body: { mailbox: caller.mailbox, name: caller.name, protocols: s.config.protocols },
  };
};
