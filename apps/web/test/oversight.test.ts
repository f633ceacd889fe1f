import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, openBrowser, shot, signInAs } from './browser';

let browser: Browser;
let page: Page;
/** What the API answered for the period the first test picked: the second follows its figures. */
let shown: Answer;

beforeAll(async () => {
  ({ browser, page } = await openBrowser());
});

afterAll(async () => {
  await browser?.close();
});

interface Answer {
  from: string;
  to: string;
  entries: number;
  exits: number;
  drillDown: boolean;
  end: { at: string; inCare: number; inCareUasc: number; ratePer10k: number | null; distance: { outOfArea: number } };
  months: { month: string; entries: number; exits: number; end: { inCare: number; inCareUasc: number } }[];
}

const indicatorsAnswer = (from?: string) =>
  // Every figure from five years of a council's record: on a machine shared with other work this can take a while.
  page.waitForResponse(
    (r) => /\/api\/referrals\/indicators\?/.test(r.url()) && r.request().method() === 'GET' && (!from || r.url().includes(`from=${from}`)),
    { timeout: 120_000 },
  );

/** Opens the page from the nav (and picks a period), and returns the indicators' answer the page was given (what the API said). */
async function openOversight(period?: { from: string; to: string }): Promise<Answer> {
  let answer = indicatorsAnswer();
  await page.getByRole('link', { name: 'Oversight' }).click();
  if (period) {
    await answer;
    answer = indicatorsAnswer(period.from);
    await page.getByLabel('From', { exact: true }).fill(period.from);
    await page.getByLabel('To', { exact: true }).fill(period.to);
    await page.getByRole('button', { name: 'Show' }).click();
  }
  const res = await answer;
  expect(res.status()).toBe(200);
  const body = (await res.json()) as Answer;
  await page.getByText(`${body.entries} entries`).first().waitFor({ timeout: 30_000 });
  return body;
}

const cellsOf = async (page: Page, figure: string, row: number) =>
  page.getByRole('region', { name: figure }).getByRole('row').nth(row).getByRole('cell').allTextContents();

describe('oversight', { timeout: 300_000 }, () => {
  it('shows the figures the API gives, each with its table and CSV, and passes axe', async () => {
    await signInAs(page, /Dev Sharma/);
    const a = await openOversight({ from: '2025-04-01', to: '2026-03-31' });
    shown = a;
    expect(a.months).toHaveLength(12);
    // The demo council: about 500 children in care, its area and postcodes set.
    expect(a.end.inCare).toBeGreaterThan(300);
    expect(a.end.ratePer10k).not.toBeNull();
    expect(a.end.distance.outOfArea).toBeGreaterThan(0);

    const summary = await page.getByTestId('oversight-summary').textContent();
    expect(summary).toContain(`${a.end.inCare} children in care`);
    expect(summary).toContain(`${a.end.inCareUasc} asylum-seeking`);
    expect(summary).toContain(`${a.entries} entries`);
    expect(summary).toContain(`${a.exits} exits`);

    // Each month's row of the tables holds the API's figures.
    for (const [i, m] of a.months.entries()) {
      const care = await cellsOf(page, 'Children in care, actual and projected', i + 1);
      expect(care.slice(1, 3)).toEqual([String(m.end.inCare), String(m.end.inCareUasc)]);
      const flows = await cellsOf(page, 'Entries and exits against targets', i + 1);
      expect([flows[1], flows[3]]).toEqual([String(m.entries), String(m.exits)]);
    }
    // Figures on the bars: the chart draws the month's count on its bar.
    const chart = page.getByRole('region', { name: 'Entries and exits against targets' }).locator('.recharts-label-list').first();
    expect(await chart.textContent()).toContain(String(a.months[0]!.entries));

    // The CSV download: a header and a row a month, the same figures.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download entries and exits against targets as CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv).toHaveLength(13);
    expect(csv[1]!.split(',').slice(0, 2)).toEqual(['2025-04', String(a.months[0]!.entries)]);

    expect(await axe(page), 'axe: oversight').toEqual([]);
    await shot(page, 'oversight');
  });

  it('lets a head of service follow a figure to the children behind it, by reference', async () => {
    // Still on the page the first test left, with its period.
    const a = shown;
    expect(a.drillDown).toBe(true);
    await page.getByRole('link', { name: new RegExp(`^Children in care on .* \\(${a.end.inCare}\\)$`) }).click();
    await page.getByTestId('drill-count').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('drill-count').textContent()).toContain(`${a.end.inCare} children`);
    const refs = await page.locator('ul.references li').allTextContents();
    expect(refs).toHaveLength(a.end.inCare);
    // The council's references (the demo's are NS and six digits); never a UUID.
    expect(refs.filter((r) => !/^NS\d{6}$/.test(r))).toEqual([]);
    expect(await axe(page), 'axe: oversight children').toEqual([]);
  });

  it('shows finance the figures without the children', async () => {
    await signInAs(page, /Isla Murray/);
    const a = await openOversight();
    expect(a.drillDown).toBe(false);
    expect(await page.locator('ul.drill a').count()).toBe(0);
  });
});
