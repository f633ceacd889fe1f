import { readFileSync } from 'node:fs';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, openBrowser, shot, signInAs, web } from './browser';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openBrowser());
});
afterAll(async () => {
  await browser?.close();
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** Pence as the pages show pounds: 1300000 -> "£13,000.00". */
const gbp = (pence: number) => (pence / 100).toLocaleString('en-GB', { style: 'currency', currency: 'GBP' });
/** The JSON of the next answer from a service's path (through the web server's proxy). */
const answerOf = (path: RegExp) =>
  page.waitForResponse((r: Response) => path.test(new URL(r.url()).pathname) && r.request().method() === 'GET' && r.ok(), {
    timeout: 120_000,
  });
/** The rows of a table (by its accessible name) as the text of their cells. */
async function cells(name: string | RegExp): Promise<string[][]> {
  const table = page.getByRole('table', { name });
  await table.locator('tbody tr').first().waitFor();
  return table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.trim())));
}
/** Clicks a figure's CSV button and returns the file's name and text. */
async function csvOf(button: string | RegExp): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
}

interface Indicators {
  asOf: string;
  mix: { rows: { placementType: string; placements: number; unpriced: number; weeklyCostPence: number }[]; placements: number };
  costByType: {
    thisYear: { label: string };
    lastYear: { label: string };
    rows: { placementType: string; thisYear: { averageWeeklyCostPence: number | null }; changePercent: number | null }[];
  };
}

describe('the finance page', () => {
  it(
    "shows the placement mix and cost by type as figures that match finance's answer, with tables and CSV",
    { timeout: 400_000 },
    async () => {
      await signInAs(page, /Isla Murray/);
      const answer = answerOf(/\/api\/finance\/indicators$/);
      await page.getByRole('link', { name: 'Finance', exact: true }).click();
      const api = (await (await answer).json()) as Indicators;
      expect(api.mix.placements).toBeGreaterThan(0);

      const mix = await cells('Placement mix by type');
      expect(mix).toHaveLength(api.mix.rows.length);
      // Each row: the type in words, the count and the weekly cost as finance counted them, most first.
      mix.forEach((row, i) => {
        const r = api.mix.rows[i]!;
        expect(row[1]).toBe(String(r.placements));
        expect(row[2]).toBe(String(r.unpriced));
        expect(row[3]).toBe(gbp(r.weeklyCostPence));
        expect(row[0]).not.toMatch(/^[A-Z_]+$/);
      });
      // The chart is drawn by recharts, with the figures on the bars.
      const chart = page
        .getByRole('region', { name: 'Placement mix by type' })
        .locator('.figure-chart .recharts-wrapper > svg.recharts-surface');
      await chart.waitFor();
      expect(
        await page.getByRole('region', { name: 'Placement mix by type' }).locator('.recharts-label-list').first().textContent(),
      ).toContain(String(api.mix.rows[0]!.placements));

      const cost = await cells('Average weekly cost by type');
      expect(cost.map((r) => r[1])).toEqual(
        api.costByType.rows.map((r) => (r.thisYear.averageWeeklyCostPence === null ? '–' : gbp(r.thisYear.averageWeeklyCostPence))),
      );
      expect(cost.map((r) => r[3])).toEqual(
        api.costByType.rows.map((r) => (r.changePercent === null ? '–' : `${r.changePercent > 0 ? '+' : ''}${r.changePercent}%`)),
      );

      const csv = await csvOf('Download placement mix by type as CSV');
      expect(csv.name).toBe(`placement-mix-${api.asOf}.csv`);
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe('Placement type,Open placements,Without a price,Weekly cost,Average weekly cost');
      expect(lines).toHaveLength(api.mix.rows.length + 1);
      // Pence become pounds with pence in the file; counts stay counts.
      const first = api.mix.rows[0]!;
      expect(lines[1]).toContain(`,${first.placements},${first.unpriced},${(first.weeklyCostPence / 100).toFixed(2)},`);
      await shot(page, 'finance-figures');
    },
  );

  it('draws the forecast and the projection (never blank on the imported history) as figures', { timeout: 180_000 }, async () => {
    const forecast = page.getByRole('table', { name: /^Financial year \d{4}-\d\d: forecast against budget/ });
    await expect.poll(() => forecast.textContent()).toMatch(/Residential in house/);
    expect(await page.getByRole('button', { name: /^Download financial year .* as CSV$/ }).isVisible()).toBe(true);
    const projection = page.getByRole('region', { name: /Projection of children in care/ });
    const months = await cells('Projection by month');
    expect(months).toHaveLength(24);
    // Children in care and their cost every month: the imported history gives the model its cohort.
    for (const m of months) {
      expect(Number(m[1])).toBeGreaterThan(0);
      expect(m[4]).toMatch(/^£[\d,]+\.\d\d$/);
      expect(m[4]).not.toBe('£0.00');
    }
    expect(await projection.textContent()).not.toMatch(/NaN|undefined/);
    const csv = await csvOf('Download projection by month as CSV');
    expect(csv.text.split('\r\n')[0]).toBe('Month,Children in care,Entering,Leaving,Cost');
  });
});

describe('the commitments page', () => {
  interface Line {
    category: string;
    childReference: string | null;
    providerId: string | null;
    amountPence: number;
  }
  it('lists commitments newest first, filtered by category, provider and the child reference, with no ids shown', async () => {
    const first = answerOf(/\/api\/finance\/commitments$/);
    await page.getByRole('link', { name: /^Commitments/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Commitments' }).waitFor();
    const all = (await (await first).json()) as Line[];
    expect(all.length).toBe(51); // a page of 50, and one more to know there is a next page
    const rows = await cells(/^Commitments 1 to 50/);
    expect(rows).toHaveLength(50);
    expect(rows.map((r) => r[7])).toEqual(all.slice(0, 50).map((l) => gbp(l.amountPence)));
    expect(await page.locator('main').textContent()).not.toMatch(UUID);

    // By category.
    let next = answerOf(/\/api\/finance\/commitments$/);
    await page.getByLabel('Category').selectOption({ label: 'Fostering in house' });
    const fostering = (await (await next).json()) as Line[];
    expect(fostering.length).toBeGreaterThan(0);
    expect(fostering.every((l) => l.category === 'FOSTERING_IN_HOUSE')).toBe(true);
    await expect.poll(async () => (await cells(/Fostering in house$/)).every((r) => r[1]!.includes('(Fostering in house)'))).toBe(true);
    expect(page.url()).toContain('category=FOSTERING_IN_HOUSE');

    // By the child's reference: one child's lines.
    const ref = fostering.find((l) => l.childReference)!.childReference!;
    next = answerOf(/\/api\/finance\/commitments$/);
    await page.getByLabel("Child's reference").fill(ref);
    await page.getByRole('button', { name: 'Find' }).click();
    const child = (await (await next).json()) as Line[];
    expect(child.length).toBeGreaterThan(0);
    expect(child.every((l) => l.childReference === ref)).toBe(true);
    const escaped = ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await expect.poll(async () => (await cells(new RegExp(`child ${escaped}$`))).map((r) => r[0])).toEqual(child.map(() => ref));

    // By provider (names from commissioning): the council's own fostering service holds the in-house placements.
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await page.getByLabel("Child's reference").waitFor();
    const provider = await page.getByLabel('Provider').locator('option').nth(1).textContent();
    next = answerOf(/\/api\/finance\/commitments$/);
    await page.getByLabel('Provider').selectOption({ label: provider! });
    const byProvider = (await (await next).json()) as Line[];
    const ids = new Set(byProvider.map((l) => l.providerId));
    expect(ids.size).toBeLessThanOrEqual(1);
    if (byProvider.length) await expect.poll(async () => (await cells(/^Commitments/)).every((r) => r[2] === provider)).toBe(true);
    else await page.getByText('No commitments match.').waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(UUID);

    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await page.getByRole('button', { name: 'Next page' }).waitFor();
    await shot(page, 'finance-commitments');
  });
});

describe('statutory clocks on time', () => {
  interface Clocks {
    kinds: { purpose: string; what: string; months: { label: string; due: number; onTime: number; openLate: number }[] }[];
  }
  it("shows reviews and visits by month as figures that match panels' answer, for a head of service", async () => {
    await signInAs(page, /Dev Sharma/);
    const answer = answerOf(/\/api\/panels\/clocks\/indicators$/);
    await page.getByRole('link', { name: 'Clocks on time' }).click();
    const api = (await (await answer).json()) as Clocks;
    expect(api.kinds.slice(0, 2).map((k) => k.purpose)).toEqual(['REVIEW', 'VISIT']);
    for (const k of api.kinds) {
      const rows = await cells(`${k.what} on time`);
      expect(rows.map((r) => [r[0], r[1], r[2], r[4]])).toEqual(
        k.months.map((m) => [m.label, String(m.due), String(m.onTime), String(m.openLate)]),
      );
    }
    expect(await page.locator('main').textContent()).not.toMatch(/REVIEW|VISIT|NaN|undefined/);
    const csv = await csvOf(`Download ${api.kinds[0]!.what.toLowerCase()} on time as CSV`);
    expect(csv.name).toBe('review-on-time.csv');
    expect(csv.text.split('\r\n')[0]).toBe('Month due,Due,Done on time,Done late,Open and late,Not yet due,On time');
    expect(csv.text.trim().split('\r\n')).toHaveLength(13);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'oversight-clocks');
  });

  it('is not offered to a social worker', async () => {
    await signInAs(page, /Amara Okafor/);
    expect(await page.getByRole('link', { name: 'Clocks on time' }).count()).toBe(0);
    await page.goto(`${web()}/oversight/clocks`);
    await page.getByText(/Only heads of service, directors/).waitFor();
  });
});
