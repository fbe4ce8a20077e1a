import type { MessageParams } from '../core/errors.js';

type Wording = (p: MessageParams) => string;

/**
 * The command's own English for the core's codes where the command says more (which flag or
 * command to use) than the core's generic sentence.
 */
const CLI_WORDING: Readonly<Record<string, Wording>> = {
  not_signed_in: () => 'You are not signed in; run `apppass login <email>` first.',
  no_profile: (p) =>
    `No AppPass configuration found for ${p.email} (${p.tried}); ask your mail admin for a --config file.`,
  not_stored: (p) =>
    `No app password ${p.id} for ${p.mailbox} is stored on this device; see \`apppass list\`.`,
  no_mail_server: (p) => `No mail server found for ${p.mailbox}; give one with --host <name>.`,
};

/** The text `apppass` prints for a core error: its own wording, else the core's message. */
export function cliMessage(e: { code: string; message: string; params: MessageParams }): string {
  return CLI_WORDING[e.code]?.(e.params) ?? e.message;
}
