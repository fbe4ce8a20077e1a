import type { BrokerConfig } from '../config.js';
import {
  discoveryDocument,
  SIGN_IN_SCOPES,
  type DiscoveryDocument,
  type MailEndpoint,
} from '../../protocol/discovery.js';
import { ADVERTISED_PORTS } from '../../protocol/ports.js';
import { MAIL_SERVICES, SERVICE_SCOPE, type MailService } from '../../protocol/scopes.js';
import type { Route } from '../context.js';

/** The discovery document: mail endpoints only for the protocols users may grant. */
export function buildDiscoveryDocument(c: BrokerConfig): DiscoveryDocument {
  const mail: Partial<Record<MailService, MailEndpoint>> = {};
  for (const service of MAIL_SERVICES) {
    const { port, security } = ADVERTISED_PORTS[service];
    if (c.protocols.includes(SERVICE_SCOPE[service]))
      mail[service] = { host: c.mailHost, port, security };
  }
  return discoveryDocument.parse({
    issuer: c.issuer,
    client_id: c.clientId,
    scopes: [...SIGN_IN_SCOPES],
    broker: c.publicUrl,
    protocols: c.protocols,
    mail,
    ...(c.signIn.audience ? { audience: c.signIn.audience } : {}),
    ...(c.signIn.resource ? { resource: c.signIn.resource } : {}),
    prompt_consent: c.signIn.promptConsent,
  });
}

const documents = new WeakMap<BrokerConfig, DiscoveryDocument>();

export const getDiscovery: Route = async (s) => {
  let doc = documents.get(s.config);
  if (!doc) documents.set(s.config, (doc = buildDiscoveryDocument(s.config)));
  return { status: 200, body: doc };
};

export const getHealth: Route = async (s) => {
  const misconfigured = s.verifier.issuer.configError;
  if (misconfigured)
    return { status: 503, body: { status: 'misconfigured', problem: misconfigured.message } };
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
    body: {
      mailbox: caller.mailbox,
      name: caller.name,
      protocols: s.config.protocols,
      helpdesk: caller.helpdesk,
    },
  };
};
