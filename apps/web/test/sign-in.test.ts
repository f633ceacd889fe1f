import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, shot, SIGN_IN, signInAs, web } from './browser';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openBrowser());
});

afterAll(async () => {
  await browser?.close();
});

describe('signing in through the council’s OpenID Connect provider', () => {
  it('goes to the provider with PKCE, and comes back signed in to the page that was asked for', async () => {
    const authorize: URL[] = [];
    const tokenBodies: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname === '/auth') authorize.push(u);
      if (u.pathname === '/token') tokenBodies.push(r.postData() ?? '');
    });
    await page.goto(`${web()}/sittings`);
    await page.getByRole('heading', { name: 'Sign in to Placewise' }).waitFor();
    await shot(page, 'sign-in');
    await page.getByRole('button', { name: SIGN_IN }).click();

    // The provider's own page, at its own address.
    await page.getByRole('button', { name: /Nina Ross/ }).waitFor();
    expect(new URL(page.url()).origin).not.toBe(new URL(web()).origin);
    await shot(page, 'sign-in-provider');
    await page.getByRole('button', { name: /Nina Ross/ }).click();

    await page.getByRole('heading', { name: 'Panel sittings' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sittings');
    await expect(page.getByText('Nina Ross (panel administrator)').isVisible()).resolves.toBe(true);

    expect(authorize).toHaveLength(1);
    expect(authorize[0]!.searchParams.get('response_type')).toBe('code');
    expect(authorize[0]!.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize[0]!.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    const exchange = new URLSearchParams(tokenBodies[0]);
    expect(exchange.get('grant_type')).toBe('authorization_code');
    expect(exchange.get('code_verifier')).toMatch(/^[\w-]{43,128}$/);
    page.removeAllListeners('request');
  });

  it('signs out at the provider too: the next sign-in asks who is signing in', async () => {
    await signInAs(page, /Grace Lee/);
    // The provider slow to answer: until the browser has been there, no sign-in is offered (one started
    // then would find Grace's session at the provider still open and bring her straight back).
    let answer!: () => void;
    const held = new Promise<void>((r) => (answer = r));
    await page.route(
      '**/session/end**',
      async (route) => {
        await held;
        await route.continue();
      },
      { times: 1 },
    );
    // Read in the page itself: Playwright's own clicks and locators wait for the navigation held above.
    const meanwhile = await page.getByRole('button', { name: 'Sign out' }).evaluate(async (b: HTMLElement) => {
      b.click();
      await new Promise((r) => setTimeout(r, 500));
      return {
        said: document.querySelector('[role=status]')?.textContent ?? '',
        buttons: [...document.querySelectorAll('button')].map((x) => x.textContent),
      };
    });
    answer();
    expect(meanwhile.said).toMatch(/Signing you out/);
    expect(meanwhile.buttons).not.toContain(SIGN_IN);
    await page.getByRole('button', { name: SIGN_IN }).click();
    // Not signed straight back in as Grace: the provider asks again.
    await page.getByRole('button', { name: /Omar Siddiqui/ }).click();
    await page.getByText('Omar Siddiqui (panel member, finance)').waitFor();
    await expect(page.getByText('Grace Lee (panel member, social care)').count()).resolves.toBe(0);
  });

  it('says so when sign-in is cancelled at the provider', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: SIGN_IN }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Sign-in did not complete.*cancelled/);
    await expect(page.getByRole('button', { name: SIGN_IN }).isVisible()).resolves.toBe(true);
  });

  /** Spoils the stored tokens, as if the provider had revoked them. */
  const spoil = (which: ('access_token' | 'refresh_token')[]) =>
    page.evaluate((keys) => {
      const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'))!;
      const user = JSON.parse(sessionStorage.getItem(key)!) as Record<string, string>;
      for (const k of keys) user[k] = `${user[k]!.slice(0, -4)}AAAA`;
      sessionStorage.setItem(key, JSON.stringify(user));
    }, which);

  it('when a service refuses the access token, renews it and sends the call again, without leaving the page', async () => {
    await signInAs(page, /Farid Khan/);
    await page.getByRole('link', { name: 'My queue' }).click();
    await page.waitForURL(/\/queue$/);
    await spoil(['access_token']);
    const statuses: number[] = [];
    const refused = new Set<string>();
    const answered = new Set<string>();
    const grants: string[] = [];
    page.on('response', (r) => {
      const u = new URL(r.url());
      if (!u.pathname.startsWith('/api/')) return;
      statuses.push(r.status());
      (r.status() === 401 ? refused : answered).add(`${u.pathname}${u.search}`);
    });
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/token') grants.push(new URLSearchParams(r.postData() ?? '').get('grant_type') ?? '');
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Cases waiting for your decision' }).waitFor();
    await page.waitForLoadState('networkidle');
    page.removeAllListeners('response');
    page.removeAllListeners('request');
    // The page's calls were refused together, and shared one renewal (a second use of the rotated
    // refresh token would revoke the grant), then each was sent again and answered.
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(1);
    expect(grants).toEqual(['refresh_token']);
    expect(statuses.every((s) => s === 401 || s === 200)).toBe(true);
    expect([...refused].filter((call) => !answered.has(call))).toEqual([]);
    await expect(page.getByRole('button', { name: SIGN_IN }).count()).resolves.toBe(0);
  });

  it('when the token cannot be renewed either, asks to sign in again and comes back to the same page', async () => {
    await spoil(['access_token', 'refresh_token']);
    await page.reload();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Your session has ended');
    await page.getByRole('button', { name: SIGN_IN }).click();
    // Still signed in at the provider: straight back, to the queue.
    await page.waitForURL(/\/queue$/);
    await page.getByRole('heading', { name: 'Cases waiting for your decision' }).waitFor();
    await expect(page.getByText('Farid Khan (director)').isVisible()).resolves.toBe(true);
  });

  it('when the provider cannot be reached to sign out there, signs out here and says the provider’s session may still be open', async () => {
    await signInAs(page, /Grace Lee/);
    // A fresh page has not read the provider's metadata yet: signing out needs it, and it cannot be had.
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.route('**/.well-known/openid-configuration', (route) => route.abort());
    await page.getByRole('button', { name: 'Sign out' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/signed out of Placewise, but .* could not be reached .* Close the browser/);
    await expect(page.getByText('Grace Lee (panel member, social care)').count()).resolves.toBe(0);
    // What the words warn of: the provider still holds Grace's session, and a sign-in brings her straight back.
    await page.unroute('**/.well-known/openid-configuration');
    await page.getByRole('button', { name: SIGN_IN }).click();
    await page.getByText('Grace Lee (panel member, social care)').waitFor();
    // Signed out properly at the end, for whatever runs next.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: SIGN_IN }).waitFor();
  });
});
