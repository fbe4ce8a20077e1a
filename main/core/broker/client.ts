import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { assertSecureUrl } from '../net/insecure.js';
import { createHttpFetch } from '../net/http.js';
import { BrokerError, invalidAnswer } from './errors.js';
import {
  send,
  type BrokerRequest,
  type FetchLike,
  type HttpOptions,
  type TokenSourceLike,
} from './http.js';
import {
  appPasswordListSchema,
  appPasswordPath,
  BROKER_PATHS,
  createdAppPasswordSchema,
  healthSchema,
  IDEMPOTENCY_HEADER,
  meSchema,
  type AppPassword,
  type CreateAppPasswordRequest,
  type CreatedAppPassword,
  type Me,
} from '../../../protocol/broker-api.js';
import { createHelpdeskCalls, type HelpdeskCalls } from './helpdesk.js';

export interface BrokerClientOptions {
  /** The broker base URL from the discovery document (`broker`). */
  baseUrl: string;
  /** Where access tokens come from (auth's createTokenSource). */
  tokens: TokenSourceLike;
  /** Default: the shared core fetch (proxy, extra CA) for `env`. */
  fetch?: FetchLike;
  /** Read for APPPASS_INSECURE_HTTP, proxies and the extra CA; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Per attempt; default 15 s. */
  timeoutMs?: number;
  /** Extra attempts for reads; default 2. */
  readRetries?: number;
  backoffMs?: (attempt: number) => number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface CreateOptions extends CallOptions {
  /** Reuse to make a repeated create return the first result (rotation journals it). */
  idempotencyKey?: string;
}

export interface BrokerClient {
  readonly baseUrl: string;
  health(o?: CallOptions): Promise<{ status: string }>;
  me(o?: CallOptions): Promise<Me>;
  listAppPasswords(o?: CallOptions): Promise<AppPassword[]>;
  createAppPassword(
    input: CreateAppPasswordRequest,
    o?: CreateOptions,
  ): Promise<CreatedAppPassword>;
  /** True when deleted; with `missingOk`, false instead of an error when the id is not (or no longer) there. */
  deleteAppPassword(id: number, o?: CallOptions & { missingOk?: boolean }): Promise<boolean>;
  /** The helpdesk's calls (403 `not_helpdesk` for anybody else). */
  helpdesk: HelpdeskCalls;
}

/** A fresh key for one logical create. */
export function newIdempotencyKey(): string {
  return randomUUID();
}

export function createBrokerClient(options: BrokerClientOptions): BrokerClient {
  assertSecureUrl(options.baseUrl, 'broker', options.env);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const http: HttpOptions = {
    baseUrl: options.baseUrl,
    tokens: options.tokens,
    fetch: options.fetch ?? createHttpFetch({ env: options.env, timeoutMs }),
    timeoutMs,
    readRetries: options.readRetries ?? 2,
    backoffMs: options.backoffMs ?? ((n) => 250 * 3 ** (n - 1)),
  };
  const call = async <T>(req: BrokerRequest, schema: z.ZodType<T>, what: string): Promise<T> => {
    const res = await send(http, req);
    let body: unknown;
    try {
      body = await res.json();
    } catch (error) {
      throw invalidAnswer(what, res.status, error);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw invalidAnswer(what, res.status, parsed.error);
    return parsed.data;
  };
  const helpdesk = createHelpdeskCalls(call, async (req) => {
    const res = await send(http, req);
    await res.body?.cancel();
  });
  return {
    baseUrl: options.baseUrl,
    helpdesk,
    health: (o = {}) =>
      call(
        { method: 'GET', path: BROKER_PATHS.health, auth: false, signal: o.signal },
        healthSchema,
        'health',
      ),
    me: (o = {}) =>
      call({ method: 'GET', path: BROKER_PATHS.me, auth: true, signal: o.signal }, meSchema, 'me'),
    listAppPasswords: (o = {}) =>
      call(
        { method: 'GET', path: BROKER_PATHS.appPasswords, auth: true, signal: o.signal },
        appPasswordListSchema,
        'list',
      ),
    createAppPassword: (input, o = {}) =>
      call(
        {
          method: 'POST',
          path: BROKER_PATHS.appPasswords,
          auth: true,
          body: { name: input.name, protocols: input.protocols },
          headers: { [IDEMPOTENCY_HEADER]: o.idempotencyKey ?? newIdempotencyKey() },
          replayable: true,
          signal: o.signal,
        },
        createdAppPasswordSchema,
        'create',
      ),
    deleteAppPassword: async (id, o = {}) => {
      try {
        const res = await send(http, {
          method: 'DELETE',
          path: appPasswordPath(id),
          auth: true,
          signal: o.signal,
        });
        await res.body?.cancel();
        return true;
      } catch (error) {
        if (o.missingOk && error instanceof BrokerError && error.status === 404) return false;
        throw error;
      }
    },
  };
}
