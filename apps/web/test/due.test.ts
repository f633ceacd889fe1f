import { addCalendarDays, daysBetween, londonToday } from '@placewise/contracts/dates';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsPeople } from './api';
import { axe, openBrowser, shot, signInAs } from './browser';

/**
 * The due list (/due) on the running platform with the demo data: the statutory clocks the rules set
 * on the demo requests, for the signed-in person's roles, checked against the clocks API's answer
 * for the same person; recording one as done (refused first for a day in the future).
 */

let browser: Browser;
let page: Page;
let as: AsPeople;
const today = londonToday();

interface Clock {
  id: string;
  childId: string;
  requestId: string;
  what: string;
  ownerName: string;
  escalatesToName: string;
  dueDate: string;
  late: boolean;
  state: string;
  status: string;
}
interface DueList {
  rolesText: string;
  late: number;
  dueSoon: number;
  clocks: Clock[];
}

/** "due Tue 8 Dec" or "3 days late", written here independently of the page's code. */
function expectedDue(c: Clock): string {
  const days = daysBetween(today, c.dueDate);
  if (days < 0) return `${-days} day${days === -1 ? '' : 's'} late`;
  if (days === 0) return c.late ? 'late: it was due earlier today' : 'due today';
  const words = new Date(`${c.dueDate}T12:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(c.dueDate.slice(0, 4) === today.slice(0, 4) ? {} : { year: 'numeric' }),
    timeZone: 'Europe/London',
  });
  return days === 1 ? `due tomorrow, ${words.replace(',', '')}` : `due ${words.replace(',', '')}`;
}

beforeAll(async () => {
  ({ browser, page } = await openBrowser());
  as = new AsPeople(page);
  await as.signIn([['sw.amara', /Amara Okafor/]]);
});

afterAll(async () => {
  await browser?.close();
});

describe('due and late', () => {
  it('shows a social worker what is due and late for their role, as the clocks API says, with who owns each and where it is done', async () => {
    const due = await as.call<DueList>('panels', 'GET', '/clocks/due', 'sw.amara');
    expect(due.clocks.length).toBeGreaterThan(0);
    await signInAs(page, /Amara Okafor/);
    await page.getByRole('link', { name: 'Due', exact: true }).click();
    await page.getByRole('heading', { name: 'Due and late' }).waitFor();
    await expect
      .poll(() => page.locator('.lede').textContent())
      .toBe(`For ${due.rolesText}: ${due.late} late, ${due.dueSoon} due soon, ${due.clocks.length} open in all.`);
    const items = page.locator('.due-list > li');
    await expect.poll(() => items.count()).toBe(due.clocks.length);
    for (const [i, c] of due.clocks.entries()) {
      const child = (await as.call<{ displayName: string }>('referrals', 'GET', `/children/${c.childId}`, 'sw.amara')).displayName;
      const item = items.nth(i);
      await expect.poll(() => item.getByRole('heading').textContent()).toBe(`${c.what}: ${child}`);
      const text = await item.textContent();
      expect(text).toContain(expectedDue(c));
      expect(text).toContain(
        c.state === 'ESCALATED' ? `owned by ${c.ownerName}, escalated to ${c.escalatesToName}` : `owned by ${c.ownerName}`,
      );
      expect(await item.getByRole('link', { name: `Open the request for ${child}` }).getAttribute('href')).toBe(`/requests/${c.requestId}`);
    }
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).not.toMatch(/\b(PLACEMENT_PLAN|DUE_SOON|ACTIVE|social-worker)\b/);
    expect(await axe(page), 'axe: due').toEqual([]);
    await shot(page, 'due');
  });

  it('records a clock as done, after refusing a day in the future with the reason by the field', async () => {
    const before = await as.call<DueList>('panels', 'GET', '/clocks/due', 'sw.amara');
    const c = before.clocks[0]!;
    await signInAs(page, /Amara Okafor/);
    await page.getByRole('link', { name: 'Due', exact: true }).click();
    const item = page.locator('.due-list > li').first();
    await expect.poll(() => item.getByRole('heading').textContent()).toContain(c.what);
    await item.locator('summary').click();
    const form = item.getByRole('form');
    await form.getByLabel('Done on').fill(addCalendarDays(today, 1));
    await form.getByLabel('What was done').fill('Placement plan agreed and signed with the carers');
    await form.getByRole('button', { name: 'Record as done' }).click();
    const fieldError = form.locator('.field-error .error');
    await expect.poll(() => fieldError.textContent()).toMatch(/future|after/);
    expect(await form.getByLabel('What was done').inputValue()).toBe('Placement plan agreed and signed with the carers');
    expect(await axe(page), 'axe: due-refused').toEqual([]);
    await shot(page, 'due-refused');
    expect((await as.call<Clock>('panels', 'GET', `/clocks/${c.id}`, 'sw.amara')).status).toBe('ACTIVE');

    await form.getByLabel('Done on').fill(today);
    await form.getByRole('button', { name: 'Record as done' }).click();
    await expect.poll(async () => (await as.call<Clock>('panels', 'GET', `/clocks/${c.id}`, 'sw.amara')).status).toBe('COMPLETED');
    const child = (await as.call<{ displayName: string }>('referrals', 'GET', `/children/${c.childId}`, 'sw.amara')).displayName;
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`Recorded as done: ${c.what} for ${child}`);
    const after = await as.call<DueList>('panels', 'GET', '/clocks/due', 'sw.amara');
    expect(after.clocks.some((x) => x.id === c.id)).toBe(false);
    await expect.poll(() => page.locator('.due-list > li').count()).toBe(after.clocks.length);
  });
});
