import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/** Screenshots of each main page, for people to look at: tests/artifacts/web/. */
const SHOTS = fileURLToPath(new URL('../../../tests/artifacts/web/', import.meta.url));
let browser: Browser;
let page: Page;
const web = () => inject('webUrl');

async function signInAs(name: RegExp) {
  await page.goto(web());
  const signOut = page.getByRole('button', { name: 'Sign out' });
  if (await signOut.isVisible().catch(() => false)) await signOut.click();
  await page.getByRole('button', { name }).click();
  await page.getByRole('link', { name: 'Placewise' }).waitFor();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
});

afterAll(async () => {
  await browser?.close();
});

describe('a social worker', () => {
  it('is told what is wrong, by field, and nothing is sent', async () => {
    await signInAs(/Amara Okafor/);
    await page.getByRole('link', { name: 'New request' }).click();
    await page.getByRole('button', { name: 'Send request' }).click();
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent()).toMatch(/There is a problem/);
    expect(await summary.getByRole('link').allTextContents()).toEqual(
      expect.arrayContaining(['Choose the child, or add them first', 'Choose the legal status', 'Enter the weekly cost in pounds, like 6100 or 6100.50']),
    );
    await page.screenshot({ path: `${SHOTS}new-request-errors.png`, fullPage: true });
    expect(new URL(page.url()).pathname).toBe('/requests/new');
  });

  it('sees the approval a request will need before sending it, then follows it', async () => {
    await page.goto(`${web()}/requests/new`);
    await page.getByText('Add a child who is not listed').click();
    await page.getByLabel('Given name').fill('Rosa');
    await page.getByLabel('Family name').fill('Webb');
    await page.getByLabel('Date of birth').fill('2012-09-14');
    await page.getByRole('button', { name: 'Add child' }).click();
    await expect.poll(() => page.getByLabel('Child', { exact: true }).inputValue()).not.toBe('');
    await page.getByLabel('Legal status').selectOption('CO_S31');
    await page.getByLabel('Type of placement').selectOption('PRIVATE_CHILDRENS_HOME');
    await page.getByLabel('Weekly cost, including additional services (£)').fill('6100');
    await expect.poll(() => page.getByTestId('needs').textContent(), { timeout: 10_000 }).toMatch(/placement and resources panel, with the assistant director/);
    await page.screenshot({ path: `${SHOTS}new-request-dry-run.png`, fullPage: true });
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('heading', { name: /Placement \(new or move\): Private children's home/ }).waitFor();
    expect(await page.locator('.lede').textContent()).toMatch(/SUBMITTED/);
    expect(await page.getByRole('heading', { name: 'What the rules require' }).isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}request.png`, fullPage: true });
    await page.getByRole('link', { name: 'All requests' }).click();
    await expect.poll(() => page.getByRole('table').textContent()).toMatch(/Rosa Webb/);
    await page.screenshot({ path: `${SHOTS}requests.png`, fullPage: true });
  });

  it("of another council sees none of this council's requests", async () => {
    await signInAs(/Lena Novak/);
    await page.getByRole('link', { name: 'Requests' }).click();
    await expect.poll(() => page.locator('main').textContent()).toMatch(/Theo Clarke/);
    const text = await page.locator('main').textContent();
    for (const name of ['Rosa Webb', 'Maya Reid', 'Leo Barnes']) expect(text).not.toContain(name);
  });
});

describe('finance', () => {
  it('sees the year forecast against budget by category', async () => {
    await signInAs(/Isla Murray/);
    await page.getByRole('link', { name: 'Finance' }).click();
    const table = page.getByRole('table');
    await expect.poll(() => table.textContent()).toMatch(/Residential in house/);
    expect(await page.getByRole('img', { name: /Forecast and budget by category/ }).isVisible()).toBe(true);
    const text = (await table.textContent())!;
    expect(text).not.toMatch(/NaN|undefined/);
    // The demo's one placement: Elm House, £4,500 a week from the day the demo was loaded.
    const row = (await page.getByRole('row', { name: /Residential in house/ }).textContent())!;
    expect(row).toMatch(/£120,000\.00/);
    await page.screenshot({ path: `${SHOTS}finance.png`, fullPage: true });
  });
});
