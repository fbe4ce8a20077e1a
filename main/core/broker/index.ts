export { createBrokerClient, newIdempotencyKey } from './client.js';
export type { BrokerClient, BrokerClientOptions, CallOptions, CreateOptions } from './client.js';
export { BrokerError } from './errors.js';
export type { FetchLike, TokenSourceLike } from './http.js';
export type { AppPassword, CreateAppPasswordInput, CreatedAppPassword, Me } from './schemas.js';
