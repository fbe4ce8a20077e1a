import type { DesktopPlatform } from '../desktop/api.js';
import { trustedCertificates } from '../core/net/ca.js';

/**
 * What the environment may set for the desktop app: APPPASS_CONFIG, a discovery document (file
 * or URL, as the command's --config) used instead of discovering one, and APPPASS_DEMO=1, the
 * demo bench (`npm run demo`), which the window marks with a banner. NODE_EXTRA_CA_CERTS is
 * trusted for the mail servers too (Electron's main process may not read it for Node's TLS).
 */
export function envOptions(
  env: NodeJS.ProcessEnv,
  version: string,
): Pick<DesktopPlatform, 'discovery' | 'appInfo' | 'ca'> {
  const ca = trustedCertificates(env);
  return {
    ...(ca ? { ca } : {}),
    ...(env.APPPASS_CONFIG ? { discovery: { config: env.APPPASS_CONFIG } } : {}),
    appInfo: { version, demo: env.APPPASS_DEMO === '1' },
  };
}
