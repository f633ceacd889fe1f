import { ClockEscalatedV1, ClockRemindedV1, type PayloadOf } from '@placewise/contracts';
import { eventEnvelope } from '@placewise/platform/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, council, deliver, expectMail, mailTo, startHarness, stopHarness, submitted, type Harness } from './support.js';

/** Statutory clocks in panels remind their owner and escalate to the next tier: notifications tells those people, once. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => stopHarness(h));

const token = (la: string, sub: string, roles: string[]) => h.issuer.token({ sub, la, roles: roles as never, name: `Person ${sub}` });

const clock = { clockId: randomUUID(), childId: randomUUID(), reviewNumber: null, dueAt: '2027-01-11T17:00:00Z' } as const;

const reminded = (la: string, requestId: string, over: Partial<PayloadOf<typeof ClockRemindedV1>> = {}) =>
  eventEnvelope(
    ClockRemindedV1,
    { ...clock, requestId, purpose: 'PLACEMENT_PLAN', owner: 'social-worker', remindedAt: '2027-01-10T17:00:00Z', ...over },
    { localAuthority: la },
  );

const escalated = (la: string, requestId: string, over: Partial<PayloadOf<typeof ClockEscalatedV1>> = {}) =>
  eventEnvelope(
    ClockEscalatedV1,
    {
      ...clock,
      requestId,
      purpose: 'PLACEMENT_PLAN',
      from: 'social-worker',
      to: 'approver:TM',
      escalatedAt: '2027-01-12T17:00:00Z',
      ...over,
    },
    { localAuthority: la },
  );

describe('a statutory clock', () => {
  it("reminds the request's own social worker (not every social worker), once, with the day and a link", async () => {
    const la = await council(h, [
      { userId: 'sw', roles: ['social-worker'] },
      { userId: 'sw2', roles: ['social-worker'] },
      { userId: 'tm', roles: ['approver:TM'] },
    ]);
    const s = submitted(la, { submittedBy: 'sw' });
    await deliver(h, s);
    const r = reminded(la, s.payload.requestId);
    await deliver(h, r);
    await deliver(h, r, 'duplicate', `again-${r.id}`);
    const [mail] = await expectMail(h, `sw@${la}.test`, 1);
    expect(mail!.subject).toBe('Due by 11 January 2027: a placement plan (agreed and signed)');
    expect(mail!.text).toContain('A placement plan (agreed and signed) is due by 11 January 2027; the social worker owns it.');
    expect(mail!.text).toContain(`https://placewise.test/requests/${s.payload.requestId}`);
    expect(mail!.text).not.toContain(s.payload.childId);
    expect(mailTo(h, `sw2@${la}.test`)).toHaveLength(0);
    expect(mailTo(h, `tm@${la}.test`)).toHaveLength(0);
    const tray = (await call(h, await token(la, 'sw', ['social-worker']), 'GET', '/notifications')).body;
    expect(tray.items.map((i: { kind: string }) => i.kind)).toEqual(['CLOCK_REMINDER']);
  });

  it("reminds the council's holders of a manager's role, and escalates to the next tier's, which cannot be switched off", async () => {
    const la = await council(h, [
      { userId: 'tm1', roles: ['approver:TM'] },
      { userId: 'tm2', roles: ['approver:TM'] },
      { userId: 'sm', roles: ['approver:SM'] },
    ]);
    const requestId = randomUUID(); // a request notifications never heard of: the role decides
    await deliver(h, reminded(la, requestId, { purpose: 'REVIEW', reviewNumber: 2, owner: 'approver:TM' }));
    for (const tm of ['tm1', 'tm2']) {
      const [mail] = await expectMail(h, `${tm}@${la}.test`, 1);
      expect(mail!.text).toContain('A child’s looked-after review (review 2) is due by 11 January 2027; the team manager owns it.');
    }
    expect(mailTo(h, `sm@${la}.test`)).toHaveLength(0);

    const sm = await token(la, 'sm', ['approver:SM']);
    const off = await call(h, sm, 'PUT', '/notifications/preferences', { kind: 'CLOCK_ESCALATED', channel: 'OFF' });
    expect(off.status).toBe(400);
    const e = escalated(la, requestId, { purpose: 'REVIEW', reviewNumber: 2, from: 'approver:TM', to: 'approver:SM' });
    await deliver(h, e);
    await deliver(h, e, 'duplicate', `again-${e.id}`);
    const [mail] = await expectMail(h, `sm@${la}.test`, 1);
    expect(mail!.subject).toBe('Late: a child’s looked-after review');
    expect(mail!.text).toContain('It is escalated from the team manager to the service manager.');
    // the team managers were reminded once and are not told again
    expect(mailTo(h, `tm1@${la}.test`)).toHaveLength(1);
    const tray = (await call(h, sm, 'GET', '/notifications')).body;
    expect(tray.items).toEqual([expect.objectContaining({ kind: 'CLOCK_ESCALATED', link: `/requests/${requestId}` })]);
  });
});
