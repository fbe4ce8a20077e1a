import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { checkCredentials, type IdpUsers } from './accounts.js';
import { escapeHtml } from './provider.js';

/**
 * Minimal login + consent pages for oidc-provider's interactions (devInteractions are off):
 * GET /interaction/:uid shows the page for the pending prompt, POST .../login checks the
 * password for real, POST .../confirm grants what was asked, POST .../abort denies.
 */
export async function handleInteraction(
  provider: Provider,
  users: IdpUsers,
  req: IncomingMessage,
  res: ServerResponse,
  o: { autoConsent?: boolean; pagesShown?: string[] } = {},
): Promise<void> {
  const match = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/.exec(
    new URL(req.url ?? '/', 'http://x').pathname,
  );
  if (!match) return send(res, 404, page('Not found', '<p>Unknown interaction.</p>'));
  const [, uid = '', action] = match;
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, page('Error', '<p>Interaction mismatch.</p>'));
  // An IdP without a consent page (Keycloak's default client) grants what was asked at once.
  if (req.method === 'GET' && !action && o.autoConsent && details.prompt.name === 'consent')
    return consent(provider, req, res);
  if (req.method === 'GET' && !action) {
    o.pagesShown?.push(details.prompt.name === 'login' ? 'login' : 'consent');
    return send(res, 200, promptPage(details.uid, details.prompt.name));
  }
  if (req.method !== 'POST' || !action)
    return send(res, 405, page('Error', '<p>Method not allowed.</p>'));
  const form = await readForm(req);
  if (action === 'login') return login(provider, users, req, res, form);
  if (action === 'abort') {
    const result = { error: 'access_denied', error_description: 'End-User aborted interaction' };
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }
  return consent(provider, req, res);
}

async function login(
  provider: Provider,
  users: IdpUsers,
  req: IncomingMessage,
  res: ServerResponse,
  form: URLSearchParams,
): Promise<void> {
  const { uid } = await provider.interactionDetails(req, res);
  const user = checkCredentials(users, form.get('login') ?? '', form.get('password') ?? '');
  if (!user) return send(res, 200, loginPage(uid, 'Invalid email or password.'));
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.sub } },
    { mergeWithLastSubmission: false },
  );
}

async function consent(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { prompt, params, session, grantId } = await provider.interactionDetails(req, res);
  const accountId = session?.accountId;
  if (!accountId) return send(res, 400, page('Error', '<p>Not signed in.</p>'));
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId, clientId: String(params.client_id) });
  if (!grant) return send(res, 400, page('Error', '<p>Grant expired.</p>'));
  const missing = prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(' '));
  }
  const savedId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { consent: { grantId: savedId } },
    { mergeWithLastSubmission: true },
  );
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(html);
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function promptPage(uid: string, prompt: string): string {
  return prompt === 'login' ? loginPage(uid) : consentPage(uid);
}

export function loginPage(uid: string, error?: string): string {
  return page(
    'Sign in',
    `${error ? `<p id="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form id="login" method="post" action="/interaction/${uid}/login">
<label>Email <input name="login" type="email" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button id="submit" type="submit">Sign in</button></form>`,
  );
}

function consentPage(uid: string): string {
  return page(
    'Authorize AppPass',
    `<form id="consent" method="post" action="/interaction/${uid}/confirm"><button id="allow" type="submit">Allow</button></form>
<form id="deny" method="post" action="/interaction/${uid}/abort"><button id="cancel" type="submit">Deny</button></form>`,
  );
}
