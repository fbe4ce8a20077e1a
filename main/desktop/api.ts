/**
 * The desktop app's API (main/contract.ts) on the core's use cases. main/app registers it over
 * IPC; the e2e tests bind the same object to `window.apppass` in Chromium. Platform specifics
 * (browser opener, clipboard, event push) are injected, so nothing here imports electron.
 */
import type {
  AppPassEvents,
  AppPassInvokes,
  CreatePasswordInput,
  DiscoveredServer,
  DoctorOptions,
  DoctorReport,
  KeychainStatus,
  RevokeResult,
  Session,
  SignOutView,
} from '../contract.js';
import { checkConnectivity } from '../core/account/check.js';
import { profileFor, type AccountDeps } from '../core/account/session.js';
import type { DiscoverOptions } from '../core/discovery/discover.js';
import { redactReport } from '../core/diagnostics/redact.js';
import { errorText } from '../cli/render/errors.js';
import { withHints } from '../cli/render/hints.js';
import { reportMarkdown } from '../cli/render/report.js';
import { AppPassError } from '../core/errors.js';
import { createVault, type Vault } from '../core/vault/index.js';
import { helpdeskBans, helpdeskLookup, helpdeskRevoke } from './helpdesk.js';
import { confirmRotation, startRotation } from './rotation.js';
import { createSecretHandles, type ClipboardLike, type SecretHandles } from './secrets.js';
import { SignInHolder } from './sign-in.js';
import { createdView, entryView, messageOf, revokedView, sessionView } from './views.js';

export interface DesktopPlatform {
  /** Folder for the sign-in state, the non-secret index and the rotation journal. */
  dataDir: string;
  /** Opens a URL in the system browser. */
  openExternal(url: string): Promise<void>;
  clipboard: ClipboardLike;
  /** Pushes an event to the renderer. */
  emit<K extends keyof AppPassEvents>(name: K, payload: AppPassEvents[K]): void;
  env?: NodeJS.ProcessEnv;
  /** Discovery overrides (tests point these at local servers). */
  discovery?: Omit<DiscoverOptions, 'env' | 'signal'>;
  /** Default: the OS keychain, service "apppass". */
  vault?: Vault;
  /** Seconds before the clipboard is cleared; default 30. */
  clipboardClearSeconds?: number;
  /** Bound of a whole connectivity check; default 30 s. */
  doctorTimeoutMs?: number;
  signInTimeoutMs?: number;
  /** Extra CA certificates (PEM) for mail servers; the system store is always used. */
  ca?: string[];
}

/** The contract plus what the shell calls at quit; one instance per app window. */
export class DesktopApi implements AppPassInvokes {
  private readonly deps: AccountDeps;
  private readonly secrets: SecretHandles;
  private readonly signIns: SignInHolder;
  private lastReport: DoctorReport | null = null;

  constructor(private readonly platform: DesktopPlatform) {
    const vault = platform.vault ?? createVault();
    this.deps = {
      dataDir: platform.dataDir,
      vault,
      env: platform.env ?? process.env,
      // The browser's sign-in failure page is English (main does not know the UI language).
      failureText: errorText,
      ...(platform.ca ? { ca: platform.ca } : {}),
    };
    this.secrets = createSecretHandles({
      clipboard: platform.clipboard,
      clearAfterSeconds: platform.clipboardClearSeconds,
    });
    this.signIns = new SignInHolder(this.deps, platform.signInTimeoutMs);
  }

  private profile(email: string) {
    return profileFor(email, { ...this.platform.discovery, env: this.deps.env });
  }

  async discover(email: string): Promise<DiscoveredServer> {
    const p = await this.profile(email);
    return { email, issuer: p.issuer, broker: p.broker, protocols: p.protocols, mail: p.mail };
  }

  async signIn(email: string): Promise<Session> {
    const profile = await this.profile(email);
    const openBrowser = this.platform.openExternal;
    return sessionView(await this.signIns.signIn({ email, profile, openBrowser }));
  }

  async cancelSignIn(): Promise<void> {
    this.signIns.cancelSignIn();
  }

  async signOut(): Promise<SignOutView> {
    this.lastReport = null;
    return { revocation: await this.signIns.signOut() };
  }

  async session(): Promise<Session> {
    try {
      return sessionView(await this.signIns.account());
    } catch (error) {
      if (error instanceof AppPassError && error.kind === 'auth') return sessionView(null);
      throw error;
    }
  }

  async listPasswords() {
    const a = await this.signIns.account();
    // A create the app or a command did not finish: stored now, or listed as not on this device.
    await a.settleCreates();
    const list = await a.listPasswords();
    return list.map((p) => entryView(p, p.storedOnDevice));
  }

  async createPassword(input: CreatePasswordInput) {
    const a = await this.signIns.account();
    const created = await a.createPassword(input, { store: true, onStoreFailure: 'show-once' });
    return createdView(a, created, this.secrets);
  }

  async copyToClipboard(ref: string) {
    return this.secrets.copy(ref);
  }

  async forgetSecret(ref: string): Promise<void> {
    this.secrets.forget(ref);
  }

  async revokePasswords(target: readonly number[] | 'all'): Promise<RevokeResult> {
    return revokedView(await (await this.signIns.account()).revoke(target));
  }

  async startRotation(id: number) {
    return startRotation(await this.signIns.account(), id, this.secrets);
  }

  async confirmRotation(id: number) {
    return confirmRotation(await this.signIns.account(), id);
  }

  async runDoctor(options: DoctorOptions): Promise<DoctorReport> {
    const a = await this.signIns.account();
    this.lastReport = await checkConnectivity(
      { dataDir: this.deps.dataDir, vault: () => this.deps.vault },
      {
        mailbox: a.mailbox,
        where: options.host ? { host: options.host } : { mail: a.state.profile.mail },
        ...(options.passwordId === undefined ? {} : { password: { storedId: options.passwordId } }),
        timeoutMs: this.platform.doctorTimeoutMs ?? 30_000,
        ...(this.platform.ca ? { ca: this.platform.ca } : {}),
        onEvent: (event) => this.platform.emit('doctor', event),
      },
    );
    return this.lastReport;
  }

  /** The report to paste into a ticket: Markdown, the local part masked, no password. */
  async copyDoctorReport(): Promise<void> {
    if (!this.lastReport) throw new AppPassError('no_report');
    this.platform.clipboard.writeText(reportMarkdown(withHints(redactReport(this.lastReport))));
  }

  async helpdeskLookup(mailbox: string) {
    return helpdeskLookup(await this.signIns.account(), mailbox);
  }

  async helpdeskRevoke(mailbox: string, target: number | 'all') {
    return helpdeskRevoke(await this.signIns.account(), mailbox, target);
  }

  async helpdeskBans(ip: string | null) {
    return helpdeskBans(await this.signIns.account(), ip);
  }

  async helpdeskUnban(ip: string) {
    return (await this.signIns.account()).broker.helpdesk.unban(ip);
  }

  async keychainStatus(): Promise<KeychainStatus> {
    const probe = await this.deps.vault.probe();
    return probe.available
      ? { available: true, problem: null }
      : { available: false, problem: messageOf(probe.error) };
  }

  /** Cancels a pending sign-in and clears a copied password from the clipboard. */
  shutdown(): void {
    this.signIns.cancelSignIn();
    this.secrets.clearClipboard();
  }
}

export const createDesktopApi = (platform: DesktopPlatform): DesktopApi => new DesktopApi(platform);
