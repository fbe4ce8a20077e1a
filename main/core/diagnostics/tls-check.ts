import { isIP, type Socket } from 'node:net';
import {
  checkServerIdentity,
  connect as tlsConnect,
  type PeerCertificate,
  type SecureContext,
  type TLSSocket,
} from 'node:tls';
import type { TlsInfo } from '../../../protocol/report.js';
import { CheckFailure, StepTimeout } from './verdicts.js';

const DAY = 86_400_000;

const NAME_ERROR = 'ERR_TLS_CERT_ALTNAME_INVALID';
const EXPIRY_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** Handshake on a connected TCP socket; certificate problems are judged afterwards, not here. */
export function tlsHandshake(
  socket: Socket,
  host: string,
  context: SecureContext,
  timeoutMs: number,
): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const tlsSocket = tlsConnect({
      socket,
      secureContext: context,
      servername: isIP(host) ? undefined : host,
      rejectUnauthorized: false, // collect the facts, then decide (never log in on a bad cert)
      minVersion: 'TLSv1.2',
    });
    const timer = setTimeout(() => {
      tlsSocket.destroy();
      reject(new StepTimeout('tls'));
    }, timeoutMs);
    tlsSocket.once('secureConnect', () => {
      clearTimeout(timer);
      tlsSocket.removeAllListeners('error');
      resolve(tlsSocket);
    });
    tlsSocket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      tlsSocket.destroy();
      reject(handshakeFailure(err));
    });
    // Closed without an error: the peer or a cancelled run ended the connection mid-handshake
    tlsSocket.once('close', () => {
      clearTimeout(timer);
      reject(
        new CheckFailure('tls_handshake_failed', 'the connection closed during the TLS handshake'),
      );
    });
  });
}

function handshakeFailure(err: NodeJS.ErrnoException): CheckFailure {
  const code = err.code ?? 'unknown';
  const plaintext = /WRONG_VERSION_NUMBER|packet length too long|unknown protocol/i.test(
    `${code} ${err.message}`,
  );
  return new CheckFailure(
    'tls_handshake_failed',
    `TLS handshake failed (${code})`,
    plaintext ? { plaintextPort: 'yes' } : {},
  );
}

function name(cert: PeerCertificate, part: 'subject' | 'issuer'): string {
  const n = cert[part] as unknown as Record<string, string | string[]> | undefined;
  const cn = n?.CN ?? n?.O;
  return Array.isArray(cn) ? cn.join(', ') : (cn ?? '');
}

/** Facts about the session and its certificate, and whether they allow a login. */
export function evaluateTls(socket: TLSSocket, host: string, now = Date.now()): TlsInfo {
  const cert = socket.getPeerCertificate();
  const expires = new Date(cert.valid_to);
  const hostnameMatch = cert.raw ? checkServerIdentity(host, cert) === undefined : false;
  return {
    protocol: socket.getProtocol() ?? 'unknown',
    cipher: socket.getCipher()?.standardName ?? socket.getCipher()?.name ?? 'unknown',
    certSubject: name(cert, 'subject'),
    issuer: name(cert, 'issuer'),
    certExpires: Number.isNaN(expires.getTime()) ? '' : expires.toISOString(),
    daysLeft: Math.floor((expires.getTime() - now) / DAY),
    // Node reports a name mismatch as the authorization error: the chain itself was fine
    trusted: socket.authorized || String(socket.authorizationError) === NAME_ERROR,
    hostnameMatch,
  };
}

/** Throws the certificate verdict when the session must not carry a password. */
export function requireGoodCert(socket: TLSSocket, info: TlsInfo, host: string): void {
  const reason = String(socket.authorizationError ?? '');
  const facts = {
    subject: info.certSubject,
    issuer: info.issuer,
    expires: info.certExpires.slice(0, 10),
    host,
  };
  if (EXPIRY_ERRORS.has(reason) || info.daysLeft < 0) {
    throw new CheckFailure(
      'tls_cert_expired',
      `certificate not valid now (${reason || 'dates'})`,
      facts,
    );
  }
  if (!info.trusted) {
    throw new CheckFailure('tls_cert_untrusted', `certificate not trusted (${reason})`, facts);
  }
  if (!info.hostnameMatch) {
    throw new CheckFailure(
      'tls_cert_hostname_mismatch',
      `certificate does not cover ${host}`,
      facts,
    );
  }
}
