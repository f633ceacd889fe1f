import { BudgetThresholdCrossedV1, FINANCE_INBOX, NOTIFICATIONS_INBOX, PlacementEndedV1, PlacementStartedV1 } from '@placewise/contracts';
import { dayInWords, londonClock } from '@placewise/contracts/dates';
import { eventEnvelope, TEST_REDIS_URL } from '@placewise/platform/testing';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AsPeople, until } from './api';
import { axe, openBrowser, shot, signInAs } from './browser';

let browser: Browser;
let page: Page;
let inbox: Queue;
let notificationsInbox: Queue;

beforeAll(async () => {
  ({ browser, page } = await openBrowser());
  inbox = new Queue(FINANCE_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix: inject('queuePrefix') });
  notificationsInbox = new Queue(NOTIFICATIONS_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix: inject('queuePrefix') });
});

afterAll(async () => {
  await inbox?.close();
  await notificationsInbox?.close();
  await browser?.close();
});

/**
 * Events as commissioning publishes them, for a council of its own (the demo council's figures stay
 * as they are): the deployment's operator (Sam) sees and replays every council's jobs; a council's
 * administrator (Kim, Northshire) sees only Northshire's.
 */
const origin = { localAuthority: 'opsfield' };

describe('ops', () => {
  it('sees why a job failed and sends it again once the cause is put right', async () => {
    const placement = { placementId: randomUUID(), requestId: randomUUID(), childId: randomUUID() };
    // The end of a placement finance has not heard of yet (its start is still on its way): it fails.
    const ended = eventEnvelope(PlacementEndedV1, { ...placement, endDate: '2027-01-31', reason: 'PLANNED_END' }, origin);
    await inbox.add(ended.type, ended, { jobId: ended.id, attempts: 1 });

    await signInAs(page, /Sam Carter/);
    await page.getByRole('link', { name: 'Queues' }).click();
    const failed = page.getByRole('region', { name: 'Failed jobs: Finance' });
    const row = failed.getByRole('row', { name: new RegExp(ended.id) });
    // The page reads the queues again by itself; finance's worker reaches the job once its inbox's
    // backlog (the demo data's events) is through, which on a loaded machine takes longer than 15 s.
    await expect
      .poll(async () => (await row.count()) && row.textContent(), { timeout: 90_000 })
      .toMatch(/placement\.ended.*is not known to finance yet/);
    await shot(page, 'ops-failed');

    // The start arrives; sending the end again now applies it.
    const started = eventEnvelope(
      PlacementStartedV1,
      {
        ...placement,
        childAge: 12,
        providerId: randomUUID(),
        settingId: randomUUID(),
        placementType: 'IFA_FOSTER',
        provision: 'EXTERNAL',
        weeklyCostPence: 90_000,
        startDate: '2026-12-01',
        plannedEndDate: null,
      },
      origin,
    );
    await inbox.add(started.type, started, { jobId: started.id });
    await expect.poll(async () => (await inbox.getJob(started.id))?.finishedOn, { timeout: 60_000 }).toBeTruthy();
    await row.getByRole('button', { name: /Send placement\.ended .* again/ }).click();
    await expect.poll(() => failed.getByRole('status').textContent()).toContain(`Job ${ended.id} was sent again.`);
    await expect.poll(async () => (await inbox.getJob(ended.id))?.returnvalue, { timeout: 60_000 }).toBe('applied');
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(0);
  }, 240_000);

  it("opens a service's queue board through this origin, and the board refuses a browser without a session", async () => {
    await signInAs(page, /Sam Carter/);
    await page.getByRole('link', { name: 'Queues' }).click();
    await page.getByRole('button', { name: 'Open the finance board' }).click();
    await page.waitForURL(/\/api\/finance\/ops\/board\/?$/);
    // Bull Board's own page lists the service's inbox queue.
    await expect.poll(() => page.getByText(FINANCE_INBOX.name).first().count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await shot(page, 'ops-board');
    // Without the session cookie (another browser context) the board answers 401.
    const other = await browser.newContext();
    const res = await other.request.get(page.url());
    expect(res.status()).toBe(401);
    await other.close();
  });

  it("shows the council's admin an email the mail server refused, and corrects that person's address", async () => {
    const as = new AsPeople(page);
    await as.signIn([['ops.kim', /Kim Taylor/]]);
    // The admin puts a finance officer in the directory with an address the tests' SMTP server refuses (550).
    const userId = `fin.robin-${randomUUID().slice(0, 8)}`;
    await as.call('notifications', 'PUT', `/notifications/people/${userId}`, 'ops.kim', {
      name: 'Robin Ash (finance)',
      roles: ['finance'],
      email: 'refused.robin.ash@northshire.test',
      providerId: null,
    });
    // Finance says the council's budget is crossed: notifications emails its finance people, and the server refuses Robin's address.
    const crossed = eventEnvelope(
      BudgetThresholdCrossedV1,
      {
        financialYear: 2026,
        category: 'EXTERNAL_RESIDENTIAL',
        thresholdPercent: 90,
        forecastPence: 9_100_000,
        budgetPence: 10_000_000,
        crossedAt: new Date().toISOString(),
      },
      { localAuthority: 'northshire' },
    );
    await notificationsInbox.add(crossed.type, crossed, { jobId: crossed.id });
    type Failed = {
      items: { person: string; name: string | null; email: string; subject: string; reason: string | null; createdAt: string }[];
    };
    const failed = await until(
      'the refused delivery',
      async () =>
        (await as.call<Failed>('notifications', 'GET', '/notifications/deliveries/failed', 'ops.kim')).items.find(
          (d) => d.person === userId,
        ),
      60_000,
    );
    expect(failed).toMatchObject({ name: 'Robin Ash (finance)', email: 'refused.robin.ash@northshire.test' });
    expect(failed.reason).toContain('550');

    await page.getByRole('link', { name: 'Queues' }).click();
    const emails = page.getByRole('region', { name: 'Emails not delivered' });
    const row = emails.getByRole('row', { name: /Robin Ash \(finance\)/ });
    // The page may have been open since before the email was refused: Refresh reads the list again.
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => row.count()).toBe(1);
    const { minutes } = londonClock(failed.createdAt);
    const when = `${dayInWords(failed.createdAt)}, ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 6)).toEqual([
      'refused.robin.ash@northshire.test',
      failed.subject,
      'Refused by the mail server',
      failed.reason,
      '1',
      when,
    ]);
    expect(failed.subject).toMatch(/^Budget: external residential is at 90%/);
    // Words, not codes: no user id, status code or delivery id on the page.
    const text = (await emails.textContent()) ?? '';
    expect(text).not.toContain(userId);
    expect(text).not.toMatch(/REFUSED|FAILED|[0-9a-f]{8}-[0-9a-f]{4}-/);

    await row.getByRole('button', { name: 'Correct the address of Robin Ash (finance)' }).click();
    const form = emails.getByRole('region', { name: 'Correct Robin Ash (finance)’s address' });
    await form.getByLabel('Email address').fill('not an address');
    await form.getByRole('button', { name: 'Save the address' }).click();
    await expect.poll(() => form.getByText('Enter an email address, like name@council.gov.uk').count()).toBeGreaterThan(0);
    expect(await axe(page), 'axe: ops-emails-correcting').toEqual([]);
    await form.getByLabel('Email address').fill('robin.ash@northshire.test');
    await form.getByRole('button', { name: 'Save the address' }).click();
    await expect
      .poll(() => emails.getByRole('status').textContent())
      .toBe('Robin Ash (finance)’s address is now robin.ash@northshire.test.');
    // The list is read again: the email keeps the address it went to, and shows the one corrected.
    await expect
      .poll(() => row.getByRole('cell').first().textContent())
      .toBe('refused.robin.ash@northshire.test Corrected to robin.ash@northshire.test');
    await shot(page, 'ops-emails');
    expect(await axe(page), 'axe: ops-emails').toEqual([]);
    // The directory keeps the person's name and roles: only the address changed.
    expect(await as.call('notifications', 'GET', `/notifications/people/${userId}`, 'ops.kim')).toMatchObject({
      name: 'Robin Ash (finance)',
      roles: ['finance'],
      email: 'robin.ash@northshire.test',
      providerId: null,
    });

    // The deployment's operator sees no council's people or addresses.
    await signInAs(page, /Sam Carter/);
    await page.getByRole('link', { name: 'Queues' }).click();
    await page.getByRole('heading', { name: 'Queue boards' }).waitFor();
    expect(await page.getByRole('region', { name: 'Emails not delivered' }).count()).toBe(0);
  }, 180_000);
});
