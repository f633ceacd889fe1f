import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

const require = createRequire(import.meta.url);

/** Screenshots of each main page, for people to look at: tests/artifacts/web/. */
export const SHOTS = fileURLToPath(new URL('../../../tests/artifacts/web/', import.meta.url));

/** The web app's address, served by the global setup. */
export const web = () => inject('webUrl');

/** Debian's Chromium, headless (a test tool's own browser download cannot work here). */
export async function openBrowser(): Promise<{ browser: Browser; page: Page }> {
  mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  return { browser, page };
}

export const SIGN_IN = 'Sign in with your council account';

/**
 * Signs out whoever is signed in (at the identity provider too), then signs in through the development
 * OpenID Connect provider as the demo user whose name matches, and waits to be back in Placewise.
 */
export async function signInAs(page: Page, name: RegExp): Promise<void> {
  await page.goto(web());
  const signIn = page.getByRole('button', { name: SIGN_IN });
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await signIn.or(signOut).first().waitFor();
  if (await signOut.isVisible()) await signOut.click();
  await signIn.click();
  await page.getByRole('button', { name }).click();
  await page.getByRole('link', { name: 'Placewise' }).waitFor();
}

/** Saves a full-page screenshot as tests/artifacts/web/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Checks the page against WCAG 2.2 A and AA with axe-core (Deque's engine, as public-sector
 * accessibility audits use): the violations found, each with the elements at fault.
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // Through the debugging protocol, not a <script> tag: the app's content security policy (as the
  // nginx image sends it) refuses inline scripts, and it stays on while the pages are checked.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe.run(
      document,
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      },
    );
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}
