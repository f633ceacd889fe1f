import { addCalendarDays, addMonths, londonToday } from '@placewise/contracts/dates';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsPeople, dayText, pounds } from './api';
import { axe, openBrowser, shot, signInAs } from './browser';

/**
 * The way out of care (/way-out) on the running platform with the demo data: Leo in the discharge
 * cohort with two steps and the month's exits target, his reunification at the plan stage, Maya's
 * step-down plan, Zara's diversion recorded today. This file adds one diversion four months ago
 * (a child of its own) so the 3-month milestone has a known answer. Every figure the page shows is
 * checked against the API's answer for the same person.
 */

let browser: Browser;
let page: Page;
let as: AsPeople;
const today = londonToday();
const month = today.slice(0, 7);
const monthText = (m: string) => new Date(`${m}-15T12:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric' });

interface Planning {
  month: string;
  target: number | null;
  exitsAchieved: number;
  cohort: { childId: string; stepsDone: number; steps: { description: string; done: boolean }[] }[];
}
interface EdgeOfCare {
  milestones: { months: number; keptOut: number; enteredCare: number; notYetKnown: number }[];
  entries: { requestId: string; milestones: { months: number; on: string; status: string }[] }[];
}
interface Oversight {
  exitDatesSlipping: string[];
  stepDownPipeline: { childId: string; weeklySavingPence: number | null; ready: boolean }[];
}
interface Reunifications {
  byStage: Record<string, number>;
  reunifications: { id: string; childId: string; stage: string }[];
}

const nameOf = async (childId: string) =>
  (await as.call<{ displayName: string }>('referrals', 'GET', `/children/${childId}`, 'hos.dev')).displayName;
const planning = () => as.call<Planning>('referrals', 'GET', `/exits/discharge-planning?month=${month}`, 'hos.dev');

let ivyRequest = '';

beforeAll(async () => {
  ({ browser, page } = await openBrowser());
  as = new AsPeople(page);
  await as.signIn([
    ['sw.amara', /Amara Okafor/],
    ['hos.dev', /Dev Sharma/],
  ]);
  // A request to bring Ivy into care, diverted to edge-of-care support four months ago.
  const ivy = await as.call('referrals', 'POST', '/children', 'sw.amara', {
    givenName: 'Ivy',
    familyName: 'Turner',
    dateOfBirth: '2013-06-06',
  });
  ivyRequest = (
    await as.call('referrals', 'POST', '/requests', 'sw.amara', {
      childId: ivy.id,
      kind: 'ENTRY_TO_CARE',
      legalStatus: 'S20',
      placementType: 'IFA_FOSTER',
      provision: 'EXTERNAL',
      weeklyCostPence: 90_000,
      location: 'IN_AREA',
      urgency: 'PLANNED',
    })
  ).id;
  await as.call('referrals', 'POST', `/requests/${ivyRequest}/edge-of-care`, 'sw.amara', {
    alternative: 'EDGE_OF_CARE_SUPPORT',
    divertedOn: addMonths(today, -4),
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('the way out of care', () => {
  it("shows a manager the API's figures in each section", async () => {
    await signInAs(page, /Dev Sharma/);
    await page.getByRole('link', { name: 'Way out' }).click();
    await page.getByRole('heading', { name: 'The way out of care' }).waitFor();

    const [dp, edge, over, reun] = await Promise.all([
      planning(),
      as.call<EdgeOfCare>('referrals', 'GET', '/exits/edge-of-care', 'hos.dev'),
      as.call<Oversight>('referrals', 'GET', '/oversight', 'hos.dev'),
      as.call<Reunifications>('referrals', 'GET', '/exits/reunifications', 'hos.dev'),
    ]);

    // Exit plans and their slippage: Leo's date has moved later twice.
    const leo = dp.cohort[0]!;
    const leoName = await nameOf(leo.childId);
    expect(leoName).toBe('Leo Barnes');
    const plans = page.getByRole('region', { name: 'Exit plans' });
    const slipping = plans.getByRole('row', { name: /Exit date slipping/ });
    await expect.poll(() => slipping.textContent()).toContain(`${over.exitDatesSlipping.length}`);
    await expect.poll(() => slipping.textContent()).toContain(leoName);

    // The discharge cohort against the month's target (the demo sets one for every month), as a chart and its table.
    expect(dp.target).toBeGreaterThan(0);
    const cohort = page.getByRole('region', { name: 'Discharge cohort' });
    await expect
      .poll(() => cohort.locator('.lede').textContent())
      .toMatch(new RegExp(`${monthText(month)}: ${dp.exitsAchieved} (child|children) left care, against a target of ${dp.target}\\.`));
    const figure = cohort.getByRole('region', { name: 'Exits by month against the target' });
    const thisMonthRow = figure.getByRole('row', { name: new RegExp(`^${monthText(month)}`) });
    expect((await thisMonthRow.getByRole('cell').allTextContents()).map((t) => t.trim())).toEqual([
      monthText(month),
      String(dp.exitsAchieved),
      String(dp.target),
    ]);
    expect(await figure.locator('.recharts-wrapper').count()).toBe(1);
    const leoCard = cohort.getByRole('article', { name: leoName, exact: true });
    await expect.poll(() => leoCard.textContent()).toContain(`${leo.stepsDone} of ${leo.steps.length} done`);
    await expect.poll(() => leoCard.textContent()).toContain('moved 2 times, slipping: moved later');
    expect(await leoCard.textContent()).toContain('Amara Okafor, social worker');

    // The step-down pipeline and its weekly saving, in pounds.
    const saving = over.stepDownPipeline.reduce((s, p) => s + (p.weeklySavingPence ?? 0), 0);
    expect(saving).toBeGreaterThan(0);
    const stepDown = page.getByRole('region', { name: 'Step-down pipeline' });
    await expect.poll(() => stepDown.locator('.lede').textContent()).toContain(`carried out: ${pounds(saving)}`);
    const maya = await nameOf(over.stepDownPipeline[0]!.childId);
    expect(await stepDown.getByRole('row', { name: new RegExp(maya) }).textContent()).toContain(
      pounds(over.stepDownPipeline[0]!.weeklySavingPence!),
    );

    // Reunification by stage.
    const reunification = page.getByRole('region', { name: 'Reunification' });
    for (const [stage, words] of [
      ['ASSESSMENT', 'Assessment'],
      ['PLAN', 'Reunification plan'],
      ['TRIAL_AT_HOME', 'Trial at home'],
    ] as const)
      await expect
        .poll(() => reunification.getByRole('row', { name: new RegExp(`^${words}`) }).textContent())
        .toBe(`${words}${reun.byStage[stage]}`);
    expect(reun.byStage.PLAN).toBe(1);

    // Edge of care: kept out at 3, 6 and 12 months, not yet known until the day comes.
    const edgeOfCare = page.getByRole('region', { name: 'Edge of care' });
    for (const m of edge.milestones)
      await expect
        .poll(async () =>
          (
            await edgeOfCare
              .getByRole('row', { name: new RegExp(`^${m.months} months`) })
              .getByRole('cell')
              .allTextContents()
          ).join('|'),
        )
        .toBe(`${m.keptOut}|${m.enteredCare}|${m.notYetKnown}`);
    expect(edge.milestones[0]).toMatchObject({ months: 3, keptOut: 1 });
    const ivy = edge.entries.find((e) => e.requestId === ivyRequest)!;
    expect(ivy.milestones.map((m) => m.status)).toEqual(['KEPT_OUT', 'NOT_YET_KNOWN', 'NOT_YET_KNOWN']);
    const ivyRow = edgeOfCare.getByRole('row', { name: /Ivy Turner/ });
    expect((await ivyRow.getByRole('cell').allTextContents()).slice(1)).toEqual([
      'Edge-of-care support',
      dayText(addMonths(today, -4)),
      `Kept out of care (at ${dayText(ivy.milestones[0]!.on)})`,
      `Not yet known (on ${dayText(ivy.milestones[1]!.on)})`,
      `Not yet known (on ${dayText(ivy.milestones[2]!.on)})`,
    ]);
    const zara = edgeOfCare.getByRole('row', { name: /Zara Hussain/ });
    expect(await zara.textContent()).toContain(`Not yet known (on ${dayText(addMonths(today, 3))})`);

    // No codes or ids on the page.
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).not.toMatch(/\b(KEPT_OUT|NOT_YET_KNOWN|TRIAL_AT_HOME|REUNIFICATION|sw\.amara)\b/);
    expect(await axe(page), 'axe: way-out').toEqual([]);
    await shot(page, 'way-out');
  });

  it('marks an exit step done, and moves a reunification on after refusing a day before its last stage', async () => {
    await signInAs(page, /Dev Sharma/);
    await page.getByRole('link', { name: 'Way out' }).click();
    const dp = await planning();
    const leoName = await nameOf(dp.cohort[0]!.childId);
    const leoCard = page.getByRole('region', { name: 'Discharge cohort' }).getByRole('article', { name: leoName, exact: true });
    await leoCard.getByRole('button', { name: /^Mark done\s*: Parenting assessment completed$/ }).click();
    await expect.poll(() => leoCard.getByRole('status').textContent()).toBe('Marked done: Parenting assessment completed.');
    await expect.poll(() => leoCard.textContent()).toContain('1 of 2 done');
    expect((await planning()).cohort[0]!.steps.find((s) => s.description === 'Parenting assessment completed')!.done).toBe(true);

    // The plan stage began today: a trial at home from yesterday is refused, with the reason by the date.
    const form = page.getByRole('form', { name: `Move ${leoName}'s reunification on` });
    await form.getByLabel('Next stage').selectOption({ label: 'Trial at home' });
    await form.getByLabel('From', { exact: true }).fill(addCalendarDays(today, -1));
    await form.getByRole('button', { name: /Move on/ }).click();
    const fieldError = form.locator('.field-error .error');
    await expect.poll(() => fieldError.textContent()).toBe(`is before the reunification plan stage began (${dayText(today)})`);
    expect(await form.getByRole('alert').textContent()).toContain('stages move forward in time');
    expect(await axe(page), 'axe: way-out-refused').toEqual([]);
    await shot(page, 'way-out-refused');

    await form.getByLabel('From', { exact: true }).fill(today);
    await form.getByRole('button', { name: /Move on/ }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toBe(`Moved on to trial at home from ${dayText(today)}.`);
    const reun = await as.call<Reunifications>('referrals', 'GET', '/exits/reunifications', 'hos.dev');
    expect(reun.byStage).toMatchObject({ PLAN: 0, TRIAL_AT_HOME: 1 });
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: 'Reunification' })
          .getByRole('row', { name: /^Trial at home/ })
          .textContent(),
      )
      .toBe('Trial at home1');
  });

  it('records a diversion from care, refusing a day after today by the field', async () => {
    // A request to bring Ruby into care, not yet diverted.
    const ruby = await as.call('referrals', 'POST', '/children', 'sw.amara', {
      givenName: 'Ruby',
      familyName: 'Shaw',
      dateOfBirth: '2014-09-09',
    });
    const rubyRequest = (
      await as.call('referrals', 'POST', '/requests', 'sw.amara', {
        childId: ruby.id,
        kind: 'ENTRY_TO_CARE',
        legalStatus: 'S20',
        placementType: 'IFA_FOSTER',
        provision: 'EXTERNAL',
        weeklyCostPence: 90_000,
        location: 'IN_AREA',
        urgency: 'PLANNED',
      })
    ).id;
    await signInAs(page, /Amara Okafor/);
    await page.getByRole('link', { name: 'Way out' }).click();
    const edgeOfCare = page.getByRole('region', { name: 'Edge of care' });
    const form = edgeOfCare.getByRole('form', { name: 'Record a diversion from care' });
    const request = form.getByLabel('Request');
    await request.waitFor();
    // Only requests without a diversion: Zara's and Ivy's are not offered, Ruby's is.
    const offered = () => request.locator('option').allTextContents();
    await expect.poll(async () => (await offered()).some((o) => o.startsWith('Ruby Shaw: asked on'))).toBe(true);
    expect((await offered()).some((o) => /Zara Hussain|Ivy Turner/.test(o))).toBe(false);

    // Nothing chosen: the form's own checks, by the fields.
    await form.getByRole('button', { name: 'Record the diversion' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Request: Choose the request');
    expect(await form.getByRole('alert').textContent()).toContain('Instead of care: Choose what was used instead of care');

    const rubyOption = (await offered()).find((o) => o.startsWith('Ruby Shaw'))!;
    await request.selectOption({ label: rubyOption });
    await form.getByLabel('Family network').check();
    await form.getByLabel('Diverted on').fill(addMonths(today, 1));
    await form.getByRole('button', { name: 'Record the diversion' }).click();
    const fieldError = form.locator('.field-error .error');
    await expect.poll(() => fieldError.textContent()).toBe(`is after today (${dayText(today)})`);
    expect(await form.getByRole('alert').textContent()).toContain('a diversion is recorded once it has happened');
    expect(await axe(page), 'axe: way-out-diversion-refused').toEqual([]);
    await shot(page, 'way-out-diversion-refused');

    await form.getByLabel('Diverted on').fill(today);
    await form.getByRole('button', { name: 'Record the diversion' }).click();
    await expect
      .poll(() => form.getByRole('status').textContent())
      .toBe(`Recorded: Ruby Shaw diverted to family network on ${dayText(today)}.`);
    const edge = await as.call<EdgeOfCare>('referrals', 'GET', '/exits/edge-of-care', 'sw.amara');
    const rubyEntry = edge.entries.find((e) => e.requestId === rubyRequest)!;
    expect(rubyEntry.milestones.map((m) => m.status)).toEqual(['NOT_YET_KNOWN', 'NOT_YET_KNOWN', 'NOT_YET_KNOWN']);
    const row = edgeOfCare.getByRole('row', { name: /Ruby Shaw/ });
    await expect.poll(async () => (await row.getByRole('cell').allTextContents()).slice(1, 3)).toEqual(['Family network', dayText(today)]);
    // Ruby's request is no longer offered.
    await expect.poll(async () => (await offered()).some((o) => o.startsWith('Ruby Shaw'))).toBe(false);
  });

  it('starts a reunification for a child in the discharge cohort, refusing a note too long by the field', async () => {
    // Noah's plan is to go home; he joins the discharge cohort without a reunification.
    const noah = await as.call('referrals', 'POST', '/children', 'sw.amara', {
      givenName: 'Noah',
      familyName: 'Price',
      dateOfBirth: '2012-03-03',
    });
    await as.call('referrals', 'PUT', `/children/${noah.id}/care-plan`, 'sw.amara', {
      permanencePlan: 'REUNIFICATION',
      exitRoute: 'REUNIFICATION',
      estimatedExitDate: addMonths(today, 6),
      reason: 'Father completing a parenting programme',
    });
    await as.call('referrals', 'PUT', `/children/${noah.id}/care-plan/discharge-cohort`, 'sw.amara', {
      inCohort: true,
      reason: 'Identified at the discharge planning meeting',
    });
    await signInAs(page, /Amara Okafor/);
    await page.getByRole('link', { name: 'Way out' }).click();
    const reunification = page.getByRole('region', { name: 'Reunification' });
    const form = reunification.getByRole('form', { name: 'Start a reunification' });
    const child = form.getByLabel('Child', { exact: true });
    await child.waitFor();
    const offered = () => child.locator('option').allTextContents();
    // Leo's reunification is under way: he is not offered again.
    await expect.poll(offered).toContain('Noah Price: home to family (reunification)');
    expect((await offered()).some((o) => o.startsWith('Leo Barnes'))).toBe(false);

    await child.selectOption({ label: 'Noah Price: home to family (reunification)' });
    await form.getByLabel('Placed with parents under the care order').check();
    const note = form.getByLabel('Note (optional)');
    await note.fill('x'.repeat(1001));
    await form.getByRole('button', { name: 'Start the reunification' }).click();
    await expect.poll(() => form.locator('.field-error .error').textContent()).toBe('must be at most 1000 characters');
    expect(await note.inputValue()).toHaveLength(1001);
    expect(await axe(page), 'axe: way-out-reunification-refused').toEqual([]);

    await note.fill('Family meeting agreed the assessment');
    await form.getByRole('button', { name: 'Start the reunification' }).click();
    await expect
      .poll(() => form.getByRole('status').textContent())
      .toBe(`Reunification started for Noah Price: assessment from ${dayText(today)}.`);
    const reun = await as.call<Reunifications>('referrals', 'GET', '/exits/reunifications', 'sw.amara');
    const noahs = reun.reunifications.filter((r) => r.childId === noah.id);
    expect(noahs.map((r) => r.stage)).toEqual(['ASSESSMENT']);
    const card = reunification.getByRole('article', { name: 'Noah Price: Assessment' });
    await expect.poll(() => card.textContent()).toContain('Placed with parents under the care order.');
    expect(await card.textContent()).toContain(`Assessment from ${dayText(today)}: Family meeting agreed the assessment`);
    await expect
      .poll(() => reunification.getByRole('row', { name: /^Assessment/ }).textContent())
      .toBe(`Assessment${reun.byStage.ASSESSMENT}`);
    await expect.poll(async () => (await offered()).some((o) => o.startsWith('Noah Price'))).toBe(false);
    await shot(page, 'way-out-reunification-started');
  });

  it('shows a social worker the cohort by name, without the managers’ oversight', async () => {
    await signInAs(page, /Amara Okafor/);
    await page.getByRole('link', { name: 'Way out' }).click();
    await page.getByRole('article', { name: 'Leo Barnes', exact: true }).waitFor();
    expect(await page.getByRole('region', { name: 'Step-down pipeline' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Set the target' }).count()).toBe(0);
  });
});
