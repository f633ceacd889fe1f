import { OfferDecidedV1, ReferralSentV1, type PayloadOf } from '@placewise/contracts';
import { eventEnvelope } from '@placewise/platform/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, council, deliver, expectMail, mailTo, startHarness, stopHarness, type Harness } from './support.js';

/** A provider's staff are told of a referral sent to their provider, and of the council's answer to their offer. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => stopHarness(h));

const HORIZON = randomUUID();
const BRIGHT = randomUUID();

async function providersCouncil() {
  return council(h, [
    { userId: 'olivia', roles: ['provider'], providerId: HORIZON },
    { userId: 'omar', roles: ['provider'], providerId: HORIZON },
    { userId: 'bea', roles: ['provider'], providerId: BRIGHT },
    { userId: 'com', roles: ['commissioner'] },
  ]);
}

describe('a referral sent to providers', () => {
  it("tells each provider's staff of their own referral, once, with the child's age, the type and when it is needed by", async () => {
    const la = await providersCouncil();
    const [toHorizon, toBright] = [randomUUID(), randomUUID()];
    const payload: PayloadOf<typeof ReferralSentV1> = {
      searchId: randomUUID(),
      requestId: randomUUID(),
      round: 1,
      referrals: [
        { referralId: toHorizon, providerId: HORIZON },
        { referralId: toBright, providerId: BRIGHT },
      ],
      childAge: 13,
      placementType: 'PRIVATE_CHILDRENS_HOME',
      urgency: 'URGENT',
      respondBy: '2027-01-08T17:00:00Z',
      sentAt: '2027-01-05T09:00:00Z',
    };
    const e = eventEnvelope(ReferralSentV1, payload, { localAuthority: la });
    await deliver(h, e);
    await deliver(h, e, 'duplicate', `again-${e.id}`);
    for (const who of ['olivia', 'omar']) {
      const [mail] = await expectMail(h, `${who}@${la}.test`, 1);
      expect(mail!.subject).toBe("A referral for private children's home, needed by 8 January 2027");
      expect(mail!.text).toContain("The council asks whether you can offer a child aged 13, private children's home (urgent).");
      expect(mail!.text).toContain(`https://placewise.test/provider/referrals/${toHorizon}`);
      expect(mail!.text).not.toContain(toBright);
    }
    const [bea] = await expectMail(h, `bea@${la}.test`, 1);
    expect(bea!.text).toContain(`https://placewise.test/provider/referrals/${toBright}`);
    expect(mailTo(h, `com@${la}.test`)).toHaveLength(0);
  });

  it('reaches a provider’s staff member the directory learned from their token (the provider claim), in the tray', async () => {
    const la = await providersCouncil();
    const provider = randomUUID();
    const token = await h.issuer.token({ sub: 'new.staff', la, roles: ['provider'], name: 'New Staff', provider });
    // Opening the tray is how the workspace's header meets notifications: the directory learns them then.
    expect((await call(h, token, 'GET', '/notifications/unread-count')).status).toBe(200);
    const referralId = randomUUID();
    await deliver(
      h,
      eventEnvelope(
        ReferralSentV1,
        {
          searchId: randomUUID(),
          requestId: randomUUID(),
          round: 2,
          referrals: [{ referralId, providerId: provider }],
          childAge: 9,
          placementType: 'IFA_FOSTER',
          urgency: 'PLANNED',
          respondBy: '2027-02-01T17:00:00Z',
          sentAt: '2027-01-05T09:00:00Z',
        },
        { localAuthority: la },
      ),
    );
    const tray = (await call(h, token, 'GET', '/notifications')).body;
    expect(tray.items).toEqual([expect.objectContaining({ kind: 'REFERRAL_SENT', link: `/provider/referrals/${referralId}` })]);
    // Another provider's staff are not told of it.
    const other = await h.issuer.token({ sub: 'olivia', la, roles: ['provider'], name: 'Person olivia', provider: HORIZON });
    expect((await call(h, other, 'GET', '/notifications')).body.items).toEqual([]);
  });
});

describe("the council's admin", () => {
  it('puts a provider’s staff member in the directory with their address, so a referral reaches them before they sign in', async () => {
    const la = await providersCouncil();
    const ops = await h.issuer.token({ sub: 'admin', la, roles: ['ops'], name: 'Admin' });
    const provider = randomUUID();
    const set = await call(h, ops, 'PUT', '/notifications/people/kim', {
      name: 'Kim Carer',
      roles: ['provider'],
      email: `kim@${la}.test`,
      providerId: provider,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toEqual({
      userId: 'kim',
      name: 'Kim Carer',
      email: `kim@${la}.test`,
      roles: ['provider'],
      providerId: provider,
      knownFrom: 'the council’s admin',
    });
    const referralId = randomUUID();
    const sent = (round: number) =>
      eventEnvelope(
        ReferralSentV1,
        {
          searchId: randomUUID(),
          requestId: randomUUID(),
          round,
          referrals: [{ referralId, providerId: provider }],
          childAge: 15,
          placementType: 'PRIVATE_CHILDRENS_HOME',
          urgency: 'EMERGENCY',
          respondBy: '2027-01-05T23:59:00Z',
          sentAt: '2027-01-05T09:00:00Z',
        },
        { localAuthority: la },
      );
    await deliver(h, sent(1));
    const [m] = await expectMail(h, `kim@${la}.test`, 1);
    expect(m!.text).toContain('(an emergency)');
    // Signing in later with a token without the provider claim keeps the provider the admin set.
    const kim = await h.issuer.token({ sub: 'kim', la, roles: ['provider'], name: 'Kim Carer' });
    expect((await call(h, kim, 'GET', '/notifications/unread-count')).body).toEqual({ unread: 1 });
    await deliver(h, sent(2));
    await expectMail(h, `kim@${la}.test`, 2);
  });

  it('is refused bad input by field, and another role is refused, with nothing written', async () => {
    const la = await providersCouncil();
    const ops = await h.issuer.token({ sub: 'admin', la, roles: ['ops'], name: 'Admin' });
    const good = { name: 'Kim Carer', roles: ['provider'], email: `kim@${la}.test`, providerId: randomUUID() };
    for (const [body, field] of [
      [{ ...good, email: 'kim\u0000@x.test' }, 'email'],
      [{ ...good, email: 'not an address' }, 'email'],
      [{ ...good, name: 'Kim \ud800' }, 'name'],
      [{ ...good, providerId: 'horizon' }, 'providerId'],
      [{ ...good, roles: ['king'] }, 'roles.0'],
      [{ ...good, extra: 1 }, '(body)'],
    ] as const) {
      const r = await call(h, ops, 'PUT', '/notifications/people/kim', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const nul = await call(h, ops, 'PUT', '/notifications/people/ki%00m', good);
    expect(nul.status).toBe(400);
    expect(nul.body.errors.map((e: { field: string }) => e.field)).toEqual(['userId']);
    const sw = await h.issuer.token({ sub: 'sw', la, roles: ['social-worker'], name: 'Sam' });
    expect((await call(h, sw, 'PUT', '/notifications/people/kim', good)).status).toBe(403);
    expect((await h.sql.query(`SELECT 1 FROM notifications.person WHERE local_authority = $1 AND user_id = 'kim'`, [la])).rows).toEqual([]);
  });
});

describe("the council's answer to an offer", () => {
  const decided = (la: string, over: Partial<PayloadOf<typeof OfferDecidedV1>>) =>
    eventEnvelope(
      OfferDecidedV1,
      {
        offerId: randomUUID(),
        searchId: randomUUID(),
        requestId: randomUUID(),
        providerId: HORIZON,
        settingId: randomUUID(),
        settingLabel: 'Horizon House',
        outcome: 'ACCEPTED',
        declinedBecause: null,
        totalWeeklyPence: 605_000,
        startDate: '2027-02-01',
        decidedAt: '2027-01-20T10:00:00Z',
        ...over,
      },
      { localAuthority: la },
    );

  it("tells the provider's staff that it is accepted, or declined and why, once each", async () => {
    const la = await providersCouncil();
    const accepted = decided(la, {});
    await deliver(h, accepted);
    await deliver(h, accepted, 'duplicate', `again-${accepted.id}`);
    const [yes] = await expectMail(h, `olivia@${la}.test`, 1);
    expect(yes!.subject).toBe('Your offer of Horizon House is accepted');
    expect(yes!.text).toContain('The council accepted your offer of Horizon House at £6,050.00 a week from 1 February 2027');
    expect(yes!.text).toContain('https://placewise.test/placements');

    await deliver(
      h,
      decided(la, { providerId: BRIGHT, settingLabel: 'Bright Home', outcome: 'DECLINED', declinedBecause: 'ANOTHER_OFFER_ACCEPTED' }),
    );
    const [no] = await expectMail(h, `bea@${la}.test`, 1);
    expect(no!.subject).toBe('Your offer of Bright Home is not accepted');
    expect(no!.text).toContain('The council accepted another offer for this child.');
    expect(no!.text).toContain('https://placewise.test/provider/offers');

    await deliver(h, decided(la, { outcome: 'DECLINED', declinedBecause: 'REAPPROVAL_DECLINED' }));
    const both = await expectMail(h, `omar@${la}.test`, 2);
    expect(both.map((m) => m.subject)).toEqual(['Your offer of Horizon House is accepted', 'Your offer of Horizon House is not accepted']);
    expect(both[1]!.text).toContain('that approval was not given');
    expect(mailTo(h, `com@${la}.test`)).toHaveLength(0);
  });
});
