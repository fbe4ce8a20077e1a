import { Resolver } from 'node:dns/promises';
import { z } from 'zod';
import type { Note } from '../../../protocol/messages.js';
import { AppPassError } from '../errors.js';
import { createHttpFetch } from '../net/http.js';
import { assertSecureUrl } from '../net/insecure.js';
import { parseAutoconfig } from './autoconfig.js';
import { lookupMx, lookupSrv, SRV_SERVICES, type MailResolver } from './dns.js';
import {
  defaultSystemFiles,
  fetchDocument,
  fetchReason,
  readBody,
  readDocumentFile,
  urlRefusal,
  type DocumentAnswer,
} from './document.js';
import {
  DISCOVERY_PATH,
  type DiscoveryDocument,
  type MailEndpoint,
} from '../../../protocol/discovery.js';
import type { MailService } from '../../../protocol/scopes.js';

export type DiscoverySourceKind =
  'config' | 'system-file' | 'well-known' | 'autoconfig' | 'srv' | 'mx';

export interface DiscoverySource {
  source: DiscoverySourceKind;
  location: string;
  ok: boolean;
  /** What it said or why it failed, as a note the face words. */
  note: Note;
}

export interface DiscoveryResult {
  email: string;
  /** The document of the highest-precedence source that gave a valid one. */
  profile: DiscoveryDocument | null;
  sources: DiscoverySource[];
  /** Effective mail endpoints: the profile's `mail` first, then autoconfig, SRV, MX to fill gaps. */
  mailHosts: Partial<Record<MailService, MailEndpoint>>;
}

export interface DiscoverOptions {
  /** A discovery document to use instead of discovering one: file path or URL. */
  config?: string;
  systemFiles?: string[];
  env?: NodeJS.ProcessEnv;
  resolver?: MailResolver;
  fetch?: typeof fetch;
  /** Base URL for a host; default `https://<host>`. Tests point it at a local server. */
  baseUrlFor?: (host: string) => string;
  /** Overall bound for every source together, default 5000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const emailSchema = z.string().trim().toLowerCase().pipe(z.email());

type Ctx = Required<Pick<DiscoverOptions, 'fetch' | 'baseUrlFor' | 'resolver'>> & {
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  email: string;
  domain: string;
};
type ConfigCtx = Pick<Ctx, 'env' | 'signal' | 'fetch'>;
interface Found {
  sources: DiscoverySource[];
  doc?: DiscoveryDocument;
  endpoints?: Partial<Record<MailService, MailEndpoint>>;
}

function entry(source: DiscoverySourceKind, location: string, a: DocumentAnswer): Found {
  return { sources: [{ source, location, ok: !!a.doc, note: a.note }], doc: a.doc };
}

/**
 * `--config <file|url>`: that document and nothing else (no network source is asked). A
 * document that cannot be read or is invalid is a configuration error, not a fallback.
 */
async function fromConfig(email: string, config: string, ctx: ConfigCtx): Promise<DiscoveryResult> {
  const answer = /^[a-z]+:\/\//i.test(config)
    ? await fetchConfig(config, ctx)
    : await readDocumentFile(config, ctx.env);
  if (!answer.doc) {
    throw new AppPassError('invalid_config', 'usage', {
      params: { config, note: answer.note.code, ...answer.note.params },
    });
  }
  return {
    email,
    profile: answer.doc,
    sources: [{ source: 'config', location: config, ok: true, note: answer.note }],
    mailHosts: { ...answer.doc.mail },
  };
}

async function fetchConfig(url: string, ctx: ConfigCtx): Promise<DocumentAnswer> {
  try {
    assertSecureUrl(url, 'config', ctx.env);
  } catch (err) {
    return { note: urlRefusal(err) };
  }
  return fetchDocument(url, ctx);
}

async function fromWellKnown(ctx: Ctx): Promise<Found> {
  const url = `${ctx.baseUrlFor(ctx.domain)}${DISCOVERY_PATH}`;
  return entry('well-known', url, await fetchDocument(url, ctx));
}

/** mailcow autoconfig -> mail host -> the broker's document under `/apppass` on that host. */
async function fromAutoconfig(ctx: Ctx): Promise<Found> {
  const url = `${ctx.baseUrlFor(`autoconfig.${ctx.domain}`)}/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(ctx.email)}`;
  let learned;
  try {
    const res = await ctx.fetch(url, {
      headers: { accept: 'application/xml' },
      signal: ctx.signal,
    });
    if (!res.ok) {
      await res.body?.cancel();
      const note: Note = { code: 'discovery_http_status', params: { status: res.status } };
      return { sources: [{ source: 'autoconfig', location: url, ok: false, note }] };
    }
    learned = parseAutoconfig(await readBody(res), ctx.domain);
  } catch (err) {
    return {
      sources: [
        { source: 'autoconfig', location: url, ok: false, note: fetchReason(err, ctx.signal) },
      ],
    };
  }
  const xmlSource: DiscoverySource = {
    source: 'autoconfig',
    location: url,
    ok: true,
    note: { code: 'discovery_mail_host', params: { host: learned.mailHost } },
  };
  const docUrl = `${ctx.baseUrlFor(learned.mailHost)}/apppass${DISCOVERY_PATH}`;
  const doc = entry('autoconfig', docUrl, await fetchDocument(docUrl, ctx));
  return { sources: [xmlSource, ...doc.sources], doc: doc.doc, endpoints: learned.endpoints };
}

async function fromSrv(ctx: Ctx): Promise<Found> {
  const answers = await Promise.all(
    SRV_SERVICES.map((s) => lookupSrv(ctx.resolver, ctx.domain, s)),
  );
  const endpoints: Partial<Record<MailService, MailEndpoint>> = {};
  for (const a of answers) if (a.endpoint) endpoints[a.service] ??= a.endpoint;
  const sources = answers.map((a) => ({
    source: 'srv' as const,
    location: a.label,
    ok: !!a.endpoint,
    note: a.note,
  }));
  return { sources, endpoints };
}

async function fromMx(ctx: Ctx): Promise<Found> {
  const mx = await lookupMx(ctx.resolver, ctx.domain);
  return {
    sources: [{ source: 'mx', location: ctx.domain, ok: mx.ok, note: mx.note }],
    endpoints: mx.endpoints,
  };
}

/** Runs a source but gives up at the overall deadline, reporting where it was stuck. */
async function bounded(
  run: () => Promise<Found>,
  placeholder: DiscoverySource,
  deadline: Promise<void>,
): Promise<Found> {
  const late: Found = {
    sources: [{ ...placeholder, ok: false, note: { code: 'discovery_deadline', params: {} } }],
  };
  return Promise.race([run(), deadline.then(() => late)]);
}

/**
 * email address -> server profile; every source in parallel within one overall bound. With
 * `config`, that document is the answer and no other source is asked.
 */
export async function discover(email: string, o: DiscoverOptions = {}): Promise<DiscoveryResult> {
  const address = emailSchema.safeParse(email);
  if (!address.success) {
    throw new AppPassError('invalid_email', 'usage', { params: { email } });
  }
  const env = o.env ?? process.env;
  const deadlineSignal = AbortSignal.timeout(o.timeoutMs ?? 5000);
  const signal = o.signal ? AbortSignal.any([o.signal, deadlineSignal]) : deadlineSignal;
  const deadline = new Promise<void>((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  const ctx: Ctx = {
    env,
    signal,
    email: address.data,
    domain: address.data.slice(address.data.lastIndexOf('@') + 1),
    fetch: o.fetch ?? createHttpFetch({ env }),
    baseUrlFor: o.baseUrlFor ?? ((host) => `https://${host}`),
    resolver: o.resolver ?? new Resolver({ timeout: 2000, tries: 2 }),
  };
  if (o.config) return fromConfig(address.data, o.config, ctx);
  const at = (source: DiscoverySourceKind, location: string): DiscoverySource => ({
    source,
    location,
    ok: false,
    note: { code: 'discovery_deadline', params: {} },
  });
  const tasks: { run: () => Promise<Found>; at: DiscoverySource }[] = [
    ...(o.systemFiles ?? defaultSystemFiles(process.platform, env)).map((file) => ({
      run: async () => entry('system-file', file, await readDocumentFile(file, env)),
      at: at('system-file', file),
    })),
    { run: () => fromWellKnown(ctx), at: at('well-known', ctx.domain) },
    { run: () => fromAutoconfig(ctx), at: at('autoconfig', `autoconfig.${ctx.domain}`) },
    { run: () => fromSrv(ctx), at: at('srv', ctx.domain) },
    { run: () => fromMx(ctx), at: at('mx', ctx.domain) },
  ];
  const found = await Promise.all(tasks.map((t) => bounded(t.run, t.at, deadline)));
  return assemble(address.data, found);
}

/** Precedence follows the order of `found`: system file > well-known > autoconfig. */
function assemble(email: string, found: Found[]): DiscoveryResult {
  const profile = found.find((f) => f.doc)?.doc ?? null;
  const mailHosts: Partial<Record<MailService, MailEndpoint>> = { ...(profile?.mail ?? {}) };
  for (const f of found) {
    for (const [service, endpoint] of Object.entries(f.endpoints ?? {}) as [
      MailService,
      MailEndpoint,
    ][]) {
      mailHosts[service] ??= endpoint;
    }
  }
  return { email, profile, sources: found.flatMap((f) => f.sources), mailHosts };
}
