import type { Page } from 'playwright-core';
import { signInAs, web } from './browser';

/**
 * Calls to the services through the web server's proxy, as the demo users a test signed in as: each
 * sign-in keeps that person's access token (oidc-client-ts keeps it in session storage).
 */
export class AsPeople {
  private readonly tokens = new Map<string, string>();
  constructor(private readonly page: Page) {}

  /** Signs in as each person (demo user id and the name on the sign-in page) and keeps their token. */
  async signIn(people: [sub: string, name: RegExp][]): Promise<void> {
    for (const [sub, name] of people) {
      await signInAs(this.page, name);
      const token = await until(`the token of ${sub}`, () =>
        this.page.evaluate(() => {
          const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'));
          return key ? (JSON.parse(sessionStorage.getItem(key)!) as { access_token: string }).access_token : null;
        }),
      );
      this.tokens.set(sub, token);
    }
  }

  /** A call as a demo user signed in above; the answer read as T. */
  async call<T = { id: string }>(service: string, method: string, path: string, who: string, body?: unknown): Promise<T> {
    const token = this.tokens.get(who);
    if (!token) throw new Error(`no token for ${who}`);
    const r = await fetch(`${web()}/api/${service}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${service}${path} as ${who}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

export async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** £ from integer pence, as the pages show it: 610000 -> "£6,100.00". */
export const pounds = (pence: number) => (pence / 100).toLocaleString('en-GB', { style: 'currency', currency: 'GBP' });

/** A day as the pages show it: "24 Nov 2026". */
export const dayText = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });
