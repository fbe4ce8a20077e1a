import type { ApiError, AppPassApi, ProtocolScope } from '../../main/contract.js';

declare global {
  interface Window {
    readonly apppass: AppPassApi;
  }
}

/** The only way to main: the preload's `window.apppass`. */
export const api = (): AppPassApi => window.apppass;

/** Every rejection from `window.apppass` is `{ code, message }`; anything else is our bug. */
export function asApiError(error: unknown): ApiError {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const { code, message, params } = error as Partial<ApiError>;
    return {
      code: typeof code === 'string' ? code : 'internal',
      params: typeof params === 'object' && params !== null ? params : {},
      message: String(message),
    };
  }
  return { code: 'internal', params: {}, message: String(error) };
}

const PROTOCOL_LABELS: Record<ProtocolScope, string> = {
  imap_access: 'IMAP',
  smtp_access: 'SMTP',
  pop3_access: 'POP3',
  sieve_access: 'Sieve',
  dav_access: 'CalDAV/CardDAV',
  eas_access: 'ActiveSync',
};

/** `imap_access` -> `IMAP`. */
export const protocolLabel = (scope: ProtocolScope): string => PROTOCOL_LABELS[scope];
