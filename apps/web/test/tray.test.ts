import { eventually } from '@placewise/platform/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, shot, signInAs } from './browser';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openBrowser());
});

afterAll(async () => {
  await browser?.close();
});

const trayButton = () => page.getByRole('button', { name: /^Notifications/ });
const unread = async () => Number((await trayButton().textContent())?.match(/\((\d+) unread\)/)?.[1] ?? 0);

describe('the notification tray', () => {
  it('shows the social worker the decisions on her requests; an item opens its request and is then read', async () => {
    await signInAs(page, /Amara Okafor/);
    // The demo data's decisions reached the notifications service through its inbox.
    const before = await eventually(
      async () => {
        await page.reload();
        await trayButton().waitFor();
        return (await unread()) || undefined;
      },
      30_000,
      1000,
    );
    await trayButton().click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    const first = panel.getByRole('link', { name: /^New: Decision on your request/ }).first();
    await first.waitFor();
    await shot(page, 'tray');
    await first.click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/requests\/[0-9a-f-]{36}$/);
    await expect.poll(unread, { timeout: 10_000 }).toBe(before - 1);
    await trayButton().click();
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => trayButton().textContent()).toBe('Notifications');
  });
});
