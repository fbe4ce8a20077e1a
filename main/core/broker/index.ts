export { createBrokerClient, newIdempotencyKey } from './client.js';
export type { BrokerClient, BrokerClientOptions, CallOptions, CreateOptions } from './client.js';
export type { HelpdeskCalls } from './helpdesk.js';
export { BrokerError } from './errors.js';
export type { FetchLike, TokenSourceLike } from './http.js';
export type {
  AppPassword,
  Ban,
  CreateAppPasswordRequest,
  CreatedAppPassword,
  HelpdeskMailbox,
  LastUsed,
  Me,
} from '../../../protocol/broker-api.js';
