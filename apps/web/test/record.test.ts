import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { addCalendarDays, londonToday } from '@placewise/contracts/dates';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, openBrowser, shot, signInAs as signInAsOn, web } from './browser';

let browser: Browser;
let page: Page;
const signInAs = (name: RegExp) => signInAsOn(page, name);
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const today = londonToday();
const daysAgo = (n: number) => addCalendarDays(today, -n);
const london = (d: string) =>
  new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });
/** The collection year today is in (1 April to 31 March), e.g. "2026-27". */
const [y, m] = today.split('-').map(Number) as [number, number];
const yearStart = m >= 4 ? y : y - 1;
const yearLabel = `${yearStart}-${String((yearStart + 1) % 100).padStart(2, '0')}`;

beforeAll(async () => {
  ({ browser, page } = await openBrowser());
});

afterAll(async () => {
  await browser?.close();
});

const axeFindings = async () =>
  (await axe(page)).map((v) => `${page.url()} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

/** Opens one of the record's forms, fills it with `fill` and sends it. */
async function send(title: string, fill: (form: Locator) => Promise<void>, submit: string): Promise<Locator> {
  const box = page.locator('details', { has: page.getByText(title, { exact: true }) });
  if (!(await box.evaluate((d) => (d as HTMLDetailsElement).open))) await box.getByText(title, { exact: true }).click();
  const form = box.getByRole('form', { name: title });
  await fill(form);
  await form.getByRole('button', { name: submit }).click();
  return box;
}

/** The error shown by a field (its label's control names it with aria-describedby). */
const fieldError = (form: Locator, id: string) => form.locator(`#${id}-error`);

describe("a child's record", () => {
  let recordUrl = '';

  it('a social worker adds a child, finds them in the children list and opens their record', async () => {
    await signInAs(/Amara Okafor/);
    await page.goto(`${web()}/requests/new`);
    await page.getByText('Add a child who is not listed').click();
    await page.getByLabel('Given name').fill('Nia');
    await page.getByLabel('Family name').fill('Holt');
    await page.getByLabel('Date of birth').fill('2013-03-09');
    await page.getByRole('button', { name: 'Add child' }).click();
    await expect.poll(() => page.getByLabel('Child', { exact: true }).inputValue()).not.toBe('');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Children' }).click();
    await page.getByRole('heading', { name: 'Children', level: 1 }).waitFor();
    const table = page.getByRole('table');
    // By family name: the children she recorded or asked for, and no one else's (the council's imported
    // children, known by reference alone, are the performance team's until a social worker asks for them).
    await expect
      .poll(() => table.locator('tbody tr', { has: page.getByRole('link', { name: 'Nia Holt' }) }).textContent())
      .toBe('Nia Holt9 Mar 201313');
    expect(await table.textContent()).toContain('Ella Morris');
    expect(await table.textContent()).not.toMatch(/Theo Clarke|Child [A-Z0-9]+\b/);
    expect(await table.locator('tbody tr').count()).toBeLessThan(50);
    expect(await page.getByRole('button', { name: 'Next 50' }).count()).toBe(0);
    expect(await axeFindings()).toEqual([]);
    await shot(page, 'children');
    await table.getByRole('link', { name: 'Nia Holt' }).click();
    await page.getByRole('heading', { name: 'Nia Holt', level: 1 }).waitFor();
    recordUrl = page.url();
    expect(new URL(recordUrl).pathname).toMatch(/^\/children\/[0-9a-f-]{36}$/);
    expect(await page.locator('.lede').textContent()).toBe('Not looked after now');
    expect(await page.locator('#characteristics dl').textContent()).toContain('Date of birth9 Mar 2013');
  });

  it('records a change of legal status with its reason, and is told why an earlier one is refused', async () => {
    let box = await send(
      'Record a change of legal status',
      async (f) => {
        await f.getByLabel('New legal status').selectOption({ label: 'Section 20 (voluntary accommodation)' });
        await f.getByLabel('From').fill(daysAgo(30));
        await f.getByLabel('Why it changed').fill('Parents agreed to accommodation');
      },
      'Record the change',
    );
    await box
      .getByRole('status')
      .filter({ hasText: `Section 20 (voluntary accommodation) from ${london(daysAgo(30))} recorded.` })
      .waitFor();
    const rows = page.locator('#legal-status tbody tr');
    await expect
      .poll(() => rows.allTextContents())
      .toEqual([
        `${london(daysAgo(30))}Single period of accommodation under section 20Parents agreed to accommodationRecorded in Placewise`,
      ]);
    // Earlier than the status now recorded: refused by the service, its reason by the field; what was typed stays.
    box = await send(
      'Record a change of legal status',
      async (f) => {
        await f.getByLabel('New legal status').selectOption({ label: 'Interim care order (s38)' });
        await f.getByLabel('From').fill(daysAgo(40));
        await f.getByLabel('Why it changed').fill('Interim care order granted');
      },
      'Record the change',
    );
    const form = box.getByRole('form');
    await expect.poll(() => fieldError(form, 'ls-date').textContent()).toBe(`must not be before ${daysAgo(30)}`);
    expect(await form.getByRole('alert').textContent()).toContain(`the legal status already changed on ${daysAgo(30)}`);
    expect(await form.getByLabel('Why it changed').inputValue()).toBe('Interim care order granted');
    expect(await rows.count()).toBe(1);
    await shot(page, 'child-record-refused');
  });

  it('records a review, and refuses one held in the future by the day it names', async () => {
    let box = await send(
      'Record a review',
      async (f) => {
        await f.getByLabel('Held on').fill(daysAgo(10));
        await f.getByLabel('How the child took part').selectOption({ label: 'Attended and spoke for themselves' });
        await f.getByRole('radio', { name: 'Independent reviewing officer' }).check();
        await f.getByLabel('Why you are recording this').fill("IRO's record of the review received");
      },
      'Record the review',
    );
    await box.getByRole('status').filter({ hasText: 'recorded.' }).waitFor();
    await expect
      .poll(() => page.locator('#reviews tbody tr').allTextContents())
      .toEqual([`${london(daysAgo(10))}Attended and spoke for themselvesIndependent reviewing officerRecorded in Placewise`]);
    box = await send(
      'Record a review',
      async (f) => {
        await f.getByLabel('Held on').fill(addCalendarDays(today, 3));
        await f.getByLabel('How the child took part').selectOption({ label: 'Under 4 at the review' });
        await f.getByLabel('Why you are recording this').fill('Booked');
      },
      'Record the review',
    );
    await expect.poll(() => fieldError(box.getByRole('form'), 'review-on').textContent()).toBe('must not be in the future');
    expect(await page.locator('#reviews tbody tr').count()).toBe(1);
  });

  it('records a missing episode, and refuses one that ends before it starts', async () => {
    let box = await send(
      'Record a missing or away episode',
      async (f) => {
        await f.getByRole('radio', { name: 'Missing from care' }).check();
        await f.getByLabel('Started on').fill(daysAgo(6));
        await f.getByLabel('Ended on (optional)').fill(daysAgo(5));
        await f.getByLabel('Why you are recording this').fill('Reported by the carer');
      },
      'Record the episode',
    );
    await box
      .getByRole('status')
      .filter({ hasText: `Missing from care from ${london(daysAgo(6))} recorded.` })
      .waitFor();
    await expect
      .poll(() => page.locator('#missing tbody tr').allTextContents())
      .toEqual([`Missing from care${london(daysAgo(6))}${london(daysAgo(5))}Recorded in Placewise`]);
    box = await send(
      'Record a missing or away episode',
      async (f) => {
        await f.getByRole('radio', { name: 'Away from placement without authorisation' }).check();
        await f.getByLabel('Started on').fill(daysAgo(2));
        await f.getByLabel('Ended on (optional)').fill(daysAgo(3));
        await f.getByLabel('Why you are recording this').fill('Reported by the carer');
      },
      'Record the episode',
    );
    await expect.poll(() => fieldError(box.getByRole('form'), 'missing-end').textContent()).toBe('must not be before the start');
    expect(await page.locator('#missing tbody tr').count()).toBe(1);
  });

  it('corrects the characteristics with a reason, and shows a refused postcode by its field', async () => {
    let box = await send(
      'Correct the characteristics',
      async (f) => {
        await f.getByLabel('Home postcode').fill('not a postcode');
        await f.getByLabel('Why you are correcting it').fill('Postcode from the referral');
      },
      'Save the correction',
    );
    await expect.poll(() => fieldError(box.getByRole('form'), 'ch-postcode').textContent()).toBe('must be a UK postcode');
    box = await send(
      'Correct the characteristics',
      async (f) => {
        await f.getByLabel('Sex').selectOption({ label: 'Female' });
        await f.getByLabel('Ethnicity').selectOption({ label: 'White and Black Caribbean' });
        await f.getByLabel('Home postcode').fill('ns1 4ab');
      },
      'Save the correction',
    );
    await expect
      .poll(() => page.locator('#characteristics dl').textContent())
      .toMatch(/SexFemaleEthnicityWhite and Black Caribbean.*Home postcodeNS1 4AB/);
    // Every change is in the record's history with its reason, in words.
    const history = page.locator('#history tbody');
    await expect.poll(() => history.textContent()).toContain('Characteristics correctedPostcode from the referral');
    const text = (await history.textContent()) ?? '';
    for (const line of [
      'Legal status changedParents agreed to accommodation',
      "Review recordedIRO's record of the review received",
      'Missing or away episode recordedReported by the carer',
    ])
      expect(text).toContain(line);
    // No codes or ids anywhere on the page.
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(main).not.toMatch(/\b(V2|PN1|WBRI|MBWC|sw\.amara)\b/);
    expect(await axeFindings()).toEqual([]);
    await shot(page, 'child-record');
  });

  it("a placed child's episodes read in words, from the child's name on the requests list", async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Requests' }).click();
    await page.getByRole('table').getByRole('link', { name: 'Maya Reid' }).click();
    await page.getByRole('heading', { name: 'Maya Reid', level: 1 }).waitFor();
    await expect
      .poll(() => page.locator('#episodes tbody tr').allTextContents())
      .toEqual([`${london(today)}OpenFull care order${"Children's home"}The council's own provisionStarted to be looked after`]);
    expect(await page.locator('.lede').textContent()).toMatch(new RegExp(`^Looked after since ${london(today)} · next review due by`));
  });
});

describe('the SSDA903 return', () => {
  let preflightChildren = 0;

  it("the performance team's start page: the pre-flight check, each failure linking to where it is put right", async () => {
    await signInAs(/Lena Brooks/);
    await page.getByRole('heading', { name: 'SSDA903 return', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/returns');
    expect(await page.getByLabel('Collection year').inputValue()).toBe(String(yearStart));
    await page.getByRole('button', { name: `Check the ${yearLabel} return` }).click();
    const summary = page.getByTestId('preflight-summary');
    await summary.waitFor({ timeout: 60_000 });
    const m = /^(\d+) children checked: (?:nothing to put right|(\d+) things? to put right)\.$/.exec((await summary.textContent()) ?? '');
    expect(m).not.toBeNull();
    preflightChildren = Number(m![1]);
    // The demo council: about 500 children in care over five years (the return counts those looked after in the year).
    expect(preflightChildren).toBeGreaterThan(300);
    const failures = Number(m![2] ?? 0);
    console.log(`pre-flight ${yearLabel}: ${preflightChildren} children, ${failures} failures`);
    const rows = page.locator('table.failures tbody tr');
    expect(await rows.count()).toBe(Math.min(failures, 200));
    expect(await axeFindings()).toEqual([]);
    await shot(page, 'returns');
    // The placements made through Placewise have no Ofsted URN yet (rule 218): the link opens the
    // child's record at its episodes, where the performance team records it.
    expect(failures).toBeGreaterThan(0);
    const urn = rows.filter({ hasText: 'Episodes, URN' }).first();
    const [child, rule] = await urn.locator('td').allTextContents();
    expect(rule).toBe('218');
    const link = urn.getByRole('link', { name: `Open the record of ${child}, rule 218` });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/children\/[0-9a-f-]{36}\/record#episodes$/);
    await link.click();
    // Lands on the child's record, at the episodes, which have the focus; the correction is open.
    await page.locator('#episodes tbody tr').first().waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('episodes');
    expect(new URL(page.url()).pathname).toBe(href.split('#')[0]!.replace(/\/record$/, ''));
    const form = page.getByRole('form', { name: 'Correct an episode' });
    await form.getByLabel('Ofsted URN of the setting').fill('SC12');
    await form.getByLabel('Why you are correcting it').fill("URN from Ofsted's register");
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await expect.poll(() => fieldError(form, 'ep-urn').textContent()).toBe('must be an Ofsted URN (SC123456 or 123456) or XXXXXXX');
    expect(await axeFindings()).toEqual([]);
    await shot(page, 'returns-fix');
    await form.getByLabel('Ofsted URN of the setting').fill('SC123456');
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await page.getByRole('status').filter({ hasText: 'corrected.' }).waitFor();
    await expect.poll(() => page.locator('#history tbody').textContent()).toContain("Episode correctedURN from Ofsted's register");
    // Checked again, the child's URN failure is gone.
    await page.goBack();
    await page.getByRole('button', { name: /Check (the \d{4}-\d{2} return|again)/ }).click();
    await expect.poll(async () => /(\d+) things? to put right/.exec((await summary.textContent()) ?? '')?.[1]).toBe(String(failures - 1));
    expect(await page.locator('table.failures tbody tr', { hasText: child! }).filter({ hasText: 'Episodes, URN' }).count()).toBe(0);
  });

  it('produces the return with its progress, then downloads the zip', async () => {
    await page.goto(`${web()}/returns`);
    await page.getByRole('button', { name: `Produce the ${yearLabel} return` }).click();
    const done = page.getByTestId('export-done');
    await done.waitFor({ timeout: 120_000 });
    expect(await done.textContent()).toMatch(new RegExp(`^The ${yearLabel} return is ready: ${preflightChildren} children`));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the return (zip)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`northshire-ssda903-${yearLabel}.zip`);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    // Every table is in it (the zip's directory names its files).
    for (const file of ['header.csv', 'episodes.csv', 'reviews.csv', 'missing.csv', 'social_worker_episodes.csv'])
      expect(bytes.includes(Buffer.from(file))).toBe(true);
    await shot(page, 'returns-export');
  });

  it('refuses a load with every bad row by file, line and column, and loads a good one once', async () => {
    const upload = page.getByLabel('Return files');
    await upload.setInputFiles([
      {
        name: 'header.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nWEB1,Q,01/02/2010,WBRI,UN1,,\r\nWEB2,F,31/02/2010,WBRI,UN1,,\r\n'),
      },
    ]);
    await page.getByRole('button', { name: 'Load the returns' }).click();
    const problems = page.locator('table.load-problems');
    await problems.waitFor();
    const rows = (
      await problems.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)))
    ).map((r) => r.slice(0, 3).join('|'));
    expect(rows).toEqual(expect.arrayContaining(['header.csv|2|SEX', 'header.csv|3|DOB']));
    expect(await page.getByRole('alert').textContent()).toMatch(/the load was refused: \d+ problems?, nothing was written/);
    await shot(page, 'returns-load-refused');

    // One care leaver's year, as a council's system writes it.
    const { writeReturnFiles } = (await import(pathToFileURL(join(ROOT, 'apps/referrals/dist/ssda903/files.js')).href)) as {
      writeReturnFiles(r: unknown): { name: string; content: string }[];
    };
    const { returnOf } = (await import(pathToFileURL(join(ROOT, 'apps/referrals/dist/ssda903/fixtures.js')).href)) as {
      returnOf(t: unknown): unknown;
    };
    const files = writeReturnFiles(
      returnOf({
        Header: [{ CHILD: 'WEBLOAD1', SEX: 'M', DOB: '2007-09-20', ETHNIC: 'BAFR', UPN: 'UN2' }],
        Episodes: [
          {
            CHILD: 'WEBLOAD1',
            DECOM: '2024-11-02',
            RNE: 'S',
            LS: 'V2',
            CIN: 'N8',
            PLACE: 'K3',
            PLACE_PROVIDER: 'PR4',
            DEC: '2025-09-20',
            REC: 'E5',
            PL_POST: 'NS2',
            URN: 'SC300003',
          },
        ],
        UASC: [{ CHILD: 'WEBLOAD1', SEX: 'M', DOB: '2007-09-20', DUC: '2025-09-20' }],
      }),
    ).filter((f) => f.content.split('\n').length > 2);
    const loadGood = async () => {
      await upload.setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: Buffer.from(f.content) })));
      await page.getByRole('button', { name: 'Load the returns' }).click();
      await page.getByTestId('load-done').waitFor({ timeout: 60_000 });
      return page.getByTestId('load-done').textContent();
    };
    expect(await loadGood()).toBe('Loaded: 1 children (1 new), 1 episodes, 0 open placements.');
    expect(await problems.count()).toBe(0);
    await shot(page, 'returns-loaded');
    expect(await loadGood()).toBe('These files were loaded before: nothing changed.');
  });
});
