import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { PROTOCOL_SCOPES, type ProtocolScope } from '../protocol/scopes.js';

/** The broker's parsed configuration (docs/architecture.md, "Contracts"; docs/admin.md §6). */
export interface BrokerConfig {
  listen: { host: string; port: number };
  publicUrl: string;
  mailcowUrl: string;
  mailcowApiKey: string;
  issuer: string;
  clientId: string;
  audience: string | null;
  allowedDomains: string[] | null;
  protocols: ProtocolScope[];
  maxPerMailbox: number;
  mailHost: string;
  auditLog: string | null;
  trustUnverifiedEmail: boolean;
  insecureHttp: boolean;
  /** Addresses or CIDR ranges whose X-Forwarded-For is believed (extra variable). */
  trustedProxies: string[];
  mailcowTimeoutMs: number;
  writesPerMinute: number;
  mailboxCacheSeconds: number;
  jwksCooldownSeconds: number;
  /** IANA zone mailcow's database writes its DATETIME values in (mailcow.conf `TZ`). */
  mailcowTimezone: string;
  /** A password not seen for this many days is stale (and the last-login window). */
  staleDays: number;
  /** How long one mailbox's get/last-login answer is reused. */
  lastLoginCacheSeconds: number;
  /** Members of this IdP group may use /v1/helpdesk (null: nobody). */
  helpdeskGroup: string | null;
  /** The token claim holding the groups (default `groups`). */
  helpdeskClaim: string;
  /** Mail domains helpdesk members may act on (null: every domain the broker serves). */
  helpdeskDomains: string[] | null;
  /** What the app's authorization request must carry, published in the discovery document. */
  signIn: { audience: string | null; resource: string | null; promptConsent: boolean };
}

/** Refused configuration: `message` is the one line printed before exiting with code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Source = Record<string, string | undefined>;

/** APPPASS_PUBLIC_URL -> publicUrl (the key used in a `--config` JSON file). */
export function fileKey(variable: string): string {
  return variable
    .replace(/^APPPASS_/, '')
    .toLowerCase()
    .replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** Reads the `--config file.json` given in argv (if any) as variable -> string. */
function readConfigFile(argv: readonly string[]): Source {
  const i = argv.indexOf('--config');
  const inline = argv.find((a) => a.startsWith('--config='));
  const path = inline ? inline.slice('--config='.length) : i >= 0 ? argv[i + 1] : undefined;
  if (i >= 0 && !path) throw new ConfigError('--config needs a file name: --config broker.json');
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(`--config ${path}: cannot read it (${code})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    // V8 quotes the text around the fault, which may be the API key: keep only the position.
    const where = /position \d+(?: \(line \d+ column \d+\))?/.exec((e as Error).message)?.[0];
    throw new ConfigError(`--config ${path}: not valid JSON${where ? ` (at ${where})` : ''}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`--config ${path}: expected a JSON object with lower-camel-case keys`);
  }
  const out: Source = {};
  for (const [key, value] of Object.entries(parsed)) {
    out[key] = Array.isArray(value) ? value.join(',') : value == null ? undefined : String(value);
  }
  return out;
}

class Reader {
  constructor(
    private readonly env: Source,
    private readonly file: Source,
  ) {}

  raw(name: string): string | undefined {
    const v = this.env[name] ?? this.file[fileKey(name)];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  }

  required(name: string, what: string): string {
    const v = this.raw(name);
    if (v === undefined) throw new ConfigError(`${name} is missing: set it to ${what}`);
    return v;
  }

  flag(name: string): boolean {
    const v = this.raw(name);
    if (v === undefined || v === '0' || v === 'false') return false;
    if (v === '1' || v === 'true') return true;
    throw new ConfigError(`${name} must be 1 or 0, not "${v}"`);
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${v}"`);
    }
    return n;
  }

  list(name: string): string[] | null {
    const v = this.raw(name);
    if (v === undefined) return null;
    const items = v
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    return items.length ? items : null;
  }

  url(name: string, what: string, insecureHttp: boolean): string {
    const v = this.required(name, what);
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      throw new ConfigError(`${name} is not a URL: "${v}"`);
    }
    // Checked first: the protocol refusal below repeats the value.
    if (u.username || u.password || u.search || u.hash) {
      throw new ConfigError(`${name} must not carry credentials, a query or a fragment`);
    }
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && insecureHttp)) {
      throw new ConfigError(
        `${name} must be an https:// URL (http:// only with APPPASS_INSECURE_HTTP=1), not "${v}"`,
      );
    }
    return v;
  }
}

function parseListen(value: string | undefined): { host: string; port: number } {
  if (value === undefined) return { host: '127.0.0.1', port: 8787 };
  const m = /^\[?([^\]]*?)\]?:(\d{1,5})$/.exec(value);
  const port = m ? Number(m[2]) : NaN;
  if (!m || !m[1] || port > 65535) {
    throw new ConfigError(`APPPASS_LISTEN must be host:port (e.g. 127.0.0.1:8787), not "${value}"`);
  }
  return { host: m[1], port };
}

function readApiKey(r: Reader): string {
  const direct = r.raw('APPPASS_MAILCOW_API_KEY');
  const file = r.raw('APPPASS_MAILCOW_API_KEY_FILE');
  let key: string;
  let name: string;
  if (direct !== undefined) {
    [key, name] = [direct, 'APPPASS_MAILCOW_API_KEY'];
  } else if (file !== undefined) {
    try {
      key = readFileSync(file, 'utf8').trim();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      throw new ConfigError(`APPPASS_MAILCOW_API_KEY_FILE: cannot read ${file} (${code})`);
    }
    name = 'APPPASS_MAILCOW_API_KEY_FILE';
  } else {
    throw new ConfigError(
      'APPPASS_MAILCOW_API_KEY (or APPPASS_MAILCOW_API_KEY_FILE) is missing: set it to the read-write mailcow API key',
    );
  }
  // mailcow silently strips anything else, so such a key can never be the one it stored.
  if (!/^[A-Za-z0-9-]{8,}$/.test(key)) {
    throw new ConfigError(
      `${name}: the key must be at least 8 characters of A-Z, a-z, 0-9 and "-"`,
    );
  }
  return key;
}

function parseProtocols(r: Reader): ProtocolScope[] {
  const list = r.list('APPPASS_PROTOCOLS') ?? ['imap_access', 'smtp_access'];
  for (const p of list) {
    if (!(PROTOCOL_SCOPES as readonly string[]).includes(p)) {
      throw new ConfigError(
        `APPPASS_PROTOCOLS: unknown scope "${p}" (use ${PROTOCOL_SCOPES.join(', ')})`,
      );
    }
  }
  return [...new Set(list)] as ProtocolScope[];
}

function parseTrustedProxies(r: Reader): string[] {
  const list = r.list('APPPASS_TRUSTED_PROXIES') ?? [];
  for (const entry of list) {
    const [addr, bits, extra] = entry.split('/');
    const family = isIP(addr ?? '');
    const okBits =
      bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!family || !okBits || extra !== undefined) {
      throw new ConfigError(
        `APPPASS_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`,
      );
    }
  }
  return list;
}

function parseTimezone(r: Reader): string {
  const tz = r.raw('APPPASS_MAILCOW_TIMEZONE') ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new ConfigError(
      `APPPASS_MAILCOW_TIMEZONE: "${tz}" is not an IANA time zone (e.g. Europe/Berlin)`,
    );
  }
  return tz;
}

/**
 * Builds the configuration from environment variables and an optional `--config file.json`
 * (same keys in lower camel case; the environment wins). Throws ConfigError naming the variable.
 */
export function loadConfig(env: Source, argv: readonly string[] = []): BrokerConfig {
  const r = new Reader(env, readConfigFile(argv));
  const insecureHttp = r.flag('APPPASS_INSECURE_HTTP');
  const mailcowUrl = r.url(
    'APPPASS_MAILCOW_URL',
    'the base URL of mailcow, e.g. https://mail.example.com',
    insecureHttp,
  );
  const domains = r.list('APPPASS_ALLOWED_DOMAINS');
  const helpdeskDomains = r.list('APPPASS_HELPDESK_DOMAINS');
  return {
    listen: parseListen(r.raw('APPPASS_LISTEN')),
    publicUrl: r
      .url(
        'APPPASS_PUBLIC_URL',
        "the broker's external URL, e.g. https://mail.example.com/apppass",
        insecureHttp,
      )
      .replace(/\/+$/, ''),
    mailcowUrl: mailcowUrl.replace(/\/+$/, ''),
    mailcowApiKey: readApiKey(r),
    issuer: r.url('APPPASS_ISSUER', 'the OIDC issuer URL your tokens come from', insecureHttp),
    clientId: r.required('APPPASS_CLIENT_ID', "the desktop app's OIDC client id"),
    audience: r.raw('APPPASS_AUDIENCE') ?? null,
    allowedDomains: domains ? domains.map((d) => d.toLowerCase()) : null,
    protocols: parseProtocols(r),
    maxPerMailbox: r.int('APPPASS_MAX_PER_MAILBOX', 20, 1, 1000),
    mailHost: r.raw('APPPASS_MAIL_HOST') ?? new URL(mailcowUrl).hostname,
    auditLog: r.raw('APPPASS_AUDIT_LOG') ?? null,
    trustUnverifiedEmail: r.flag('APPPASS_TRUST_UNVERIFIED_EMAIL'),
    insecureHttp,
    trustedProxies: parseTrustedProxies(r),
    mailcowTimeoutMs: r.int('APPPASS_MAILCOW_TIMEOUT_MS', 10_000, 100, 120_000),
    writesPerMinute: r.int('APPPASS_WRITES_PER_MINUTE', 10, 1, 10_000),
    mailboxCacheSeconds: r.int('APPPASS_MAILBOX_CACHE_SECONDS', 10, 0, 300),
    jwksCooldownSeconds: r.int('APPPASS_JWKS_COOLDOWN_SECONDS', 30, 0, 3600),
    mailcowTimezone: parseTimezone(r),
    staleDays: r.int('APPPASS_STALE_DAYS', 90, 8, 3650),
    lastLoginCacheSeconds: r.int('APPPASS_LAST_LOGIN_CACHE_SECONDS', 15, 0, 300),
    helpdeskGroup: r.raw('APPPASS_HELPDESK_GROUP') ?? null,
    helpdeskClaim: r.raw('APPPASS_HELPDESK_CLAIM') ?? 'groups',
    helpdeskDomains: helpdeskDomains ? helpdeskDomains.map((d) => d.toLowerCase()) : null,
    signIn: {
      audience: r.raw('APPPASS_SIGNIN_AUDIENCE') ?? null,
      resource: r.raw('APPPASS_SIGNIN_RESOURCE') ?? null,
      promptConsent: r.flag('APPPASS_SIGNIN_PROMPT_CONSENT'),
    },
  };
}
