/**
 * The renderer's Content Security Policy, sent as a response header by main (and by the e2e
 * static server) and written into index.html's meta tag at build time. `frame-ancestors` only
 * works as a header, and Chromium warns when a meta tag carries it, so the meta form leaves it
 * out.
 */
const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['connect-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

const HEADER_ONLY = new Set(['frame-ancestors']);

const join = (directives: readonly (readonly [string, string])[]): string =>
  directives.map(([name, value]) => `${name} ${value}`).join('; ');

/** The full policy, for the `Content-Security-Policy` response header. */
export const CSP_HEADER = join(DIRECTIVES);

/** The policy for `<meta http-equiv="Content-Security-Policy">`. */
export const CSP_META = join(DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name)));
