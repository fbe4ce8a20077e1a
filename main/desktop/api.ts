/**
 * The desktop app's API (main/contract.ts) on the core's use cases. main/app registers it over
 * IPC; the e2e tests bind the same object to `window.apppass` in Chromium. Platform specifics
 * (browser opener, clipboard, event push) are injected, so nothing here imports electron.
 */
import type {
  AppInfo,
  AppPassEvents,
  AppPassInvokes,
  CreatePasswordInput,
  DiscoveredServer,
  DoctorOptions,
  DoctorReport,
  DoctorSummaryText,
  InterruptedCreate,
  KeychainStatus,
  MobileconfigOptions,
  RevokeResult,
  Session,
  SignInPageText,
  SignOutView,
} from '../contract.js';
import type { Account } from '../core/account/account.js';
import { checkConnectivity } from '../core/account/check.js';
import { profileFor, type AccountDeps } from '../core/account/session.js';
import type { DiscoverOptions } from '../core/discovery/discover.js';
import { redactReport } from '../core/diagnostics/redact.js';
import { readSignInState } from '../core/auth/index.js';
import { SIGN_IN_PAGE_TEXT } from '../cli/render/sign-in-page.js';
import { withHints } from '../cli/render/hints.js';
import { reportMarkdown } from '../cli/render/report.js';
import { AppPassError } from '../core/errors.js';
import { createVault, type Vault } from '../core/vault/index.js';
import { helpdeskBans, helpdeskLookup, helpdeskRevoke } from './helpdesk.js';
import { confirmRotation, startRotation } from './rotation.js';
import { createSecretHandles, type ClipboardLike, type SecretHandles } from './secrets.js';
import { saveMobileconfig, type ChooseSavePath } from './mobileconfig.js';
import { pageWording, SignInHolder } from './sign-in.js';
import { createdView, entryView, messageOf, revokedView, sessionView } from './views.js';

export interface DesktopPlatform {
  /** Folder for the sign-in state, the non-secret index and the rotation journal. */
  dataDir: string;
  /** Opens a URL in the system browser; main/app wires it to the validated openInBrowser. */
  openInBrowser(url: string): Promise<void>;
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
  /** Version and demo flag for the window; default: version "dev", not a demo. */
  appInfo?: AppInfo;
  /** The save dialog: where to write a file, or null when cancelled. */
  chooseSavePath: ChooseSavePath;
}

/** Failures that mean "the server did not answer", not "you are signed out". */
const UNREACHABLE = new Set([
  'broker_unreachable',
  'broker_timeout',
  'broker_unavailable',
  'mailcow_unavailable',
  'idp_unreachable',
]);
const errorCode = (error: unknown): string =>
  error instanceof AppPassError ? error.code : 'internal';

/** The contract plus what the shell calls at quit; one instance per app window. */
export class DesktopApi implements AppPassInvokes {
  private readonly deps: AccountDeps;
  private readonly secrets: SecretHandles;
  private readonly signIns: SignInHolder;
  private lastReport: DoctorReport | null = null;
  /** The authorization URL of the sign-in waiting in the browser (not a secret: PKCE). */
  private signInUrl: string | null = null;
  /** The settling of interrupted creates under way; list and notice share one run. */
  private settling: Promise<void> | null = null;
  /** Interrupted creates now stored, not yet told (a settle reports them only once). */
  private storedUntold: InterruptedCreate[] = [];
  /** Orphans the last settle found (told at every start until revoked). */
  private orphans: InterruptedCreate[] = [];

  constructor(private readonly platform: DesktopPlatform) {
    const vault = platform.vault ?? createVault();
    this.deps = {
      dataDir: platform.dataDir,
      vault,
      env: platform.env ?? process.env,
      // English unless signIn() brings the words in the window's language
      signInPage: SIGN_IN_PAGE_TEXT,
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

  async appInfo(): Promise<AppInfo> {
    return this.platform.appInfo ?? { version: 'dev', demo: false };
  }

  async discover(email: string): Promise<DiscoveredServer> {
    const p = await this.profile(email);
    const { issuer, broker, protocols, mail } = p;
    return { email, issuer, organization: p.organization ?? null, broker, protocols, mail };
  }

  async signIn(email: string, page?: SignInPageText): Promise<Session> {
    const profile = await this.profile(email);
    const openBrowser = async (url: string) => {
      this.signInUrl = url;
      await this.platform.openInBrowser(url);
    };
    try {
      return sessionView(
        await this.signIns.signIn({
          email,
          profile,
          openBrowser,
          ...(page ? { page: pageWording(page) } : {}),
        }),
      );
    } finally {
      this.signInUrl = null;
    }
  }

  private pendingSignInUrl(): string {
    if (!this.signInUrl) {
      throw new AppPassError('no_sign_in');
    }
    return this.signInUrl;
  }

  async reopenSignIn(): Promise<void> {
    await this.platform.openInBrowser(this.pendingSignInUrl());
  }

  async copySignInLink(): Promise<void> {
    this.platform.clipboard.writeText(this.pendingSignInUrl());
  }

  async cancelSignIn(): Promise<void> {
    this.signIns.cancelSignIn();
  }

  async signOut(): Promise<SignOutView> {
    this.lastReport = null;
    this.storedUntold = [];
    this.orphans = [];
    return { revocation: await this.signIns.signOut() };
  }

  async session(): Promise<Session> {
    try {
      return sessionView(await this.signIns.account());
    } catch (error) {
      // Broker or IdP down at start: keep the sign-in and let the person retry.
      const kept = UNREACHABLE.has(errorCode(error))
        ? await readSignInState(this.deps.dataDir)
        : null;
      if (kept) {
        const params = error instanceof AppPassError ? error.params : {};
        return { state: 'unreachable', mailbox: kept.mailbox, reason: errorCode(error), params };
      }
      if (error instanceof AppPassError && error.kind === 'auth') return sessionView(null);
      throw error;
    }
  }

  async listPasswords() {
    const a = await this.signIns.account();
    // A create the app or a command did not finish: stored now, or listed as not on this device.
    await this.settleCreates(a);
    const [list, pending] = await Promise.all([a.listPasswords(), a.rotations().pending()]);
    // A replacement made but not confirmed ("Finish later") marks the old row.
    const replacements = new Map(pending.map((r) => [r.oldId, r.newId ?? null]));
    return list.map((p) => ({
      ...entryView(p, p.storedOnDevice),
      pendingReplacement: replacements.get(p.id) ?? null,
    }));
  }

  /** The core's reconcile of interrupted creates (as the command runs it), once at a time. */
  private settleCreates(a: Account): Promise<void> {
    this.settling ??= a
      .settleCreates()
      .then((settled) => {
        const told = (status: InterruptedCreate['status']) =>
          settled
            .filter((c) => c.status === status)
            .map((c) => ({ name: c.name, status, ids: c.ids }));
        this.storedUntold.push(...told('stored'));
        this.orphans = told('orphaned');
      })
      .finally(() => {
        this.settling = null;
      });
    return this.settling;
  }

  async interruptedCreates(): Promise<readonly InterruptedCreate[]> {
    await this.settleCreates(await this.signIns.account());
    return [...this.storedUntold.splice(0), ...this.orphans];
  }

  /** Copies a password kept in this device's keychain (the list's "Copy" button). */
  async copyStoredPassword(id: number) {
    const a = await this.signIns.account();
    const secret = await this.deps.vault.readAppPassword(a.mailbox, id);
    if (!secret)
      throw new AppPassError('not_stored', 'failed', { params: { id, mailbox: a.mailbox } });
    const ref = this.secrets.hold(secret);
    try {
      return this.secrets.copy(ref);
    } finally {
      this.secrets.forget(ref);
    }
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

  async saveMobileconfig(ref: string, options: MobileconfigOptions) {
    const a = await this.signIns.account();
    // The handle must be live either way: the profile belongs to the password on screen.
    const secret = this.secrets.read(ref);
    const password = options.includePassword ? secret : undefined;
    return saveMobileconfig(a, password, this.platform.chooseSavePath, options.text);
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
      { dataDir: this.deps.dataDir, vault: async () => this.deps.vault },
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
  async copyDoctorReport(summary?: DoctorSummaryText): Promise<void> {
    if (!this.lastReport) throw new AppPassError('no_report');
    this.platform.clipboard.writeText(
      reportMarkdown(withHints(redactReport(this.lastReport)), summary),
    );
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
