export { createBrokerClient, newIdempotencyKey } from './client.js';
export type {
  BrokerClient,
  BrokerClientOptions,
  CallOptions,
  CreateOptions,
  HelpdeskCalls,
} from './client.js';
export { BrokerError } from './errors.js';
export type { FetchLike, TokenSourceLike } from './http.js';
export type {
  AppPassword,
  Ban,
  CreateAppPasswordInput,
  CreatedAppPassword,
  HelpdeskMailbox,
  LastUsed,
  Me,
} from './schemas.js';
