import { addCalendarDays, daysBetween, londonToday } from '@placewise/contracts/dates';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, shot, signInAs as signInAsOn, web } from './browser';
import { codesOnPage } from './words';

let browser: Browser;
let page: Page;
const signInAs = (name: RegExp) => signInAsOn(page, name);

beforeAll(async () => {
  ({ browser, page } = await openBrowser());
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
      expect.arrayContaining([
        'Choose the child, or add them first',
        'Choose the legal status',
        'Enter the weekly cost in pounds, like 6100 or 6100.50',
      ]),
    );
    await shot(page, 'new-request-errors');
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
    await expect
      .poll(() => page.getByTestId('needs').textContent(), { timeout: 10_000 })
      .toMatch(/placement and resources panel, with the assistant director/);
    await shot(page, 'new-request-dry-run');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('heading', { name: /Placement \(new or move\): Private children's home/ }).waitFor();
    expect(await page.locator('.lede').textContent()).toMatch(/Waiting for a decision/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/ for Rosa Webb$/);
    expect(await page.getByRole('heading', { name: 'What the rules require' }).isVisible()).toBe(true);
    await shot(page, 'request');
    await page.getByRole('link', { name: 'All requests' }).click();
    await expect.poll(() => page.getByRole('table').textContent()).toMatch(/Rosa Webb/);
    await shot(page, 'requests');
  });

  it("of another council sees none of this council's requests", async () => {
    await signInAs(/Lena Novak/);
    await page.getByRole('link', { name: 'Requests' }).click();
    await expect.poll(() => page.locator('main').textContent()).toMatch(/Theo Clarke/);
    const text = await page.locator('main').textContent();
    for (const name of ['Rosa Webb', 'Maya Reid', 'Leo Barnes']) expect(text).not.toContain(name);
  });
});

/** The sitting the panel administrator convenes for Rosa's request, shared along the journey. */
let sittingUrl = '';
const rosa = () => page.getByRole('region', { name: /Rosa Webb/ });
const decision = () => rosa().locator('form.decision');

describe('the panel', () => {
  it('administrator convenes a sitting, records attendance and lists the case', async () => {
    await signInAs(/Nina Ross/);
    await page.getByRole('link', { name: 'Sittings' }).click();
    await page.getByRole('heading', { name: 'Panel sittings' }).waitFor();
    await page.getByText('Convene an extraordinary sitting').click();
    await page
      .getByLabel('Panel', { exact: true })
      .selectOption({ label: 'Placement and Resources Panel (placement and resources panel)' });
    await page.getByRole('button', { name: 'Convene sitting' }).click();
    // Nothing is sent without the reason, and what was chosen stays.
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/say why the panel must sit/);
    await page.getByLabel('Why it must sit now').fill("A placement needed before Tuesday's sitting");
    await page.getByRole('button', { name: 'Convene sitting' }).click();
    await page.getByRole('heading', { level: 1, name: /Placement and Resources Panel/ }).waitFor();
    sittingUrl = page.url();
    for (const name of [/Erin Walsh/, /Grace Lee/, /Omar Siddiqui/]) await page.getByRole('checkbox', { name }).check();
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await page.getByRole('status').filter({ hasText: 'Attendance saved.' }).waitFor();
    // The panel administrator does not see children's names: the case is the 14-year-old's, at £6,100 a week.
    const option = page.locator('#list-case option', { hasText: "Child aged 14: Private children's home, £6,100.00 a week" });
    await option.waitFor({ state: 'attached' });
    await page.getByLabel('Case waiting for this panel').selectOption((await option.getAttribute('value'))!);
    await page.getByRole('button', { name: 'List case' }).click();
    const listed = page.getByRole('region', { name: /Child aged 14: Private children's home, £6,100\.00 a week/ });
    await listed.waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Rosa Webb');
    expect(await listed.textContent()).toMatch(/Quorate for this case: 2 of 2 voting members/);
    await shot(page, 'sitting-admin');
  });

  it('chair is told why an approval is refused, and keeps what was typed', async () => {
    await signInAs(/Erin Walsh/);
    await page.goto(sittingUrl);
    await rosa()
      .getByText(/gates? (is|are) not evidenced: an approval will be refused/)
      .waitFor();
    await decision().getByRole('radio', { name: 'Approve', exact: true }).check();
    await decision().getByLabel('Reason for the decision').fill('Needs met only in residential care for now');
    await decision().getByRole('button', { name: 'Record decision' }).click();
    // The refusal is shown once the panels service has answered, which takes as long as it takes:
    // wait for that alert itself (a one-second poll of whatever alert is there lost the race when slow).
    const alert = decision()
      .getByRole('alert')
      .filter({ hasText: /cannot approve without the evidence the gates require/ });
    await alert.waitFor();
    expect(await alert.locator('li').count()).toBeGreaterThan(0);
    expect(await decision().getByLabel('Reason for the decision').inputValue()).toBe('Needs met only in residential care for now');
    await shot(page, 'sitting-refused');
  });

  it('members record the evidence for each gate and vote with a comment', async () => {
    await signInAs(/Grace Lee/);
    await page.goto(sittingUrl);
    await rosa().waitFor();
    const missing = rosa().locator('.gate-missing');
    const gates = await missing.count();
    expect(gates).toBeGreaterThan(0);
    for (let i = gates; i > 0; i--) {
      const gate = missing.first();
      await gate.getByText('Record evidence').click();
      await gate.getByRole('textbox').fill('On file, see the care plan of 12 November');
      await gate.getByRole('button', { name: 'Save evidence' }).click();
      await expect.poll(() => missing.count()).toBe(i - 1);
    }
    expect(await rosa().locator('.gate-ok').count()).toBe(gates);
    await rosa().getByRole('radio', { name: 'Approve' }).check();
    await rosa().getByLabel('Comment (optional)').fill('The care plan shows residential care is needed');
    await rosa().getByRole('button', { name: 'Cast vote' }).click();
    await expect
      .poll(() => rosa().locator('.votes').textContent())
      .toMatch(/Grace Lee: approve \(“The care plan shows residential care is needed”\)/);
    await shot(page, 'sitting-member');

    await signInAs(/Omar Siddiqui/);
    await page.goto(sittingUrl);
    await rosa().getByRole('radio', { name: 'Approve' }).check();
    await rosa().getByRole('button', { name: 'Cast vote' }).click();
    await expect.poll(() => rosa().textContent()).toMatch(/Approve 2 · Decline 0 · Abstain 0/);
  });

  it('chair records the decision with conditions at the sitting, and the minutes have it', async () => {
    await signInAs(/Erin Walsh/);
    await page.getByRole('link', { name: 'My sittings' }).click();
    await page.getByRole('heading', { name: 'My sittings' }).waitFor();
    const mine = page.getByRole('table', { name: 'Sittings, soonest first' });
    await expect
      .poll(() => mine.textContent())
      .toMatch(/Placement and Resources PanelExtraordinary: A placement needed before Tuesday's sitting/);
    expect(await mine.textContent()).toMatch(/High-Cost Placements Panel/);
    await shot(page, 'sittings');
    await page.goto(sittingUrl);
    await decision().getByRole('radio', { name: 'Approve with conditions' }).check();
    await decision().getByLabel('Maximum weekly cost (£)').fill('6200');
    await decision().getByLabel('Review date').fill('2027-03-01');
    await decision().getByLabel('Reason for the decision').fill('Needs met only in residential care for now');
    await decision().getByRole('button', { name: 'Record decision' }).click();
    await expect
      .poll(() => rosa().locator('.decided').textContent())
      .toMatch(/Approved with conditions by Erin Walsh.*Maximum £6,200\.00 a week/);
    expect(await rosa().getByRole('button', { name: 'Record decision' }).count()).toBe(0);
    await shot(page, 'sitting-decided');
    await page.getByRole('link', { name: 'Minutes' }).click();
    // Rendered from the service's Markdown: headings and lists, not the raw text.
    const minutes = page.getByRole('article', { name: 'The minutes' });
    await expect.poll(() => minutes.textContent()).toMatch(/Decision: approved with conditions\./);
    const text = (await minutes.textContent())!;
    expect(text).toMatch(/maximum weekly cost £6,200\.00/);
    expect(text).toMatch(/Grace Lee: approve/);
    expect(text).toMatch(/Omar Siddiqui \(finance\): present/);
    expect(text).not.toMatch(/^#|\*\*/m);
    expect(await minutes.getByRole('heading').count()).toBeGreaterThan(1);
    await shot(page, 'minutes');
  });
});

describe('an approver', () => {
  it('sees the cases waiting for them, with deadlines counting down, and their papers', async () => {
    await signInAs(/Farid Khan/);
    await page.getByRole('link', { name: 'My queue' }).click();
    const table = page.getByRole('table');
    await expect.poll(() => table.textContent()).toMatch(/Ella Morris/);
    const row = (await page.getByRole('row', { name: /Ella Morris/ }).textContent())!;
    expect(row).toMatch(/£12,500\.00/);
    // Sam's retrospective approval has a deadline, counting down, and comes before cases without one.
    const sam = (await page.getByRole('row', { name: /Sam Ali/ }).textContent())!;
    expect(sam).toMatch(/\d+ (days?|hours?|minutes) left|overdue by/);
    const order = (await table.locator('tbody tr').allTextContents()).map((t) => t.slice(0, 12));
    expect(order.findIndex((t) => t.startsWith('Sam Ali'))).toBeLessThan(order.findIndex((t) => t.startsWith('Ella Morris')));
    expect(await table.textContent()).not.toMatch(/Rosa Webb/);
    await shot(page, 'queue');
    await page.getByRole('link', { name: 'Ella Morris' }).click();
    await page.getByRole('heading', { name: /Ella Morris: Private children's home/ }).waitFor();
    expect(await page.getByRole('heading', { name: 'Why the rules send it here' }).isVisible()).toBe(true);
    // What it means for the budget: £12,500 a week from today to 31 March, in residential (external) care's budget.
    const today = londonToday();
    const yearEnd = `${Number(today.slice(0, 4)) + (Number(today.slice(5, 7)) >= 4 ? 1 : 0)}-03-31`;
    const days = daysBetween(today, yearEnd) + 1;
    const gbp = (pence: number) => (pence / 100).toLocaleString('en-GB', { style: 'currency', currency: 'GBP' });
    const budget = page.locator('section[aria-labelledby="budget-impact"]');
    await expect.poll(() => budget.textContent()).toContain(`would cost ${gbp(Math.round((1_250_000 * days) / 7))}`);
    expect(await budget.getByRole('table').textContent()).toMatch(/Residential external.*Forecast \(budget £[\d,]+\.\d\d\).*Headroom/);
    // Ella's case is listed for the high-cost panel's next sitting: deciding it now is refused, with the reason, and nothing typed is lost.
    await page.getByRole('radio', { name: 'Decline' }).check();
    await page.getByLabel('Reason for the decision').fill('Solo placement not yet justified');
    await page.getByRole('button', { name: 'Record decision' }).click();
    const alert = page.locator('form.decision').getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/cannot record a decision/);
    expect(await alert.textContent()).toMatch(/the sitting it is listed for starts at/);
    expect(await page.getByLabel('Reason for the decision').inputValue()).toBe('Solo placement not yet justified');
    expect(await page.locator('.lede').textContent()).toMatch(/Waiting for a decision/);
    await shot(page, 'case');
  });
});

describe('a named approver', () => {
  it('decides a case from their queue: evidence for each gate, then the decision, and the social worker sees it', async () => {
    // Band A with an external provider: the head of service decides, with no panel.
    await signInAs(/Amara Okafor/);
    await page.getByRole('link', { name: 'New request' }).click();
    await page.getByText('Add a child who is not listed').click();
    await page.getByLabel('Given name').fill('Noah');
    await page.getByLabel('Family name').fill('Price');
    await page.getByLabel('Date of birth').fill('2016-05-01');
    await page.getByRole('button', { name: 'Add child' }).click();
    await expect.poll(() => page.getByLabel('Child', { exact: true }).inputValue()).not.toBe('');
    await page.getByLabel('Legal status').selectOption('CO_S31');
    await page.getByLabel('Type of placement').selectOption('IFA_FOSTER');
    await page.getByLabel('Weekly cost, including additional services (£)').fill('900');
    await expect.poll(() => page.getByTestId('needs').textContent(), { timeout: 10_000 }).toMatch(/head of service/);
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('heading', { name: /Independent fostering agency/ }).waitFor();
    const requestUrl = page.url();

    await signInAs(/Dev Sharma/);
    await page.getByRole('link', { name: 'My queue' }).click();
    const noah = page.getByRole('link', { name: 'Noah Price' });
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole('heading', { name: 'Cases waiting for your decision' }).waitFor();
          await page
            .getByRole('table')
            .waitFor()
            .catch(() => undefined);
          return noah.count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    await noah.click();
    await page.getByRole('heading', { level: 1, name: /Noah Price: Independent fostering agency/ }).waitFor();
    const missing = page.locator('.gate-missing');
    // Before pressing "Record decision", the approver sees which gates still lack evidence, as the chair does.
    await missing.first().waitFor();
    const warning = page.locator('form.decision .missing-evidence');
    const gateTexts = await missing.evaluateAll((els) =>
      els.map((el) =>
        el
          .textContent!.replace(/^Not yet evidenced:\s*/, '')
          .replace(/Record evidence.*$/s, '')
          .trim(),
      ),
    );
    expect(await warning.locator('li').allTextContents()).toEqual(gateTexts);
    expect(await warning.textContent()).toMatch(/not evidenced: an approval will be refused/);
    await shot(page, 'case-missing-evidence');
    for (let i = await missing.count(); i > 0; i--) {
      const gate = missing.first();
      await gate.getByText('Record evidence').click();
      await gate.getByRole('textbox').fill('Placement plan agreed with the agency on 20 November');
      await gate.getByRole('button', { name: 'Save evidence' }).click();
      await expect.poll(() => missing.count()).toBe(i - 1);
    }
    expect(await warning.count()).toBe(0);
    await page.getByRole('radio', { name: 'Approve', exact: true }).check();
    await page.getByLabel('Reason for the decision').fill('No in-house carer has capacity for a 10-year-old with his needs');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => page.locator('.lede').textContent()).toMatch(/Decided/);
    expect(await page.locator('ul.decisions').textContent()).toMatch(/Approved by Dev Sharma \(head of service\)/);
    expect(await page.locator('details.history').textContent()).toMatch(/Decision recorded, by Dev Sharma/);
    expect(await codesOnPage(page)).toEqual([]);
    expect(await page.getByRole('button', { name: 'Record decision' }).count()).toBe(0);
    await shot(page, 'case-decided');

    await signInAs(/Amara Okafor/);
    await expect
      .poll(
        async () => {
          await page.goto(requestUrl);
          await page.locator('.lede').waitFor();
          return page.locator('.lede').textContent();
        },
        { timeout: 20_000 },
      )
      .toMatch(/Approved/);
    // The child's name arrives with its own call after the request.
    await expect.poll(() => page.locator('dl.facts').first().textContent()).toContain('Noah Price, aged');
    const facts = await page.locator('dl.facts').first().textContent();
    expect(facts).toContain('Approved by the head of service on');
    expect(facts).not.toContain('hos.dev');
  });
});

describe("the panel's pages in plain words", () => {
  it('the panel administrator sees counts, a held sitting, moved and decided cases as such, and what their role may see', async () => {
    await signInAs(/Nina Ross/);
    await page.getByRole('link', { name: 'Sittings' }).click();
    const table = page.getByRole('table', { name: 'Sittings, soonest first' });
    await table.waitFor();
    // Rosa's extraordinary sitting heard its one case: it is held, with none waiting.
    const held = table.getByRole('row', { name: /A placement needed before Tuesday's sitting/ });
    expect(await held.textContent()).toMatch(/1 case, 0 waiting.*Held/);
    // Her case was moved off the regular sitting it was first listed on.
    const movedFrom = table.getByRole('row', { name: /moved to another sitting/ }).first();
    await movedFrom.waitFor();
    expect(await codesOnPage(page)).toEqual([]);
    await shot(page, 'sittings-admin');
    await movedFrom.getByRole('link').click();
    const moved = page.locator('section.agenda-item', { hasText: 'Moved to another sitting' }).first();
    await moved.waitFor();
    expect(await moved.textContent()).toMatch(/Moved to another sitting\. Its cost is not counted again in the budget position\./);
    expect(await moved.locator('section[aria-labelledby="budget-impact"]').count()).toBe(0);
    expect(await codesOnPage(page)).toEqual([]);
    await shot(page, 'sitting-moved');

    await page.goto(sittingUrl);
    const decided = page.getByRole('region', { name: /Child aged 14: Private children's home/ });
    await decided.locator('.decided').waitFor();
    expect(await decided.textContent()).toMatch(/Decided at this sitting\. Its cost is not counted again in the budget position\./);
    expect(await decided.textContent()).toMatch(/Approved with conditions by Erin Walsh/);
    expect(await page.locator('.lede').textContent()).toMatch(/Held · 1 case, 0 waiting/);
    // Nothing the role may not read is asked for, so nothing "could not be loaded".
    expect(await page.locator('main').textContent()).not.toMatch(/could not be loaded/);
    expect(await page.locator('section[aria-labelledby="budget-impact"]').count()).toBe(0);
    expect(await codesOnPage(page)).toEqual([]);
    await page.getByRole('link', { name: 'Minutes' }).click();
    const minutes = page.getByRole('article', { name: 'The minutes' });
    await expect.poll(() => minutes.textContent()).toMatch(/1\. A child aged 14/);
    expect(await codesOnPage(page)).toEqual([]);
  });

  it('a panel member sees what an open case would mean for the budget; the administrator is told who sees it', async () => {
    await signInAs(/Nina Ross/);
    await page.getByRole('link', { name: 'Sittings' }).click();
    const table = page.getByRole('table', { name: 'Sittings, soonest first' });
    const waiting = table.getByRole('row', { name: /[1-9]\d* waiting/ }).first();
    await waiting.waitFor();
    await waiting.getByRole('link').click();
    const url = page.url();
    const open = page.locator('section.agenda-item', { hasText: 'Waiting to be heard' }).first();
    await open.waitFor();
    expect(await open.textContent()).toMatch(/shown to the panel's members and chair, approvers, commissioners and finance/);
    expect(await page.locator('main').textContent()).not.toMatch(/could not be loaded/);
    await shot(page, 'sitting-admin-budget');

    await signInAs(/Grace Lee/);
    await page.goto(url);
    const budget = page
      .locator('section.agenda-item', { hasText: 'Waiting to be heard' })
      .first()
      .locator('section[aria-labelledby="budget-impact"]');
    await expect.poll(() => budget.textContent()).toMatch(/this placement would cost £[\d,]+\.\d\d/);
    expect(await codesOnPage(page)).toEqual([]);
  });

  it("the chair's sitting, minutes and the approver's queue and case say names and words, never ids or codes", async () => {
    await signInAs(/Erin Walsh/);
    await page.goto(sittingUrl);
    await rosa().locator('.decided').waitFor();
    expect(await rosa().textContent()).toMatch(/“On file, see the care plan of 12 November” \(Grace Lee, /);
    expect(await codesOnPage(page)).toEqual([]);
    await page.getByRole('link', { name: 'Minutes' }).click();
    const minutes = page.getByRole('article', { name: 'The minutes' });
    await expect.poll(() => minutes.getByRole('heading', { name: '1. Rosa Webb, aged 14' }).count()).toBe(1);
    expect(await codesOnPage(page)).toEqual([]);
    await shot(page, 'minutes-named');

    await signInAs(/Farid Khan/);
    await page.getByRole('link', { name: 'My queue' }).click();
    await expect.poll(() => page.getByRole('table').textContent()).toMatch(/Ella Morris/);
    expect(await codesOnPage(page)).toEqual([]);
    await page.getByRole('link', { name: 'Ella Morris' }).click();
    await expect.poll(() => page.locator('section[aria-labelledby="budget-impact"]').textContent()).toMatch(/would cost/);
    expect(await codesOnPage(page)).toEqual([]);
  });

  it('the scan can fail: an id, a code, a user id and pence are found', async () => {
    await page.evaluate(() =>
      document
        .getElementById('main')!
        .insertAdjacentHTML('beforeend', '<p>0b7d6a52-8f0e-4c1a-9a43-5d1e2f3a4b5c PRIVATE_CHILDRENS_HOME by ad.erin at 585000p: OPEN</p>'),
    );
    expect((await codesOnPage(page)).map((c) => c.replace(/^\S+ /, '').split(':')[0])).toEqual([
      'a UUID',
      'an enum code',
      'a status code',
      'a user id',
      'pence',
    ]);
  });
});

/** The Committed figure (in pence) of a category's row on the finance page. */
async function committedPence(category: string): Promise<number> {
  const row = page.getByRole('table', { name: /^Financial year/ }).getByRole('row', { name: new RegExp(category) });
  await row.waitFor();
  // Category, Budget, Paid, Committed: the fourth cell.
  const text = (await row.locator('td').nth(3).textContent())!;
  return Math.round(Number(text.replace(/[£,]/g, '')) * 100);
}
/** The placement's start: a week today, and the last day of its financial year (31 March). */
const start = addCalendarDays(londonToday(), 7);
const yearEnd = `${Number(start.slice(0, 4)) + (Number(start.slice(5, 7)) >= 4 ? 1 : 0)}-03-31`;
const days = daysBetween(start, yearEnd) + 1;
let residentialBefore = 0;

describe('the commissioner', () => {
  it('(finance first notes what is committed for external residential care)', async () => {
    await signInAs(/Isla Murray/);
    await page.getByRole('link', { name: 'Finance' }).click();
    residentialBefore = await committedPence('Residential external');
  });

  it('sees in-house matches first on a search still in-house, and releases it with the reason', async () => {
    await signInAs(/Harry Evans/);
    await page.getByRole('link', { name: 'Searches' }).click();
    await page.getByRole('link', { name: /Independent fostering agency for a child aged 9/ }).click();
    await page.getByRole('heading', { level: 1, name: /Independent fostering agency for a child aged 9/ }).waitFor();
    expect(await page.locator('dl.facts').first().textContent()).toMatch(/In-house first/);
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings.indexOf('In-house matches')).toBeLessThan(headings.indexOf('Offers'));
    expect(
      await page
        .getByRole('table', { name: /The council's own settings with a vacancy/ })
        .locator('tbody tr')
        .count(),
    ).toBeGreaterThan(0);
    await shot(page, 'search-in-house');
    await page.getByRole('button', { name: 'Release search' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Release to external providers' }).getByRole('alert').textContent())
      .toMatch(/Say why the in-house vacancies will not do/);
    await page.getByLabel('Why the in-house vacancies will not do').fill('No in-house carer can take a 9-year-old with his needs');
    await page.getByRole('button', { name: 'Release search' }).click();
    await expect
      .poll(() => page.locator('dl.facts').first().textContent())
      .toMatch(/With external providers.*Released.*No in-house carer can take a 9-year-old/);
    expect(await page.getByRole('button', { name: 'Release search' }).count()).toBe(0);
  });

  it('finds the approved search, enters an offer with its gates and score, and awards it', async () => {
    await page.getByRole('link', { name: 'Searches', exact: true }).click();
    const link = page.getByRole('link', { name: /Private children's home for a child aged 14/ });
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole('heading', { name: 'Open searches' }).waitFor();
          await page
            .getByRole('table')
            .first()
            .waitFor()
            .catch(() => undefined);
          return link.count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    await shot(page, 'searches');
    await link.click();
    await page.getByRole('heading', { level: 1, name: /Private children's home for a child aged 14/ }).waitFor();
    // The panel's condition is the search's ceiling; with no in-house vacancy it went straight out.
    const facts = page.locator('dl.facts').first();
    await expect.poll(() => facts.textContent()).toMatch(/Approved up to£6,200\.00 a week/);
    expect(await facts.textContent()).toMatch(/With external providers/);
    expect(await page.getByText('No in-house setting has a vacancy for this search.').isVisible()).toBe(true);

    const offerForm = page.getByRole('region', { name: 'Enter an offer' });
    await offerForm.getByRole('button', { name: 'Enter offer' }).click();
    await expect.poll(() => offerForm.getByRole('alert').textContent()).toMatch(/choose the setting that offers/);
    const option = page.locator('#offer-setting option', { hasText: 'Brightwater Care Ltd' }).first();
    await option.waitFor({ state: 'attached' });
    await page.getByLabel('Setting', { exact: true }).selectOption((await option.getAttribute('value'))!);
    await page.getByLabel('Weekly fee (£)').fill('6050');
    await page.getByLabel('Start date').fill(start);
    await offerForm.getByRole('button', { name: 'Enter offer' }).click();
    const card = page.locator('.card', { hasText: 'Brightwater Care Ltd' });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/£6,050\.00/);
    expect(await card.textContent()).toMatch(/Gates \(all that apply passed\)/);
    // A 14-year-old in a children's home: reg 27C (16 and 17 year olds) does not apply, and is not shown as passed.
    expect(await card.textContent()).toMatch(/Do not apply here: [^.]*reg 27C/);
    expect(await card.locator('.gate-list li', { hasText: 'reg 27C' }).count()).toBe(0);
    expect(await card.getByRole('table', { name: "The score's parts" }).locator('tbody tr').count()).toBeGreaterThan(0);
    await shot(page, 'search');

    await card.getByRole('button', { name: /^Award/ }).click();
    const result = page.getByRole('status').filter({ hasText: 'Placement awarded' });
    await result.waitFor();
    expect(await result.textContent()).toMatch(/£6,050\.00 a week/);
    await shot(page, 'search-awarded');
  });

  it('is followed by the new commitment on the finance page: weekly x days / 7 to 31 March, in pence', async () => {
    await signInAs(/Isla Murray/);
    await page.getByRole('link', { name: 'Finance' }).click();
    const expected = Math.round((605_000 * days) / 7);
    await expect
      .poll(
        async () => {
          await page.reload();
          return committedPence('Residential external');
        },
        { timeout: 20_000 },
      )
      .toBe(residentialBefore + expected);
    await shot(page, 'finance-after-award');
  });
});

describe('a user of another council', () => {
  it("cannot see Northshire's sittings or cases", async () => {
    await signInAs(/Max Green/);
    await page.getByRole('link', { name: 'My queue' }).click();
    await page.getByRole('heading', { name: 'Cases waiting for your decision' }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toMatch(/No cases are waiting for you|Theo Clarke/);
    const text = (await page.locator('main').textContent())!;
    for (const name of ['Ella Morris', 'Sam Ali', 'Ava Thompson', 'Rosa Webb']) expect(text).not.toContain(name);
    await page.goto(sittingUrl);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/There is no such sitting in your council/);
  });
});

describe('finance', () => {
  it('sees the year forecast against budget by category', async () => {
    await signInAs(/Isla Murray/);
    await page.getByRole('link', { name: 'Finance' }).click();
    const table = page.getByRole('table', { name: /^Financial year/ });
    await expect.poll(() => table.textContent()).toMatch(/Residential in house/);
    expect(
      await page
        .getByRole('region', { name: /forecast against budget by category/ })
        .locator('.recharts-wrapper > svg.recharts-surface')
        .count(),
    ).toBe(1);
    const text = (await table.textContent())!;
    expect(text).not.toMatch(/NaN|undefined/);
    // The demo's one placement: Elm House, £4,500 a week from the day the demo was loaded.
    const row = (await table.getByRole('row', { name: /Residential in house/ }).textContent())!;
    expect(row).toMatch(/£120,000\.00/);
    await shot(page, 'finance');
  });

  it('sees the high-cost list, cost avoidance and the projection as a chart and a table', async () => {
    const highCost = page.getByRole('region', { name: 'High-cost placements' });
    await expect.poll(() => highCost.textContent()).toMatch(/Placements at or above £[\d,]+\.\d\d a week, as at/);
    const avoidance = page.getByRole('region', { name: 'Cost avoidance' });
    await expect.poll(() => avoidance.textContent()).toMatch(/not a cash saving/);
    const projection = page.getByRole('region', { name: /Projection of children in care/ });
    await projection.locator('svg.recharts-surface').first().waitFor();
    const months = projection.getByRole('table', { name: 'Projection by month' }).locator('tbody tr');
    expect(await months.count()).toBe(24);
    const text = (await projection.textContent())!;
    expect(text).not.toMatch(/NaN|undefined/);
    expect(text).toMatch(/From \d+ children in care in/);
    await shot(page, 'finance-reports');
    expect(await page.getByRole('link', { name: 'Queues' }).count()).toBe(0);
  });
});

describe('ops', () => {
  it("sees each service's queue, and only ops has the link", async () => {
    await signInAs(/Kim Taylor/);
    await page.getByRole('link', { name: 'Queues' }).click();
    const table = page.getByRole('table', { name: 'Queue status by service' });
    for (const service of ['Referrals', 'Panels', 'Commissioning', 'Finance']) {
      await expect
        .poll(() =>
          table
            .getByRole('row', { name: new RegExp(`^${service}`) })
            .locator('td')
            .first()
            .textContent(),
        )
        .toMatch(/^\d+$/);
    }
    expect(await page.getByRole('alert').count()).toBe(0);
    await shot(page, 'ops');
  });
});
