import { FINANCE_INBOX, PlacementEndedV1, PlacementStartedV1 } from '@placewise/contracts';
import { eventEnvelope, TEST_REDIS_URL } from '@placewise/platform/testing';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, shot, signInAs } from './browser';

let browser: Browser;
let page: Page;
let inbox: Queue;

beforeAll(async () => {
  ({ browser, page } = await openBrowser());
  inbox = new Queue(FINANCE_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix: inject('queuePrefix') });
});

afterAll(async () => {
  await inbox?.close();
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
});
