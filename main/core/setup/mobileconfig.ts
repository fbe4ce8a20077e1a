/**
 * An Apple configuration profile (.mobileconfig) that sets up Mail on a Mac, iPhone or iPad
 * with IMAP and SMTP, the way mailcow's own UI offers one. Modelled on mailcow-dockerized's
 * data/web/mobileconfig.php (its com.apple.mail.managed payload; the CalDAV/CardDAV payloads
 * are left out, AppPass passwords are for mail). Not signed: Apple shows it as "unverified".
 */
import { randomUUID } from 'node:crypto';
import type { MailEndpoint } from '../../../protocol/discovery.js';
import { plistXml, type PlistDict } from './plist.js';

/** The words Apple shows while installing the profile, in the person's language (the face's). */
export interface MobileconfigText {
  /** What the mail payload does, e.g. "Configures email account." */
  readonly accountDescription: string;
  /** Names the mail payload, followed by the address in brackets: "IMAP account". */
  readonly accountTitle: string;
  readonly profileDescription: string;
  readonly profileDescriptionWithPassword: string;
}

export interface MobileconfigInput {
  readonly text: MobileconfigText;
  readonly email: string;
  /** The name mail shows as the sender; the address when there is none. */
  readonly displayName: string | null;
  /** The organisation's name (PayloadOrganization); its mail domain when it gives none. */
  readonly organization: string | null;
  readonly imap: MailEndpoint;
  readonly smtp: MailEndpoint;
  /** Only when the person asked for it; without it Apple asks for the password on install. */
  readonly password?: string;
  /** Payload UUIDs (tests pass fixed ones). */
  readonly uuid?: () => string;
}

/** `alice@mail.example.org` -> `org.example.mail.alice`, as mailcow builds its identifier. */
export function profileIdentifier(email: string): string {
  const reversed = email.split(/[@.]/).reverse().join('.');
  return `${reversed.replace(/[^A-Za-z0-9.-]/g, '-')}.appleprofile.apppass`;
}

/** The mail account payload (com.apple.mail.managed): the user name is the full address. */
function mailPayload(o: MobileconfigInput, identifier: string, uuid: () => string): PlistDict {
  const server = (side: 'Incoming' | 'Outgoing', endpoint: MailEndpoint): PlistDict => ({
    [`${side}MailServerAuthentication`]: 'EmailAuthPassword',
    [`${side}MailServerHostName`]: endpoint.host,
    [`${side}MailServerPortNumber`]: endpoint.port,
    [`${side}MailServerUseSSL`]: endpoint.security !== 'none',
    [`${side}MailServerUsername`]: o.email,
  });
  return {
    EmailAccountDescription: o.email,
    EmailAccountType: 'EmailTypeIMAP',
    EmailAccountName: o.displayName ?? o.email,
    EmailAddress: o.email,
    ...server('Incoming', o.imap),
    ...(o.password === undefined ? {} : { IncomingPassword: o.password }),
    ...server('Outgoing', o.smtp),
    OutgoingPasswordSameAsIncomingPassword: true,
    PayloadDescription: o.text.accountDescription,
    PayloadDisplayName: `${o.text.accountTitle} (${o.email})`,
    PayloadIdentifier: `${identifier}.email`,
    PayloadOrganization: '',
    PayloadType: 'com.apple.mail.managed',
    PayloadUUID: uuid(),
    PayloadVersion: 1,
    PreventAppSheet: false,
    PreventMove: false,
  };
}

/** The profile as XML plist text. */
export function mobileconfig(o: MobileconfigInput): string {
  const uuid = o.uuid ?? randomUUID;
  const identifier = profileIdentifier(o.email);
  const domain = o.email.slice(o.email.lastIndexOf('@') + 1);
  return plistXml({
    PayloadContent: [mailPayload(o, identifier, uuid)],
    PayloadDescription:
      o.password === undefined ? o.text.profileDescription : o.text.profileDescriptionWithPassword,
    PayloadDisplayName: o.email,
    PayloadIdentifier: identifier,
    PayloadOrganization: o.organization ?? domain,
    PayloadRemovalDisallowed: false,
    PayloadType: 'Configuration',
    PayloadUUID: uuid(),
    PayloadVersion: 1,
  });
}
