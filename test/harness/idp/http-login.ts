import type { IdpUser } from './accounts.js';

/** Cookie jar keyed by name; oidc-provider's cookie names are distinct, so paths can be ignored. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

interface Step {
  url: string;
  form?: URLSearchParams;
}

/**
 * Drives the real authorization endpoint and interaction forms with plain HTTP, like a browser
 * with a person typing: follows redirects within the IdP, submits login and consent forms, and
 * stops at the first redirect that leaves the IdP (the loopback callback), without requesting it.
 */
export async function completeLoginHttp(
  authorizationUrl: string,
  user: IdpUser,
  o: { deny?: boolean } = {},
): Promise<string> {
  const origin = new URL(authorizationUrl).origin;
  const jar = new CookieJar();
  let step: Step = { url: authorizationUrl };
  for (let hops = 0; hops < 20; hops++) {
    const res = await fetch(step.url, {
      method: step.form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(step.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: step.form?.toString(),
    });
    jar.store(res);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, step.url);
      if (next.origin !== origin) return next.toString();
      step = { url: next.toString() };
      continue;
    }
    step = nextFormStep(step.url, res.status, await res.text(), user, o.deny === true);
  }
  throw new Error('IdP login did not finish within 20 requests');
}

function nextFormStep(
  url: string,
  status: number,
  html: string,
  user: IdpUser,
  deny: boolean,
): Step {
  if (html.includes('id="error"')) throw new Error('IdP login failed: invalid email or password');
  const action = (id: string) => {
    const m = new RegExp(`<form id="${id}" method="post" action="([^"]+)"`).exec(html);
    return m?.[1] ? new URL(m[1], url).toString() : undefined;
  };
  const login = action('login');
  if (login)
    return {
      url: login,
      form: new URLSearchParams({ login: user.email, password: user.password }),
    };
  const consent = action(deny ? 'deny' : 'consent');
  if (consent) return { url: consent, form: new URLSearchParams() };
  const title = /<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? `HTTP ${status}`;
  throw new Error(`IdP answered an unexpected page at ${new URL(url).pathname}: ${title}`);
}
