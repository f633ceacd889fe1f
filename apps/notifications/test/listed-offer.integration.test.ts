import { CaseListedV1, OfferReceivedV1, type PayloadOf } from '@placewise/contracts';
import { eventEnvelope } from '@placewise/platform/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, council, deliver, expectMail, mailTo, startHarness, stopHarness, type Harness } from './support.js';

/** A case listed at a sitting tells the panel's members (with the date); an offer from a provider tells the commissioners. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => stopHarness(h));

const token = (la: string, sub: string, roles: string[]) => h.issuer.token({ sub, la, roles: roles as never, name: `Person ${sub}` });

describe('a case listed at a sitting', () => {
  it("tells that panel's members (not every panel member), once, with the sitting's day and time", async () => {
    const la = await council(h, [
      { userId: 'chair', roles: ['panel-chair'] },
      { userId: 'member', roles: ['panel-member'] },
      { userId: 'elsewhere', roles: ['panel-member'] },
    ]);
    const payload: PayloadOf<typeof CaseListedV1> = {
      caseId: randomUUID(),
      requestId: randomUUID(),
      sittingId: randomUUID(),
      panelType: 'PLACEMENT_RESOURCES',
      startsAt: '2027-01-12T10:00:00Z',
      memberIds: ['chair', 'member'],
      listedAt: '2027-01-05T09:00:00Z',
    };
    const e = eventEnvelope(CaseListedV1, payload, { localAuthority: la });
    await deliver(h, e);
    await deliver(h, e, 'duplicate', `again-${e.id}`);
    for (const who of ['chair', 'member']) {
      const [mail] = await expectMail(h, `${who}@${la}.test`, 1);
      expect(mail!.subject).toBe('A case is listed for the placement and resources panel on 12 January 2027');
      expect(mail!.text).toContain('on the agenda of the placement and resources panel sitting on 12 January 2027 at 10:00.');
      expect(mail!.text).toContain(`https://placewise.test/sittings/${payload.sittingId}`);
      expect(mail!.text).not.toContain(payload.caseId);
    }
    expect(mailTo(h, `elsewhere@${la}.test`)).toHaveLength(0);
    const tray = (await call(h, await token(la, 'member', ['panel-member']), 'GET', '/notifications')).body;
    expect(tray.items).toEqual([expect.objectContaining({ kind: 'CASE_LISTED', link: `/sittings/${payload.sittingId}` })]);
  });
});

describe('an offer received', () => {
  it("tells the council's commissioners, once, with the offer's terms and whether it is within the ceiling", async () => {
    const la = await council(h, [
      { userId: 'com', roles: ['commissioner'] },
      { userId: 'sw', roles: ['social-worker'] },
    ]);
    const payload: PayloadOf<typeof OfferReceivedV1> = {
      offerId: randomUUID(),
      searchId: randomUUID(),
      requestId: randomUUID(),
      providerId: randomUUID(),
      settingId: randomUUID(),
      settingLabel: 'Brightwater House',
      providerLabel: 'Brightwater Care Ltd',
      placementType: 'PRIVATE_CHILDRENS_HOME',
      totalWeeklyPence: 605_000,
      startDate: '2027-02-01',
      withinCeiling: false,
      gatesPassed: true,
      receivedAt: '2027-01-05T09:00:00Z',
    };
    const e = eventEnvelope(OfferReceivedV1, payload, { localAuthority: la });
    await deliver(h, e);
    await deliver(h, e, 'duplicate', `again-${e.id}`);
    const [mail] = await expectMail(h, `com@${la}.test`, 1);
    expect(mail!.subject).toBe('An offer from Brightwater Care Ltd');
    expect(mail!.text).toContain(
      "Brightwater Care Ltd offers Brightwater House (private children's home) at £6,050.00 a week from 1 February 2027.",
    );
    expect(mail!.text).toContain('above the approved weekly ceiling');
    expect(mail!.text).toContain(`https://placewise.test/searches/${payload.searchId}`);
    expect(mailTo(h, `sw@${la}.test`)).toHaveLength(0);
  });
});
