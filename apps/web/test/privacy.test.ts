import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, openBrowser, shot, signInAs } from './browser';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openBrowser());
});

afterAll(async () => {
  await browser?.close();
});

const around = (text: string, re: RegExp) => {
  const i = text.search(re);
  return i < 0 ? null : text.slice(Math.max(0, i - 80), i + 60);
};
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('the data protection officer (auditor)', () => {
  it("reads a child's subject access document, gathered from every service, in words", async () => {
    await signInAs(page, /Jon Price/);
    await page.getByRole('link', { name: 'Subject access' }).click();
    const child = page.getByLabel('Child');
    await expect.poll(async () => (await child.locator('option').count()) > 1).toBe(true);
    // The demo's named child, whose request went through the journey.
    const ava = (await child.locator('option').allTextContents()).find((t) => /Ava/.test(t));
    expect(ava).toBeDefined();
    await child.selectOption({ label: ava! });
    const doc = page.getByRole('article');
    await expect
      .poll(async () => (await doc.count()) && doc.getByRole('heading', { level: 2 }).first().textContent())
      .toMatch(/Everything Placewise holds about Ava/);
    const services = await doc.getByRole('region').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(services).toEqual(['Referrals and the looked-after record', 'Panels', 'Commissioning', 'Finance', 'Notifications']);
    const text = (await doc.textContent()) ?? '';
    expect(text).toMatch(/Date of birth/);
    // No id and no code on the page: what was found, with its context, if any.
    expect(around(text, UUID)).toBeNull();
    expect(around(text, /\b[A-Z]+_[A-Z_]+\b/)).toBeNull();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'subject-access');

    // The download keeps every field.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Download everything/ }).click(),
    ]);
    const body = JSON.parse(await readFile(await download.path(), 'utf8')) as { parts: { service: string }[] };
    expect(body.parts.map((p) => p.service)).toHaveLength(5);
  });

  it('sees in the access log that they read it', async () => {
    await page.getByRole('link', { name: 'Access log' }).click();
    const first = page.getByRole('row').nth(1);
    await expect
      .poll(async () => (await first.count()) && first.textContent())
      .toMatch(/Jon Price.*auditor.*Ava.*a subject access request/);
    expect(await page.locator('main').textContent()).not.toMatch(UUID);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'access-log');
  });
});
