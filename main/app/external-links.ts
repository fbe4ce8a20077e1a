/**
 * Only http(s) URLs leave the app, and only to the system browser; everything else
 * (file:, javascript:, custom schemes, unparsable text) is dropped.
 */
export function externalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  return url.href;
}
