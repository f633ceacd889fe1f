import { FINANCE_INBOX } from '@placewise/contracts';
import { TEST_REDIS_URL } from '@placewise/platform/testing';
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

/** An event as commissioning would publish it, for a council of its own (the demo council's figures stay as they are). */
const envelope = (type: string, payload: Record<string, unknown>) => ({
  id: randomUUID(),
  type,
  version: 1,
  occurredAt: new Date().toISOString(),
  localAuthority: 'opsfield',
  correlationId: randomUUID(),
  producer: 'commissioning',
  payload,
});

describe('ops', () => {
  it('sees why a job failed and sends it again once the cause is put right', async () => {
    const placement = { placementId: randomUUID(), requestId: randomUUID(), childId: randomUUID() };
    // The end of a placement finance has not heard of yet (its start is still on its way): it fails.
    const ended = envelope('placement.ended', { ...placement, endDate: '2027-01-31', reason: 'PLANNED_END' });
    await inbox.add(ended.type, ended, { jobId: ended.id, attempts: 1 });

    await signInAs(page, /Kim Taylor/);
    await page.getByRole('link', { name: 'Queues' }).click();
    const failed = page.getByRole('region', { name: 'Failed jobs: Finance' });
    const row = failed.getByRole('row', { name: new RegExp(ended.id) });
    await expect
      .poll(async () => (await row.count()) && row.textContent(), { timeout: 15_000 })
      .toMatch(/placement\.ended.*is not known to finance yet/);
    await shot(page, 'ops-failed');

    // The start arrives; sending the end again now applies it.
    const started = envelope('placement.started', {
      ...placement,
      childAge: 12,
      providerId: randomUUID(),
      settingId: randomUUID(),
      placementType: 'IFA_FOSTER',
      provision: 'EXTERNAL',
      weeklyCostPence: 90_000,
      startDate: '2026-12-01',
      plannedEndDate: null,
    });
    await inbox.add(started.type, started, { jobId: started.id });
    await expect.poll(async () => (await inbox.getJob(started.id))?.finishedOn, { timeout: 15_000 }).toBeTruthy();
    await row.getByRole('button', { name: /Send placement\.ended .* again/ }).click();
    await expect.poll(() => failed.getByRole('status').textContent()).toContain(`Job ${ended.id} was sent again.`);
    await expect.poll(async () => (await inbox.getJob(ended.id))?.returnvalue, { timeout: 15_000 }).toBe('applied');
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(0);
  });
});
