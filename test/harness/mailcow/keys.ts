import { randomBytes, randomInt } from 'node:crypto';
import { BlockList, isIP } from 'node:net';

export interface ApiKey {
  key: string;
  access: 'rw' | 'ro';
  allowFrom: string[];
  skipIpCheck: boolean;
}

/** admin_api(): five groups of 6 uppercase hex digits joined by '-'. */
export function generateApiKey(): string {
  return Array.from({ length: 5 }, () => randomBytes(3).toString('hex').toUpperCase()).join('-');
}

/** sessions.inc.php strips every character outside [a-zA-Z0-9-] before the lookup. */
export function cleanKey(raw: string): string {
  return raw.replace(/[^a-zA-Z0-9-]/g, '');
}

/** allow_from entries: split on space/comma/semicolon/newline; plain IPs match as strings. */
export function splitAllowFrom(list: string[]): string[] {
  return list.flatMap((e) => e.split(/[\s,;]+/)).filter(Boolean);
}

/** ip_acl(): a plain entry must equal the client IP as a string; CIDR compares bits. */
export function ipAllowed(ip: string, allowFrom: string[]): boolean {
  return splitAllowFrom(allowFrom).some((entry) => {
    const [net, bits] = entry.split('/');
    if (bits === undefined) return entry === ip;
    const family = isIP(net ?? '');
    if (!family || isIP(ip) !== family) return false;
    const list = new BlockList();
    list.addSubnet(net as string, Number(bits), family === 6 ? 'ipv6' : 'ipv4');
    return list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  });
}

/** PHP-style session id for the MCSESSID cookie. */
export function sessionId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 26 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
