import type { CommandEntry } from '../command.js';

/**
 * Every `apppass` command, in the order `--help` lists them. A command's module (and the
 * libraries it pulls in: openid-client, imapflow, the keychain...) is imported only when that
 * command runs or shows its own help, so `apppass --help` starts fast.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'discover',
    usage: 'apppass discover <email> [--config <file|url>] [--json]',
    summary: 'Show the server profile for an email address and where each part came from.',
    load: async () => (await import('./discover.js')).discoverCommand,
  },
  {
    name: 'login',
    usage: 'apppass login <email> [--no-browser] [--config <file|url>] [--json]',
    summary: "Sign in at your organisation's identity provider.",
    load: async () => (await import('./login.js')).loginCommand,
  },
  {
    name: 'logout',
    usage: 'apppass logout [--json]',
    summary: 'Forget the sign-in on this device and revoke its refresh token where the IdP allows.',
    load: async () => (await import('./logout.js')).logoutCommand,
  },
  {
    name: 'list',
    usage: 'apppass list [--json]',
    summary:
      "Your mailbox's app passwords with their last use; * marks those stored on this device, ! stale ones.",
    load: async () => (await import('./list.js')).listCommand,
  },
  {
    name: 'create',
    usage:
      'apppass create --name <name> --protocols imap,smtp [--no-store] [--show] [--mobileconfig <file> [--mobileconfig-password]] [--json]',
    summary:
      'Create an app password and store it in the keychain (printed only with --show); --mobileconfig also writes an Apple Mail / iOS profile.',
    load: async () => (await import('./create.js')).createCommand,
  },
  {
    name: 'rotate',
    usage: 'apppass rotate <id> [--yes] [--json]',
    summary:
      'Replace an app password: create, store, verify by a real login, then revoke the old one.',
    load: async () => (await import('./rotate.js')).rotateCommand,
  },
  {
    name: 'revoke',
    usage: 'apppass revoke <id>... | --all | --stale [--yes] [--json]',
    summary:
      'Revoke app passwords and remove them from the keychain; --stale lists the stale ones and asks first.',
    load: async () => (await import('./revoke.js')).revokeCommand,
  },
  {
    name: 'helpdesk',
    usage:
      'apppass helpdesk lookup <email> | revoke <email> <id>|--all | bans [--ip A] | unban <ip> [--json]',
    summary:
      "Helpdesk group only: a mailbox's state and passwords with last use, revoke them, mailcow's bans, lift one.",
    load: async () => (await import('./helpdesk.js')).helpdeskCommand,
  },
  {
    name: 'doctor',
    usage:
      'apppass doctor <email> [--host H] [--password-stdin | --from-keychain <id>] [--timeout ms] [--redact] [--markdown] [--json]',
    summary: 'Check DNS, ports, TLS, greetings and logins of the mail server, all at once.',
    load: async () => (await import('./doctor.js')).doctorCommand,
  },
];
