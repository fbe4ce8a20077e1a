/**
 * The typed API between the renderer and main: `window.apppass`.
 *
 * The renderer imports only types from this file. Main (main/app) registers one IPC handler per
 * entry of `INVOKE_CHANNELS`, validating arguments with main/contract-schemas.ts; the e2e tests
 * bind the same functions (main/desktop/api.ts) to `window.apppass` in Chromium.
 * Secrets: a new password crosses IPC once (in `CreatedPassword`); later copies go through an
 * opaque `secretRef` that main resolves itself.
 */
import type { MailEndpoint } from '../protocol/discovery.js';
import type { Message, MessageParams, SignInPageCode } from '../protocol/messages.js';
import type { MailService, ProtocolScope } from '../protocol/scopes.js';
import type { CheckResult, DoctorEvent, DoctorReport, StepRecord } from '../protocol/report.js';
import type { Verdict } from '../protocol/verdicts.js';
import type { Revocation } from '../protocol/sign-out.js';

export type { MailEndpoint, MailService, Message, MessageParams, ProtocolScope };

/** Mail clients the create screen offers; each has its own server settings to show. */
export const CLIENT_KINDS = ['thunderbird', 'outlook', 'apple-mail', 'phone', 'other'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** What discovery found for an address (no secrets). */
export interface DiscoveredServer {
  readonly email: string;
  readonly issuer: string;
  /** The organisation's name from the discovery document, when it gives one. */
  readonly organization: string | null;
  readonly broker: string;
  /** Scopes the organisation lets users grant. */
  readonly protocols: readonly ProtocolScope[];
  readonly mail: Partial<Record<MailService, MailEndpoint>>;
}

export type Session =
  | { readonly state: 'signed-out' }
  /** Signed in on an earlier run, but the broker or the IdP did not answer: keep, retry. */
  | {
      readonly state: 'unreachable';
      readonly mailbox: string;
      /** The error code (broker_unreachable, idp_unreachable…). */
      readonly reason: string;
      /** Its particulars (host, HTTP status), for the details the command shows too. */
      readonly params?: MessageParams;
    }
  | {
      readonly state: 'signed-in';
      readonly mailbox: string;
      readonly name: string | null;
      /** Scopes the broker allows this user to grant. */
      readonly protocols: readonly ProtocolScope[];
      readonly mail: Partial<Record<MailService, MailEndpoint>>;
      /** Member of the helpdesk group: the Helpdesk view is shown (false with older brokers). */
      readonly helpdesk: boolean;
    };

/** The newest login mailcow recorded for a password. */
export interface LastUseView {
  /** ISO-8601. */
  readonly at: string;
  /** IMAP, SMTP, POP3, SIEVE, SOGO… */
  readonly service: string;
  /** How long ago, when listed (the renderer words it in its language). */
  readonly ago: {
    readonly unit: 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';
    readonly count: number;
  };
  readonly address: string;
  /** mailcow's "Web/EAS/Internal" label: webmail, ActiveSync or a private network. */
  readonly internal: boolean;
  readonly country?: string;
}

export interface PasswordEntry {
  readonly id: number;
  readonly name: string;
  readonly protocols: readonly ProtocolScope[];
  readonly active: boolean;
  readonly created: string;
  /** The secret of this password is in this device's keychain. */
  readonly storedOnDevice: boolean;
  /** A replacement was made but this one is not revoked yet ("Finish later"): its id. */
  readonly pendingReplacement?: number | null;
  /** null: no login on record (not proof of no use). Absent: the broker does not tell. */
  readonly lastUsed?: LastUseView | null;
  /** Not seen for a long time, or never a week after creation. */
  readonly stale?: boolean;
}

/** A mailbox as the helpdesk sees it. */
export interface HelpdeskMailboxView {
  readonly mailbox: string;
  readonly name: string;
  readonly active: boolean;
  readonly authSource: string | null;
  readonly quotaUsed: number | null;
  readonly quota: number | null;
  readonly passwords: readonly Omit<PasswordEntry, 'storedOnDevice'>[];
}

/** One of mailcow's fail2ban bans. */
export interface BanView {
  readonly network: string;
  readonly until: string;
  readonly queuedForUnban: boolean;
}

export interface CreatePasswordInput {
  readonly name: string;
  readonly client: ClientKind;
  readonly protocols: readonly ProtocolScope[];
}

/** One line of the settings a mail client needs (exact values to type in). */
export interface ServerSetting {
  readonly service: MailService;
  readonly host: string;
  readonly port: number;
  readonly security: MailEndpoint['security'];
  readonly username: string;
}

export interface CreatedPassword {
  readonly entry: PasswordEntry;
  /** The password itself: shown once, never sent again. */
  readonly password: string;
  /** Opaque handle for `copyToClipboard`; valid while the show-once panel is open. */
  readonly secretRef: string;
  readonly settings: readonly ServerSetting[];
  /** Why the password could not be kept in the keychain, or null when it was stored. */
  readonly keychainProblem: Message | null;
}

export interface RotationStarted extends CreatedPassword {
  /** The password being replaced; revoked by `confirmRotation`. */
  readonly replacesId: number;
  /** Protocols whose real login with the new password succeeded. */
  readonly verified: readonly MailService[];
  /** The mail client the password was made for, when this device remembers it. */
  readonly client: ClientKind | null;
}

export interface MobileconfigOptions {
  /** Put the password into the profile (off by default: Apple then asks for it on install). */
  readonly includePassword: boolean;
  /** The words Apple shows while installing it, in the window's language (English if absent). */
  readonly text?: MobileconfigText;
}

export interface MobileconfigText {
  readonly accountDescription: string;
  /** Followed by the address in brackets. */
  readonly accountTitle: string;
  readonly profileDescription: string;
  readonly profileDescriptionWithPassword: string;
}

export interface RevokeResult {
  readonly revoked: readonly number[];
  /** Dovecot's auth cache: a revoked password may keep working this long. */
  readonly mayKeepWorkingMinutes: number;
}

/**
 * A create an earlier run (this app or the `apppass` command) did not finish, as this run
 * settled it (the same reconcile as the command's). Told once when 'stored'; an orphan is told
 * at every start until it is revoked.
 */
export interface InterruptedCreate {
  readonly name: string;
  /**
   * 'stored': it is now kept in this device's keychain; 'orphaned': it is active on the
   * server but its secret was lost, so nothing on this device can use it: offer to revoke `ids`.
   */
  readonly status: 'stored' | 'orphaned';
  readonly ids: readonly number[];
}

export interface KeychainStatus {
  readonly available: boolean;
  /** Why it is not available (the wording says what to install or unlock). */
  readonly problem: Message | null;
}

/** The connectivity check's model is the `doctor --json` report (protocol/report.ts). */
export type { DoctorEvent, DoctorReport, Verdict };
export type DoctorStep = StepRecord;
export type DoctorCheck = CheckResult;

/** The summary the check screen shows, in the person's language. */
export interface DoctorSummaryText {
  readonly headline: string;
  readonly counts: string;
}

/**
 * The page the browser shows after the sign-in, in the person's language: a title and a
 * sentence per outcome, and the "close this tab" line. The app window says why a sign-in failed.
 */
export interface SignInPageText {
  readonly lang: 'en' | 'de';
  readonly pages: Readonly<
    Record<SignInPageCode, { readonly title: string; readonly body: string }>
  >;
  readonly close: string;
}

export interface DoctorOptions {
  /** Check with the stored password of this app-password id (one login, never retried). */
  readonly passwordId?: number;
  /** Check this host instead of the discovered ones. */
  readonly host?: string;
}

/** About this copy of the app. */
export interface AppInfo {
  readonly version: string;
  /** Running against the demo bench (`npm run demo`): the window shows a banner. */
  readonly demo: boolean;
}

/** The request/response half of the API: one IPC channel per entry. */
export interface AppPassInvokes {
  appInfo(): Promise<AppInfo>;
  discover(email: string): Promise<DiscoveredServer>;
  /**
   * Opens the system browser; resolves when the sign-in finished. `page`: the words of the page
   * the browser shows afterwards (English when absent).
   */
  signIn(email: string, page?: SignInPageText): Promise<Session>;
  cancelSignIn(): Promise<void>;
  /** Says what the IdP did with the refresh token. */
  signOut(): Promise<SignOutView>;
  session(): Promise<Session>;
  listPasswords(): Promise<readonly PasswordEntry[]>;
  /** Settles the creates an earlier run left half-done and says what became of them. */
  interruptedCreates(): Promise<readonly InterruptedCreate[]>;
  createPassword(input: CreatePasswordInput): Promise<CreatedPassword>;
  /** Copies the secret behind `secretRef`; the clipboard is cleared later if it still holds it. */
  copyToClipboard(secretRef: string): Promise<{ readonly clearsInSeconds: number }>;
  /** Copies a password kept in this device's keychain, cleared later like any copy. */
  copyStoredPassword(id: number): Promise<{ readonly clearsInSeconds: number }>;
  /**
   * Saves an Apple Mail / iOS configuration profile (.mobileconfig, IMAP + SMTP) for the password
   * behind `secretRef` through a save dialog; `path` is null when the person cancelled.
   */
  saveMobileconfig(
    secretRef: string,
    options: MobileconfigOptions,
  ): Promise<{ readonly path: string | null }>;
  /** Closes a show-once panel: main forgets the secret behind the handle. */
  forgetSecret(secretRef: string): Promise<void>;
  revokePasswords(target: readonly number[] | 'all'): Promise<RevokeResult>;
  startRotation(id: number): Promise<RotationStarted>;
  confirmRotation(id: number): Promise<RevokeResult>;
  runDoctor(options: DoctorOptions): Promise<DoctorReport>;
  /**
   * Copies the last report as redacted Markdown (no password, masked local part); `summary`
   * is the screen's own sentence and counts, so the report says what the person saw.
   */
  copyDoctorReport(summary?: DoctorSummaryText): Promise<void>;
  /** Opens the pending sign-in's page in the system browser again. */
  reopenSignIn(): Promise<void>;
  /** Copies the pending sign-in's link, to open it in another browser. */
  copySignInLink(): Promise<void>;
  keychainStatus(): Promise<KeychainStatus>;
  /** Helpdesk members only (the broker refuses anybody else). */
  helpdeskLookup(mailbox: string): Promise<HelpdeskMailboxView>;
  helpdeskRevoke(mailbox: string, target: number | 'all'): Promise<RevokeResult>;
  helpdeskBans(ip: string | null): Promise<readonly BanView[]>;
  /** Queues the unban of every ban covering `ip`; resolves with the networks queued. */
  helpdeskUnban(ip: string): Promise<readonly string[]>;
}

/** Events main pushes to the renderer. */
export interface AppPassEvents {
  doctor: DoctorEvent;
}

export type Unsubscribe = () => void;

/** `window.apppass`, as the preload exposes it. */
export interface AppPassApi extends AppPassInvokes {
  onDoctorEvent(listener: (event: DoctorEvent) => void): Unsubscribe;
}

/** Sign-out: what the IdP did with the refresh token (protocol/sign-out.ts). */
export interface SignOutView {
  readonly revocation: Revocation;
}

/**
 * The error every rejected call carries: no stack, no secret. The renderer words `code` with
 * `params` in its language (protocol/messages.ts); `message` is English, for an unknown code.
 */
export interface ApiError extends Message {
  readonly message: string;
}

/** Every invoke name once; a Record so the compiler refuses a missing or unknown entry. */
const invokeNames: Record<keyof AppPassInvokes, true> = {
  appInfo: true,
  discover: true,
  signIn: true,
  cancelSignIn: true,
  signOut: true,
  session: true,
  listPasswords: true,
  interruptedCreates: true,
  createPassword: true,
  copyToClipboard: true,
  copyStoredPassword: true,
  reopenSignIn: true,
  copySignInLink: true,
  saveMobileconfig: true,
  forgetSecret: true,
  revokePasswords: true,
  startRotation: true,
  confirmRotation: true,
  runDoctor: true,
  copyDoctorReport: true,
  keychainStatus: true,
  helpdeskLookup: true,
  helpdeskRevoke: true,
  helpdeskBans: true,
  helpdeskUnban: true,
};
export const INVOKE_CHANNELS = Object.keys(invokeNames) as readonly (keyof AppPassInvokes)[];

export const EVENT_CHANNELS = ['doctor'] as const satisfies readonly (keyof AppPassEvents)[];

/** IPC channel names, shared by preload and main. */
export const invokeChannel = (name: keyof AppPassInvokes): string => `apppass:${name}`;
export const eventChannel = (name: keyof AppPassEvents): string => `apppass:event:${name}`;
