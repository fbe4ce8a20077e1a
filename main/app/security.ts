import { app, shell, type Session, type WebContents } from 'electron';
import { CSP_HEADER } from '../../protocol/csp.js';
import { externalUrl } from './external-links.js';

/**
 * The app's one way into the system browser (links, the sign-in page): only what externalUrl
 * accepts (http(s), no credentials in it) gets there; anything else is refused.
 */
export async function openInBrowser(raw: string): Promise<void> {
  const url = externalUrl(raw);
  if (url === null) throw new Error('Only http(s) addresses are opened in the browser.');
  // Reviewed (Electronegativity OPEN_EXTERNAL_JS_CHECK): `url` is what externalUrl returned
  // just above, an http(s) address without credentials; nothing else reaches this call.
  await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

function openOutside(raw: string): void {
  openInBrowser(raw).catch(() => undefined); // a refused link is simply not followed
}

/** No navigation, no pop-ups, no webviews, in every web contents the app ever creates. */
function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openOutside(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}

/** Deny every permission request and check (camera, notifications, clipboard-read, ...). */
function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The CSP header on every response of our session (the meta tag in index.html repeats it). */
function enforceCsp(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP_HEADER] },
    });
  });
}

/** Installs the app-wide guards; call before the first window exists. */
export function setupSecurity(session: Session): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  denyPermissions(session);
  enforceCsp(session);
}
