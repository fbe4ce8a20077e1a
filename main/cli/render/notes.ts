import type { MessageParams, NoteCode } from '../../../protocol/messages.js';

type Wording = (p: MessageParams) => string;

/** English for every note code: rotation outcomes and progress, discovery sources. */
export const NOTE_TEXT: Readonly<Record<NoteCode, Wording>> = {
  rotation_new_removed: () =>
    'The new password was removed on the server; the old one stays in use.',
  rotation_both_gone: () =>
    'Both the old and the new password are gone from the server; create a new one with `apppass create`.',
  rotation_undone: () => 'The rotation was undone.',
  rotation_unreadable: () =>
    'The new password could not be read back from the keychain; the old one stays in use.',
  rotation_check_failed: (p) =>
    `The new password failed the ${String(p.service).toUpperCase()} login check (${p.verdict}); the old one stays in use.`,
  progress_creating: () => 'Creating the new app password…',
  progress_checking: () => 'Checking the new password with a real login…',
  progress_revoking: (p) => `Revoking the old app password ${p.id}…`,
  progress_removing_new: () => 'Removing the new password again; the old one stays in place…',
  discovery_document: (p) => `issuer ${p.issuer}, broker ${p.broker}`,
  discovery_invalid_document: (p) => `invalid discovery document (${p.where}: ${p.issue})`,
  discovery_url_refused: (p) => `${p.role} URL refused: ${p.code} (${p.origin})`,
  discovery_not_json: () => 'the answer is not JSON',
  discovery_http_status: (p) => `HTTP ${p.status}`,
  discovery_too_large: (p) => `the answer is too large (over ${p.kib} KiB)`,
  discovery_deadline: () => 'no answer before the discovery deadline',
  discovery_timeout: () => 'no answer in time',
  discovery_cannot_connect: (p) => `cannot connect (${p.code})`,
  discovery_request_failed: (p) => `the request failed (${p.reason})`,
  discovery_no_file: () => 'no such file',
  discovery_file_unreadable: (p) => `cannot read the file (${p.code})`,
  discovery_file_too_large: () => 'the file is too large',
  discovery_not_xml: () => 'the answer is not XML',
  discovery_not_client_config: () => 'the answer is not a valid clientConfig document',
  discovery_no_mail_server: () => 'the answer names no usable mail server',
  discovery_mail_host: (p) => `mail host ${p.host}`,
  discovery_srv_not_offered: () => 'the record says the service is not offered',
  discovery_srv_invalid: () => 'the record names an invalid host or port',
  discovery_srv_endpoint: (p) => `${p.host}:${p.port}`,
  discovery_no_mx: () => 'no usable MX record',
  discovery_mx: (p) => `mail exchanger ${p.host}`,
  discovery_no_record: () => 'no such record',
  discovery_dns_timeout: () => 'the DNS server did not answer in time',
  discovery_dns_failed: (p) => `DNS lookup failed (${p.code})`,
};

/** The English of a note; an unknown code (from a newer core) shows as itself. */
export function noteText(n: { code: string; params: MessageParams }): string {
  return (NOTE_TEXT as Readonly<Record<string, Wording>>)[n.code]?.(n.params) ?? n.code;
}
