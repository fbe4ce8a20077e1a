/**
 * Dovecot's auth cache keeps a revoked app password working for up to this long; the UI and
 * the command say so after a revoke.
 */
export const REVOKE_DELAY_MINUTES = 5;
