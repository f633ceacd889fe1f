import { startMailCatcher, type CaughtMail, type MailCatcher } from '@placewise/notifications/dist/catcher/mail-catcher.js';
import { eventually } from '@placewise/platform/testing';
import type { Role } from '@placewise/contracts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectOk, startPlatform, type Api, type Platform } from '../support/platform.js';
import { placementRequest } from '../support/requests.mjs';

/**
 * People are told, across the five services, by email to a real SMTP server on loopback: a case
 * listed at a sitting reaches the panel's members with the date; a referral reaches the provider's
 * staff, their offer reaches the commissioners, and the award reaches the provider; a statutory
 * clock's reminder reaches its owner and its escalation the next tier, once each.
 */
let p: Platform;
let mail: MailCatcher;
const la = `notify-${randomUUID().slice(0, 8)}`;
const address = (who: string) => `${who}@${la}.test`;
const londonDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** The council's directory in notifications, as its admin would have it: each person with an address. */
const DIRECTORY: { userId: string; roles: Role[] }[] = [
  { userId: 'sw.nj', roles: ['social-worker'] },
  { userId: 'tm.nj', roles: ['approver:TM'] },
  { userId: 'chair.nj', roles: ['panel-chair', 'approver:AD'] },
  { userId: 'm1.nj', roles: ['panel-member'] },
  { userId: 'm2.nj', roles: ['panel-member'] },
  { userId: 'outsider.nj', roles: ['panel-member'] },
  { userId: 'com.nj', roles: ['commissioner'] },
];

beforeAll(async () => {
  mail = await startMailCatcher();
  p = await startPlatform(inject('databaseUrl'), {
    notifications: { SMTP_PORT: String(mail.smtpPort), MAIL_POLL_MS: '50', WEB_BASE_URL: 'https://placewise.test' },
    panels: { TIMER_SWEEP_MS: '500' },
  });
  for (const d of DIRECTORY)
    await p.sql.query(
      `INSERT INTO notifications.person (local_authority, user_id, name, email, roles, source, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'SEEDED', now())`,
      [la, d.userId, `Person ${d.userId}`, address(d.userId), d.roles],
    );
});

afterAll(async () => {
  await p?.stop();
  await mail?.close();
});

const as = (userId: string, roles: Role[]): Api => p.as({ sub: userId, roles, la });
const sw = () => as('sw.nj', ['social-worker']);
const com = () => as('com.nj', ['commissioner']);
const chair = () => as('chair.nj', ['panel-chair', 'approver:AD']);

/** The emails that arrived for a person whose subject matches. */
const mailFor = (who: string, subject: RegExp): CaughtMail[] =>
  mail.messages.filter((m) => m.to.includes(address(who)) && subject.test(m.subject));

/** Waits for the person's `n` emails of this subject, then a while longer to see that no more come. */
async function expectMail(who: string, subject: RegExp, n = 1): Promise<CaughtMail[]> {
  await eventually(async () => mailFor(who, subject).length >= n || undefined, 30_000);
  await new Promise((r) => setTimeout(r, 1500));
  const got = mailFor(who, subject);
  expect(got, `${who}: ${subject}`).toHaveLength(n);
  return got;
}

/** A request for a child in a private children's home at £6,100 a week: band C, the placement and resources panel. */
async function request() {
  const child = expectOk(
    await sw()('referrals', 'POST', '/children', { givenName: 'Notice', familyName: 'Journey', dateOfBirth: '2012-05-01' }),
  );
  const r = expectOk(await sw()('referrals', 'POST', '/requests', placementRequest(child.id)));
  expect(r.outcome.panel).toBe('PLACEMENT_RESOURCES');
  const kase = await eventually(async () => expectOk(await chair()('panels', 'GET', `/cases?requestId=${r.id}`))[0]);
  return { child, request: r, kase };
}

describe('notifications across the journey', () => {
  it("tell the provider's staff of the referral and the award, and the commissioners of the offer", async () => {
    const provider = expectOk(await com()('commissioning', 'POST', '/providers', { name: 'Harbour Homes Ltd', sector: 'PRIVATE' }));
    const setting = expectOk(
      await com()('commissioning', 'POST', `/providers/${provider.id}/settings`, {
        name: 'Harbour House',
        placementType: 'PRIVATE_CHILDRENS_HOME',
        ofstedUrn: 'SC999002',
        ofstedRating: 'GOOD',
        postcode: 'ST16 2LH',
        ageMin: 8,
        ageMax: 17,
        capacity: 2,
        vacancies: 1,
        weeklyPricePence: 600_000,
        procurementRoute: 'FRAMEWORK_TIER_1',
      }),
    );
    // The provider's staff member: the directory learns their provider from their token's provider claim.
    const staffToken = await p.issuer.token({ sub: 'staff.nj', roles: ['provider'], la, name: 'Sam Staff', provider: provider.id });
    const staff: Api = async (service, method, path, body) => {
      const res = await fetch(p.services[service].url + path, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    expectOk(await staff('notifications', 'GET', '/notifications/unread-count'));
    await p.sql.query(`UPDATE notifications.person SET email = $3 WHERE local_authority = $1 AND user_id = $2`, [
      la,
      'staff.nj',
      address('staff.nj'),
    ]);
    expect(
      (await p.sql.query(`SELECT provider_id FROM notifications.person WHERE local_authority = $1 AND user_id = 'staff.nj'`, [la])).rows[0]
        .provider_id,
    ).toBe(provider.id);

    const { request: r, kase } = await request();
    expectOk(
      await chair()('panels', 'POST', `/cases/${kase.id}/decision`, {
        outcome: 'APPROVED_WITH_CONDITIONS',
        reason: 'Needs met only in residential care for now',
        conditions: { maxWeeklyCostPence: 620_000, notes: ['step-down plan in 6 months'] },
      }),
    );
    // The social worker learns the decision.
    await expectMail('sw.nj', /^Decision on your request: approved with conditions$/);

    // The search goes out to the framework's first tier: the provider's staff are told of their referral.
    const search = await eventually(async () => expectOk(await com()('commissioning', 'GET', `/searches?requestId=${r.id}`))[0]);
    const [referral] = await eventually(async () => {
      const refs = expectOk(await staff('commissioning', 'GET', '/referrals'));
      return refs.length ? refs : undefined;
    });
    const [told] = await expectMail('staff.nj', /^A referral for private children's home, needed by /);
    expect(told!.subject).toBe(`A referral for private children's home, needed by ${londonDay.format(new Date(search.deadline))}`);
    expect(told!.text).toContain('a child aged 14');
    expect(told!.text).toContain(`https://placewise.test/provider/referrals/${referral.id}`);
    expect(told!.text).not.toMatch(/Notice|Journey|2012/);

    // Their offer reaches the council's commissioners.
    const offer = expectOk(
      await staff('commissioning', 'POST', `/referrals/${referral.id}/offers`, {
        settingId: setting.id,
        weeklyFeePence: 600_000,
        startDate: '2027-01-11',
      }),
    );
    const [offered] = await expectMail('com.nj', /^An offer from Harbour Homes Ltd$/);
    expect(offered!.text).toContain(
      "Harbour Homes Ltd offers Harbour House (private children's home) at £6,000.00 a week from 11 January 2027.",
    );
    expect(offered!.text).toContain(`https://placewise.test/searches/${search.id}`);

    // The award: the provider's staff are told it is accepted.
    expectOk(await com()('commissioning', 'POST', `/offers/${offer.id}/award`, {}));
    const [accepted] = await expectMail('staff.nj', /^Your offer of Harbour House is accepted$/);
    expect(accepted!.text).toContain('The council accepted your offer of Harbour House at £6,000.00 a week from 11 January 2027');
  });

  it("tell the panel's members that a case is listed at their sitting, with its date, and no one else", async () => {
    const admin = as('admin.nj', ['panel-admin']);
    const panel = expectOk(
      await admin('panels', 'POST', '/panels', {
        name: 'Placement and Resources Panel',
        type: 'PLACEMENT_RESOURCES',
        schedule: { weekday: 'TUESDAY', time: '10:00', cutOffWorkingDays: 2 },
        members: [
          { userId: 'chair.nj', name: 'Chair NJ', role: 'CHAIR' },
          { userId: 'm1.nj', name: 'Member One', role: 'SOCIAL_CARE' },
          { userId: 'm2.nj', name: 'Member Two', role: 'FINANCE' },
        ],
      }),
    );
    const { kase } = await request();
    const listed = await eventually(async () => {
      const c = expectOk(await chair()('panels', 'GET', `/cases/${kase.id}`));
      return c.sittingId ? c : undefined;
    });
    const sittings = expectOk(await admin('panels', 'GET', `/panels/${panel.id}/sittings`)) as { id: string; startsAt: string }[];
    const sitting = sittings.find((s) => s.id === listed.sittingId)!;
    const day = londonDay.format(new Date(sitting.startsAt));
    for (const who of ['chair.nj', 'm1.nj', 'm2.nj']) {
      const [m] = await expectMail(who, /^A case is listed for /);
      expect(m!.subject).toBe(`A case is listed for the placement and resources panel on ${day}`);
      expect(m!.text).toContain(`sitting on ${day} at 10:00.`);
      expect(m!.text).toContain(`https://placewise.test/sittings/${sitting.id}`);
      expect(m!.text).not.toMatch(/Notice|Journey/);
    }
    expect(mailFor('outsider.nj', /^A case is listed for /)).toEqual([]);
  });

  it("tell a statutory clock's owner of its reminder and the next tier of its escalation, once each", async () => {
    const { request: r } = await request();
    const clock = await eventually(async () => {
      const { rows } = await p.sql.query(
        `SELECT id, purpose FROM panels.statutory_clock WHERE request_id = $1 AND owner_role = 'social-worker' AND status = 'ACTIVE' ORDER BY due_at LIMIT 1`,
        [r.id],
      );
      return rows[0] as { id: string; purpose: string } | undefined;
    });
    // The deadline is brought forward to now (the journey cannot wait days): reminded at once, late in 3 s.
    await p.sql.query(
      `UPDATE panels.statutory_clock SET remind_at = now(), due_at = now() + interval '2 seconds', escalate_at = now() + interval '3 seconds' WHERE id = $1`,
      [clock.id],
    );
    const [reminder] = await expectMail('sw.nj', /^Due by /);
    expect(reminder!.text).toContain('the social worker owns it');
    expect(reminder!.text).toContain(`https://placewise.test/requests/${r.id}`);
    const [late] = await expectMail('tm.nj', /^Late: /);
    expect(late!.text).toContain('It is escalated from the social worker to the team manager.');
    // The sweep runs every half second: still one of each.
    await new Promise((res) => setTimeout(res, 3000));
    expect(mailFor('sw.nj', /^Due by /)).toHaveLength(1);
    expect(mailFor('tm.nj', /^Late: /)).toHaveLength(1);
    expect(mailFor('chair.nj', /^Late: /)).toEqual([]);
  });
});
