import { addCalendarDays, daysBetween, londonToday } from '@placewise/contracts/dates';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, openBrowser, shot, signInAs as signInAsOn, web } from './browser';

/**
 * The commissioner's placements (what is due, price, notice, end), the search page's widening,
 * matching profile and Inadequate-rating exemption, a provider's own pages, the rendered minutes
 * and the typed queue page, on the running platform with the demo data.
 *
 * This file makes its own children, requests and providers through the APIs (two 13- and
 * 15-year-olds fostered through an independent agency), so the demo placements and searches the
 * workspace journey relies on are left as they are.
 */

let browser: Browser;
let page: Page;
const signInAs = (name: RegExp) => signInAsOn(page, name);

/** The demo provider user, Olivia Reed of Horizon Fostering (whose id is fixed in scripts/demo-data.mjs). */
const PROVIDER = /Olivia Reed/;

/** The access token of whoever is signed in (oidc-client-ts keeps it in session storage). */
const accessToken = () =>
  page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'));
    return key ? (JSON.parse(sessionStorage.getItem(key)!) as { access_token: string }).access_token : null;
  });

/** Access tokens of the people who set the scene through the APIs, by demo user id. */
const tokens = new Map<string, string>();
async function token(sub: string): Promise<string> {
  const t = tokens.get(sub);
  if (!t) throw new Error(`no token for ${sub}`);
  return t;
}

/** What most calls here return: the id of what was made. */
type Made = { id: string };

/** A call to a service through the web server's proxy, as a demo user; the answer read as T. */
async function call<T = Made>(service: string, method: string, path: string, who: string, body?: unknown): Promise<T> {
  const r = await fetch(`${web()}/api/${service}${path}`, {
    method,
    headers: { authorization: `Bearer ${await token(who)}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${service}${path} as ${who}: ${r.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const today = londonToday();
const year = Number(today.slice(0, 4));

/** A child, a band A request (an independent fostering agency at £800 a week, decided by the head of service), its approval and its search. */
async function approvedSearch(givenName: string, familyName: string, dateOfBirth: string) {
  const child = await call('referrals', 'POST', '/children', 'sw.amara', { givenName, familyName, dateOfBirth });
  const request = await call('referrals', 'POST', '/requests', 'sw.amara', {
    childId: child.id,
    kind: 'PLACEMENT',
    legalStatus: 'CO_S31',
    placementType: 'IFA_FOSTER',
    provision: 'EXTERNAL',
    weeklyCostPence: 80_000,
    location: 'IN_AREA',
    urgency: 'PLANNED',
  });
  const c = await until('the case', async () => (await call<Made[]>('panels', 'GET', `/cases?requestId=${request.id}`, 'hos.dev'))[0]);
  const detail = await call<{ papers: { gates: Made[] } }>('panels', 'GET', `/cases/${c.id}`, 'hos.dev');
  for (const g of detail.papers.gates)
    await call('panels', 'POST', `/cases/${c.id}/evidence`, 'sw.amara', { gateId: g.id, evidence: 'Placement plan and care plan on file' });
  await call('panels', 'POST', `/cases/${c.id}/decision`, 'hos.dev', {
    outcome: 'APPROVED',
    reason: 'No in-house carer can meet these needs',
  });
  const search = await until(
    'the search',
    async () => (await call<Made[]>('commissioning', 'GET', `/searches?requestId=${request.id}`, 'com.harry'))[0],
  );
  return { child, request, search };
}

let searchA = '';
let searchB = '';

beforeAll(async () => {
  ({ browser, page } = await openBrowser());
  // Sign in as each person who sets the scene, keeping their access tokens for the API calls below.
  for (const [sub, name] of [
    ['sw.amara', /Amara Okafor/],
    ['hos.dev', /Dev Sharma/],
    ['pa.nina', /Nina Ross/],
    ['com.harry', /Harry Evans/],
  ] as const) {
    await signInAs(name);
    tokens.set(sub, (await until(`the token of ${sub}`, accessToken))!);
  }
  // A fostering agency rated Inadequate on the dynamic purchasing system: the second round.
  const riverside = await call('commissioning', 'POST', '/providers', 'com.harry', { name: 'Riverside Fostering Ltd', sector: 'PRIVATE' });
  await call('commissioning', 'POST', `/providers/${riverside.id}/settings`, 'com.harry', {
    name: 'Riverside carers',
    area: 'Northshire',
    placementType: 'IFA_FOSTER',
    ofstedUrn: 'SC556677',
    ofstedRating: 'INADEQUATE',
    postcode: 'ST16 1AA',
    ageMin: 0,
    ageMax: 17,
    capacity: 3,
    vacancies: 2,
    weeklyPricePence: 78_000,
    procurementRoute: 'DPS',
  });
  const a = await approvedSearch('Kai', 'Turner', `${year - 13}-03-10`);
  const b = await approvedSearch('Mia', 'Lowe', `${year - 15}-02-02`);
  searchA = a.search.id;
  searchB = b.search.id;
  // In-house first: the council's own foster carers have vacancies, so each search is released with the reason.
  for (const id of [searchA, searchB])
    await call('commissioning', 'POST', `/searches/${id}/release`, 'com.harry', { reason: 'No in-house carer near the school' });
});

afterAll(async () => {
  await browser?.close();
});

/** The element with the focus is, or is inside, an error summary. */
const focusOnAlert = () =>
  page.evaluate(
    () =>
      !!document.activeElement &&
      (document.activeElement.matches('[role="alert"]') || !!document.activeElement.querySelector('[role="alert"]')),
  );

describe('the search page', () => {
  it('records the matching profile, with the problems shown by the fields', async () => {
    await signInAs(/Harry Evans/);
    await page.goto(`${web()}/searches/${searchA}`);
    await page.getByRole('heading', { level: 1, name: 'Independent fostering agency for a child aged 13' }).waitFor();
    await page.getByText(/^Matching profile:/).click();
    const form = page.getByRole('form', { name: 'Matching profile' });
    await form.getByLabel('Needs').fill('ebd, cse-risk');
    await form.getByLabel('Home area latitude').fill('52.81');
    await form.getByLabel('Brothers and sisters to be placed together').fill('eleven');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(focusOnAlert).toBe(true);
    const summary = form.getByRole('alert');
    expect(await summary.textContent()).toMatch(/Use need codes such as EBD or CSE_RISK \(not CSE-RISK\)/);
    expect(await form.locator('#profile-home-lng-error').textContent()).toBe('Enter both the latitude and the longitude, or neither');
    expect(await form.locator('#profile-siblings-error').textContent()).toBe('Enter a number from 0 to 10');
    expect(await form.getByLabel('Brothers and sisters to be placed together').getAttribute('aria-invalid')).toBe('true');
    // The summary's links take the focus to the field; what was typed is kept.
    await summary.getByRole('link', { name: 'Enter a number from 0 to 10' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('profile-siblings');
    expect(await form.getByLabel('Needs').inputValue()).toBe('ebd, cse-risk');
    await shot(page, 'search-profile-errors');
    expect(await axe(page), 'axe: search-profile-errors').toEqual([]);

    await form.getByLabel('Needs').fill('ebd, cse_risk');
    await form.getByLabel('Home area longitude').fill('-2.12');
    await form.getByLabel('Brothers and sisters to be placed together').fill('1');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await form.getByRole('status').filter({ hasText: 'Profile saved' }).waitFor();
    expect(await page.getByText(/^Matching profile:/).textContent()).toBe(
      'Matching profile: needs EBD, CSE_RISK; home set; school not set; 1 sibling',
    );
    expect(await form.getByRole('alert').count()).toBe(0);
  });

  it('sends the search to the next round, and says so when no round is left', async () => {
    const sent = page.getByRole('table', { name: 'Providers sent this search, by round' });
    await expect
      .poll(() => sent.locator('tbody tr').allTextContents())
      .toEqual(['1Horizon FosteringFramework, tier 1Waiting for an answer']);
    const widen = page.getByRole('region', { name: 'Send to more providers' });
    await widen.getByRole('button', { name: 'Send to the next round' }).click();
    // Round 2 is the dynamic purchasing system; the providers the demo's 903 import created (spot
    // purchases) may make one more round before none is left.
    await expect
      .poll(() => widen.getByRole('status').textContent())
      .toMatch(/^Round 2 sent to 1 provider \(Dynamic purchasing system\); (no rounds are left|1 round left)\.$/);
    await expect.poll(() => sent.locator('tbody tr').count()).toBe(2);
    expect(await sent.locator('tbody tr').nth(1).textContent()).toBe(
      '2Riverside Fostering LtdDynamic purchasing systemWaiting for an answer',
    );
    expect(await page.locator('dl.facts').first().textContent()).toMatch(/With external providers, round 2/);
    const roundsLeft = (await widen.getByRole('status').textContent())?.endsWith('1 round left.') ? 1 : 0;
    for (let round = 3; round < 3 + roundsLeft; round++) {
      await widen.getByRole('button', { name: 'Send to the next round' }).click();
      await expect.poll(() => widen.getByRole('status').textContent()).toMatch(new RegExp(`^Round ${round} sent to \\d+ providers?`));
    }
    await widen.getByRole('button', { name: 'Send to the next round' }).click();
    await expect.poll(() => widen.getByRole('alert').textContent()).toMatch(/no further providers to send this search to/);
    await shot(page, 'search-widened');
    expect(await axe(page), 'axe: search-widened').toEqual([]);
  });

  it('takes an offer from a setting rated Inadequate, which a head of service exempts before it can be awarded', async () => {
    const offerForm = page.getByRole('region', { name: 'Enter an offer' });
    const option = page.locator('#offer-setting option', { hasText: 'Riverside carers' });
    await option.waitFor({ state: 'attached' });
    await page.getByLabel('Setting', { exact: true }).selectOption((await option.getAttribute('value'))!);
    await offerForm.getByLabel('Weekly fee (£)').fill('780');
    await offerForm.getByLabel('Start date').fill(addCalendarDays(today, 7));
    await offerForm.getByRole('button', { name: 'Enter offer' }).click();
    const card = page.locator('.card', { hasText: 'Riverside carers' });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Gates \(1 failed\)/);
    expect(await card.textContent()).toMatch(/Failed: rated Inadequate: a placement needs a head of service exemption/);
    expect(await card.textContent()).toMatch(
      /cannot be awarded unless a head of service, assistant director or director records an exemption/,
    );
    expect(await card.getByRole('button', { name: 'Record exemption' }).count()).toBe(0); // not the commissioner's to give

    await signInAs(/Dev Sharma/);
    await page.goto(`${web()}/searches/${searchA}`);
    const theirCard = page.locator('.card', { hasText: 'Riverside carers' });
    await theirCard.waitFor();
    // The head of service reads the search but does not commission: no offer, award or release here.
    expect(await page.getByRole('region', { name: 'Enter an offer' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Award/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'All open searches' }).count()).toBe(0);
    const exemption = theirCard.getByRole('form', { name: 'Exemption for a setting rated Inadequate' });
    await exemption.getByRole('button', { name: 'Record exemption' }).click();
    await expect.poll(focusOnAlert).toBe(true);
    expect(await exemption.locator('.error').textContent()).toBe("Say why this placement is in the child's interests despite the rating");
    await exemption
      .getByLabel("Why the placement is in the child's interests")
      .fill('The only carers able to keep him at his school; weekly visits until the re-inspection');
    await exemption.getByRole('button', { name: 'Record exemption' }).click();
    await expect.poll(() => theirCard.textContent()).toMatch(/Gates \(all that apply passed\)/);
    expect(await theirCard.textContent()).toMatch(/head of service exemption by hos\.dev: The only carers able to keep him at his school/);
    expect(await theirCard.getByRole('form').count()).toBe(0);
    await shot(page, 'search-exemption');
    expect(await axe(page), 'axe: search-exemption').toEqual([]);
  });
});

describe('a provider', () => {
  it('sees the referrals sent to it, without the child or the council ceiling, and offers against one', async () => {
    await signInAs(PROVIDER);
    await page.getByRole('heading', { level: 1, name: 'Referrals' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Referrals', 'Offers', 'Placements']);
    const table = page.getByRole('table', { name: /Referrals sent to you/ });
    await expect.poll(() => table.textContent()).toMatch(/Independent fostering agency for a child aged 13/);
    expect(await table.textContent()).toMatch(/Independent fostering agency for a child aged 15/);
    const main = (await page.locator('main').textContent())!;
    for (const secret of ['Kai Turner', 'Mia Lowe', 'Approved up to', '£800.00']) expect(main).not.toContain(secret);
    await shot(page, 'provider-referrals');
    expect(await axe(page), 'axe: provider-referrals').toEqual([]);

    await page.getByRole('link', { name: 'Independent fostering agency for a child aged 13' }).click();
    await page.getByRole('heading', { level: 1, name: 'Independent fostering agency for a child aged 13' }).waitFor();
    expect(await page.locator('dl.facts').first().textContent()).toMatch(/NeedsEBD, CSE risk/);
    const form = page.getByRole('region', { name: 'Make an offer' });
    await form.getByRole('button', { name: 'Send offer' }).click();
    await expect.poll(focusOnAlert).toBe(true);
    expect(await form.getByRole('alert').getByRole('link').allTextContents()).toEqual([
      'Choose the home or service you are offering',
      'Enter the weekly fee in pounds, like 950 or 950.50',
      'Enter the day the placement could start',
    ]);
    expect(await form.locator('#ref-fee-error').textContent()).toBe('Enter the weekly fee in pounds, like 950 or 950.50');
    const option = form.locator('#ref-setting option', { hasText: 'Horizon Fostering carers' });
    await option.waitFor({ state: 'attached' });
    expect(await form.locator('#ref-setting option').count()).toBe(2); // its own setting only
    await form.getByLabel('Home or service').selectOption((await option.getAttribute('value'))!);
    await form.getByLabel('Weekly fee (£)').fill('800');
    await form.getByLabel('Could start on').fill(today);
    await form.getByLabel('Notes for the council (optional)').fill('A carer ten minutes from his school');
    await form.getByRole('button', { name: 'Send offer' }).click();
    await page.getByRole('status').filter({ hasText: 'Your offer of Horizon Fostering carers has been sent to the council.' }).waitFor();
    const card = page.locator('.card', { hasText: 'Horizon Fostering carers' });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/£800\.00/);
    expect(await card.textContent()).toMatch(/Passes every check the council makes/);
    expect(await page.locator('dl.facts').first().textContent()).toMatch(/StatusOffered/);
    // The provider changes its offer before the council chooses: the card shows the new terms, then puts the fee back.
    const revise = async (fee: string) => {
      await card.getByRole('button', { name: 'Change this offer' }).click();
      const change = card.getByRole('form', { name: 'Change the offer of Horizon Fostering carers' });
      await change.getByLabel('Weekly fee (£)').fill(fee);
      await change.getByRole('button', { name: 'Save the change' }).click();
      await page.getByRole('status').filter({ hasText: 'Your offer of Horizon Fostering carers has been changed.' }).waitFor();
    };
    await revise('750');
    await expect.poll(() => card.textContent()).toMatch(/Weekly total£750\.00.*Changed/);
    await revise('800');
    await expect.poll(() => card.textContent()).toMatch(/Weekly total£800\.00/);
    expect(await card.getByRole('button', { name: 'Withdraw this offer' }).count()).toBe(1);
    await shot(page, 'provider-referral');
    expect(await axe(page), 'axe: provider-referral').toEqual([]);
  });

  it('declines another, saying why, and sees its offers', async () => {
    await page.getByRole('link', { name: 'Referrals', exact: true }).click();
    // The referral it has answered no longer waits for its answer.
    const answered = page.getByRole('row', { name: /Independent fostering agency for a child aged 13/ });
    await expect.poll(() => answered.textContent()).toMatch(/Offered$/);
    expect(await answered.textContent()).not.toMatch(/Waiting for your answer|left\)/);
    await page.getByRole('link', { name: 'Independent fostering agency for a child aged 15' }).click();
    const decline = page.getByRole('region', { name: 'Decline the referral' });
    await decline.getByRole('button', { name: 'Decline referral' }).click();
    await expect.poll(() => decline.locator('#decline-reason-error').textContent()).toBe('Say why you cannot offer');
    await decline.getByLabel('Why you cannot offer').fill('No carer free for a 15-year-old until spring');
    await decline.getByRole('button', { name: 'Decline referral' }).click();
    await page.getByRole('status').filter({ hasText: 'You have declined this referral.' }).waitFor();
    await expect
      .poll(() => page.locator('dl.facts').first().textContent())
      .toMatch(/StatusDeclined.*You declinedNo carer free for a 15-year-old until spring/);
    expect(await page.getByRole('region', { name: 'Make an offer' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Offers', exact: true }).click();
    const offers = page.getByRole('table', { name: 'Your offers, newest first' });
    await expect
      .poll(() => offers.locator('tbody tr').first().textContent())
      .toMatch(/^Horizon Fostering carers£800\.00.*All passedWaiting for the council/);
    expect(await offers.getByRole('link', { name: 'Horizon Fostering carers' }).first().getAttribute('href')).toMatch(
      /^\/provider\/referrals\//,
    );
    await shot(page, 'provider-offers');
    expect(await axe(page), 'axe: provider-offers').toEqual([]);

    // The council's own pages are not the provider's.
    await page.goto(`${web()}/searches/${searchA}`);
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/Searches are the commissioners'/);
  });
});

let placementUrl = '';

describe('the commissioner, with the placement made', () => {
  it('awards the provider’s offer, then sees placements with a review or notice due first, counting down', async () => {
    await signInAs(/Harry Evans/);
    await page.goto(`${web()}/searches/${searchA}`);
    const card = page.locator('.card', { hasText: 'Horizon Fostering carers' });
    await card.getByRole('button', { name: /^Award/ }).click();
    await page.getByRole('status').filter({ hasText: 'Placement awarded' }).waitFor();

    await page.getByRole('link', { name: 'Placements', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Placements' }).waitFor();
    await page.getByLabel('Due within').selectOption('56');
    const due = page.getByRole('table', { name: /Placements with a review or the end of a notice due within 56 days, soonest first/ });
    const row = due.getByRole('row', {
      name: /Horizon Fostering carers \(Horizon Fostering\): Independent fostering agency, child aged 13/,
    });
    await row.waitFor();
    // CPPCR reg 33(1): the first review within 20 working days of the start (today): four weeks at
    // least, more over bank holidays (the exact dates are the commissioning service's unit tests').
    const first = (await row.locator('time').first().getAttribute('datetime'))!;
    expect(daysBetween(today, first)).toBeGreaterThanOrEqual(28);
    expect(daysBetween(today, first)).toBeLessThanOrEqual(35);
    const placementId = (await row.getByRole('link').getAttribute('href'))!.split('/').pop();
    expect(
      (await call<{ nextReview: unknown }>('commissioning', 'GET', `/placements/${placementId}`, 'com.harry')).nextReview,
    ).toMatchObject({
      due: first,
      kind: 'FIRST',
    });
    expect(await row.textContent()).toMatch(/First review by .*\((\d+ days?|\d+ hours?) left\)/);
    // Soonest first.
    const dates = await due
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.querySelector('time')?.getAttribute('datetime') ?? ''));
    expect(dates).toEqual([...dates].sort());
    // Every placement, the demo's Elm House among them.
    const all = page.getByRole('table', { name: 'Placements, newest first' });
    await expect.poll(() => all.textContent()).toMatch(/Elm House \(Northshire Children's Homes\)/);
    await shot(page, 'placements');
    expect(await axe(page), 'axe: placements').toEqual([]);
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Horizon Fostering carers: Independent fostering agency' }).waitFor();
    placementUrl = page.url();
    const facts = page.locator('dl.facts');
    expect(await facts.textContent()).toMatch(/StatusActive/);
    expect(await facts.textContent()).toMatch(/Approved up to£800\.00 a week/);
    expect(await facts.textContent()).toMatch(/Next reviewFirst review by .*CPPCR 2010 reg 33\(1\)/);
  });

  it('changes the price: applied within the limits, held for re-approval above them, refused while one waits', async () => {
    const form = page.getByRole('region', { name: 'Change the weekly price' });
    // Submitted from the keyboard, empty: every problem is named, and the focus goes to the summary.
    await form.getByLabel('New weekly total (£)').press('Enter');
    await expect.poll(focusOnAlert).toBe(true);
    expect(await form.getByRole('alert').getByRole('link').allTextContents()).toEqual([
      'Enter the new weekly total in pounds, like 4750 or 4750.50',
      'Enter the day the new price takes effect',
      'Choose why the price changes',
    ]);

    await form.getByLabel('New weekly total (£)').fill('820');
    await form.getByLabel('Takes effect from').fill(today);
    await form.getByRole('radio', { name: /Variation/ }).check();
    await form.getByRole('button', { name: 'Change price' }).click();
    const ok = page.getByRole('status').filter({ hasText: 'Price changed' });
    await ok.waitFor();
    expect(await ok.textContent()).toMatch(/£820\.00 a week from .* \(was £800\.00\)/);
    await expect.poll(() => page.locator('dl.facts').textContent()).toMatch(/Weekly cost£820\.00/);

    // 9.8% more: above the council's 5% limit, so it goes back for approval and the price stays.
    await form.getByLabel('New weekly total (£)').fill('900');
    await form.getByLabel('Takes effect from').fill(today);
    await form.getByRole('radio', { name: /Variation/ }).check();
    await form.getByRole('button', { name: 'Change price' }).click();
    const held = page.getByRole('status').filter({ hasText: 'Not changed yet: sent for re-approval' });
    await held.waitFor();
    expect(await held.textContent()).toMatch(/£900\.00 a week \(from £820\.00\) is above the council's limits/);
    await expect
      .poll(() => page.getByRole('table', { name: 'Price changes' }).locator('tbody tr').allTextContents())
      .toEqual([
        expect.stringMatching(/£800\.00£820\.00Variation.*Applied$/),
        expect.stringMatching(/£820\.00£900\.00Variation.*Waiting for re-approval$/),
      ]);
    expect(await page.locator('dl.facts').textContent()).toMatch(/Weekly cost£820\.00/);
    await shot(page, 'placement-price-held');
    expect(await axe(page), 'axe: placement-price-held').toEqual([]);

    // Another change while that one waits: the service refuses, naming the field; what was typed stays.
    await form.getByLabel('New weekly total (£)').fill('850');
    await form.getByLabel('Takes effect from').fill(today);
    await form.getByRole('radio', { name: /Variation/ }).check();
    await form.getByRole('button', { name: 'Change price' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toMatch(/a price change for this placement is already waiting for re-approval/);
    expect(await form.locator('#price-amount-error').textContent()).toBe('wait for the pending re-approval');
    expect(await form.getByLabel('New weekly total (£)').inputValue()).toBe('850');
    await expect.poll(focusOnAlert).toBe(true);
  });

  it('records the council’s notice, which opens a replacement search, then ends the placement', async () => {
    const notice = page.getByRole('region', { name: 'Record notice' });
    const lastDay = addCalendarDays(today, 14);
    await notice.getByRole('radio', { name: 'The council' }).check();
    expect(await notice.getByRole('checkbox', { name: 'Open a replacement search now' }).isChecked()).toBe(true);
    await notice.getByLabel('Last day of the placement (optional)').fill(lastDay);
    await notice.getByLabel('Why notice is given').fill('A move to kinship carers, agreed at the review');
    await notice.getByRole('button', { name: 'Record notice' }).click();
    const recorded = page.getByRole('status').filter({ hasText: 'Notice recorded' });
    await recorded.waitFor();
    await expect.poll(() => page.locator('dl.facts').textContent()).toMatch(/StatusUnder notice/);
    // A review is due before the placement ends (reg 14(1), reg 32(2)).
    expect(await page.locator('dl.facts').textContent()).toMatch(/Next reviewReview before the placement ends by/);
    await shot(page, 'placement-notice');
    expect(await axe(page), 'axe: placement-notice').toEqual([]);
    await recorded.getByRole('link', { name: 'open the replacement search' }).click();
    await page.getByRole('heading', { level: 1, name: 'Independent fostering agency for a child aged 13' }).waitFor();
    expect(await page.locator('dl.facts').first().textContent()).toMatch(/Status\s*Open/);
    expect(new URL(page.url()).pathname).not.toBe(`/searches/${searchA}`);

    await page.getByRole('link', { name: 'Placements', exact: true }).click();
    const due = page.getByRole('table', { name: /due within 28 days/ });
    const row = due.getByRole('row', { name: /Horizon Fostering carers \(Horizon Fostering\)/ });
    await expect.poll(() => row.textContent()).toMatch(/Notice ends \(last day\) by/);
    expect(await row.textContent()).toMatch(/Review before the placement ends by/);

    await page.goto(placementUrl);
    const end = page.getByRole('region', { name: 'End the placement' });
    await end.getByLabel('Last day of the placement').fill(addCalendarDays(today, -1));
    await end.getByLabel('Why it ends').selectOption('MOVE');
    await end.getByRole('button', { name: 'End placement' }).click();
    // The service refuses an end before the start, by the field.
    await expect.poll(() => end.locator('#end-date-error').textContent()).toBe(`must be on or after ${today}`);
    expect(await end.getByRole('alert').textContent()).toMatch(/a placement cannot end before it starts/);
    expect(await end.getByLabel('Why it ends').inputValue()).toBe('MOVE');
    await end.getByLabel('Last day of the placement').fill(lastDay);
    await end.getByRole('button', { name: 'End placement' }).click();
    await page.getByRole('status').filter({ hasText: 'Placement ended' }).waitFor();
    await expect.poll(() => page.locator('dl.facts').textContent()).toMatch(/StatusEnded/);
    expect(await page.locator('dl.facts').textContent()).toMatch(/Next reviewNone: the placement has ended/);
    expect(await page.getByRole('region', { name: 'Change the weekly price' }).count()).toBe(0);
    await shot(page, 'placement-ended');
    expect(await axe(page), 'axe: placement-ended').toEqual([]);
  });

  it('lets the provider see the placement it lost, without the council ceiling', async () => {
    await signInAs(PROVIDER);
    await page.getByRole('link', { name: 'Placements', exact: true }).click();
    await page.getByLabel('Show').selectOption('ENDED');
    const all = page.getByRole('table', { name: 'Placements, newest first' });
    await expect.poll(() => all.textContent()).toMatch(/Horizon Fostering carers \(Horizon Fostering\)/);
    expect(await all.textContent()).not.toMatch(/Elm House/); // another provider's
    await all
      .getByRole('link', { name: /Horizon Fostering carers/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Horizon Fostering carers: Independent fostering agency' }).waitFor();
    expect(await page.locator('dl.facts').textContent()).not.toMatch(/Approved up to/);
    expect(await page.getByRole('region', { name: 'Give notice' }).count()).toBe(0);
  });
});

describe('the minutes', () => {
  it('are rendered from their Markdown, with any HTML in them shown as text', async () => {
    const panels = await call<{ id: string; type: string }[]>('panels', 'GET', '/panels', 'pa.nina');
    const gateway = panels.find((p) => p.type === 'GATEWAY')!;
    const sitting = await call('panels', 'POST', `/panels/${gateway.id}/sittings`, 'pa.nina', {
      startsAt: new Date().toISOString(),
      reason: 'Two entries to care <b>today</b>',
    });
    await signInAs(/Nina Ross/);
    await page.goto(`${web()}/sittings/${sitting.id}/minutes`);
    const doc = page.getByRole('article', { name: 'The minutes' });
    await doc.getByRole('heading', { level: 2, name: 'Minutes: Gateway Panel' }).waitFor();
    expect(await doc.getByRole('heading', { level: 3, name: 'Attendance' }).count()).toBe(1);
    expect(await doc.locator('li').count()).toBeGreaterThan(0);
    const text = (await doc.textContent())!;
    expect(text).not.toMatch(/^#|\n#|\*\*/);
    expect(text).toContain('Two entries to care <b>today</b>');
    expect(await doc.locator('b').count()).toBe(0);
    // The Markdown itself, to copy or download.
    expect(await page.locator('pre.minutes').textContent()).toMatch(/^# Minutes: Gateway Panel/);
    // Named from the minutes' heading, with no id in it.
    expect(await page.getByRole('link', { name: 'Download the minutes (Markdown)' }).getAttribute('download')).toMatch(
      /^minutes-gateway-panel[a-z0-9-]*\.md$/,
    );
    await shot(page, 'minutes-rendered');
    expect(await axe(page), 'axe: minutes-rendered').toEqual([]);
  });
});

describe('ops', () => {
  it("sees each service's outbox from the typed answer", async () => {
    await signInAs(/Kim Taylor/);
    await page.getByRole('link', { name: 'Queues' }).click();
    const table = page.getByRole('table');
    expect(await table.locator('thead th').allTextContents()).toEqual([
      'Service',
      'Waiting',
      'Active',
      'Delayed',
      'Failed',
      'Completed',
      'Outbox waiting',
      'Oldest waiting',
    ]);
    for (const service of ['Referrals', 'Panels', 'Commissioning', 'Finance']) {
      const cells = table.getByRole('row', { name: new RegExp(`^${service}`) }).locator('td');
      await expect.poll(() => cells.nth(5).textContent()).toMatch(/^\d+$/);
      expect(await cells.nth(6).textContent()).toMatch(/^None waiting$|^\d+ (s|min|h)$/);
    }
  });
});
