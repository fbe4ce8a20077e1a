import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { mailEndpoint, type MailEndpoint, type MailSecurity } from '../../../protocol/discovery.js';
import type { Note, NoteCode } from '../../../protocol/messages.js';
import type { MailService } from '../../../protocol/scopes.js';

/** Mail endpoints learned from a Thunderbird-style autoconfig answer (mailcow's `config-v1.1.xml`). */
export interface AutoconfigResult {
  /** The host of the first IMAP (else POP3) server: mailcow's MAILCOW_HOSTNAME. */
  mailHost: string;
  endpoints: Partial<Record<MailService, MailEndpoint>>;
}

const server = z.object({
  '@_type': z.string(),
  hostname: z.string(),
  port: z.coerce.number(),
  socketType: z.string().optional(),
});
const asArray = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(server),
);
const clientConfig = z.object({
  clientConfig: z.object({
    emailProvider: z.object({ incomingServer: asArray, outgoingServer: asArray }),
  }),
});

/** Why an autoconfig answer is of no use, as a note (its message is the code). */
export class AutoconfigUnusable extends Error {
  override name = 'AutoconfigUnusable';
  readonly note: Note;
  constructor(code: NoteCode) {
    super(code);
    this.note = { code, params: {} };
  }
}

const SOCKET_TYPES: Record<string, MailSecurity> = {
  SSL: 'tls',
  STARTTLS: 'starttls',
  plain: 'none',
};
const SERVICE_FOR_TYPE: Record<string, MailService> = { imap: 'imap', pop3: 'pop3', smtp: 'smtp' };

/** Parses and validates the XML; throws AutoconfigUnusable when it is not usable. */
export function parseAutoconfig(xml: string, domain: string): AutoconfigResult {
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
  let tree: unknown;
  try {
    tree = parser.parse(xml);
  } catch {
    // fast-xml-parser quotes the text around the fault: never repeat a server's words
    throw new AutoconfigUnusable('discovery_not_xml');
  }
  const parsed = clientConfig.safeParse(tree);
  if (!parsed.success) throw new AutoconfigUnusable('discovery_not_client_config');
  const { incomingServer, outgoingServer } = parsed.data.clientConfig.emailProvider;
  const endpoints: Partial<Record<MailService, MailEndpoint>> = {};
  // mailcow lists the implicit-TLS server first; keep the first valid one per service.
  for (const s of [...incomingServer, ...outgoingServer]) {
    const service = SERVICE_FOR_TYPE[s['@_type']];
    if (!service || endpoints[service]) continue;
    const endpoint = mailEndpoint.safeParse({
      host: s.hostname.replaceAll('%EMAILDOMAIN%', domain),
      port: s.port,
      security: SOCKET_TYPES[s.socketType ?? ''],
    });
    if (endpoint.success) endpoints[service] = endpoint.data;
  }
  const mailHost = (endpoints.imap ?? endpoints.pop3 ?? endpoints.smtp)?.host;
  if (!mailHost) throw new AutoconfigUnusable('discovery_no_mail_server');
  return { mailHost, endpoints };
}
