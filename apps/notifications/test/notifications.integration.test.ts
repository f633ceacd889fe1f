import { BudgetThresholdCrossedV1 } from '@placewise/contracts';
import { eventEnvelope, eventually, settledJob } from '@placewise/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  council,
  decided,
  deferred,
  deliver,
  escalated,
  expectMail,
  mailService,
  mailTo,
  startHarness,
  stopHarness,
  submitted,
  type Harness,
} from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => stopHarness(h));

const token = (la: string, sub: string, roles: string[] = ['social-worker']) =>
  h.issuer.token({ sub, la, roles: roles as never, name: `Person ${sub}` });

describe('a decision recorded', () => {
  it('tells the approver of the request, then the social worker the decision with its conditions, once', async () => {
    const la = await council(h, [
      { userId: 'sw', roles: ['social-worker'] },
      { userId: 'ad', roles: ['approver:AD'] },
      { userId: 'hos', roles: ['approver:HOS'] },
    ]);
    const s = submitted(la);
    await deliver(h, s);
    const [due] = await expectMail(h, `ad@${la}.test`, 1);
    expect(due!.subject).toBe('A request waits for your decision');
    expect(due!.text).toContain('The decision is due by 11 January 2027.');
    expect(mailTo(h, `hos@${la}.test`)).toHaveLength(0);

    const d = decided(s);
    await deliver(h, d);
    await deliver(h, d, 'duplicate', `again-${d.id}`);
    const [mail] = await expectMail(h, `sw@${la}.test`, 1);
    expect(mail!.subject).toBe('Decision on your request: approved with conditions');
    expect(mail!.text).toContain('The weekly cost may be at most £5,000.00.');
    expect(mail!.text).toContain('It is reviewed by 1 April 2027.');
    expect(mail!.text).toContain(`Open it in Placewise: https://placewise.test/requests/${s.payload.requestId}`);
    // Free text people typed (which here names the child) stays in the workspace.
    expect(mail!.text).not.toContain('Tom Smith');
    expect(mail!.text).not.toContain(s.payload.childId);

    const sw = await token(la, 'sw');
    const tray = await call(h, sw, 'GET', '/notifications');
    expect(tray.status).toBe(200);
    expect(tray.body.unread).toBe(1);
    expect(tray.body.items).toHaveLength(1);
    expect(tray.body.items[0]).toMatchObject({ kind: 'DECISION_RECORDED', read: false, link: `/requests/${s.payload.requestId}` });
    expect(tray.body.items[0].body).toContain('Condition: Tom Smith to stay at his school');
  });
});

describe('two replicas', () => {
  it('tell a person once when both take the same event at once', async () => {
    const second = await h.replica();
    try {
      const la = await council(h, [
        { userId: 'sw', roles: ['social-worker'] },
        { userId: 'ad', roles: ['approver:AD'] },
      ]);
      const s = submitted(la);
      await deliver(h, s);
      const d = decided(s);
      await Promise.all(['a', 'b', 'c', 'd'].map((k) => h.inbox.add(d.type, d, { jobId: `${k}-${d.id}` })));
      const results = await Promise.all(['a', 'b', 'c', 'd'].map(async (k) => (await settledJob(h.inbox, `${k}-${d.id}`)).returnvalue));
      expect(results.sort()).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate']);
      await expectMail(h, `sw@${la}.test`, 1);
      const { rows } = await h.sql.query(`SELECT count(*)::int AS n FROM notifications.notification WHERE event_id = $1`, [d.id]);
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      await second.close();
    }
  });
});

describe('the tray', () => {
  it('lists mine unread first, counts them, marks one or all read, and never shows or marks another person’s', async () => {
    const la = await council(h, [{ userId: 'sw', roles: ['social-worker'], email: null }]);
    const first = submitted(la);
    const second = submitted(la);
    for (const s of [first, second]) {
      await deliver(h, s);
      await deliver(h, decided(s));
    }
    const sw = await token(la, 'sw');
    const other = await token(la, 'sw2');
    expect((await call(h, sw, 'GET', '/notifications/unread-count')).body).toEqual({ unread: 2 });
    expect((await call(h, other, 'GET', '/notifications/unread-count')).body).toEqual({ unread: 0 });
    const list = (await call(h, sw, 'GET', '/notifications')).body.items as { id: string }[];
    expect((await call(h, other, 'POST', `/notifications/${list[1]!.id}/read`)).status).toBe(404);
    expect((await call(h, sw, 'POST', `/notifications/${list[1]!.id}/read`)).body).toEqual({ marked: 1 });
    expect((await call(h, sw, 'POST', `/notifications/${list[1]!.id}/read`)).body).toEqual({ marked: 0 });
    const after = (await call(h, sw, 'GET', '/notifications')).body;
    expect(after.unread).toBe(1);
    expect(after.items.map((i: { read: boolean }) => i.read)).toEqual([false, true]);
    expect((await call(h, sw, 'POST', '/notifications/read-all')).body).toEqual({ marked: 1 });
    expect((await call(h, sw, 'GET', '/notifications/unread-count')).body).toEqual({ unread: 0 });
    expect((await call(h, sw, 'POST', '/notifications/not-an-id/read')).status).toBe(400);
    expect((await call(h, sw, 'GET', '/notifications?limit=0')).status).toBe(400);
    // Nobody in this council's directory has an email: the tray only.
    expect(h.mail.messages.filter((m) => m.to.some((t) => t.endsWith(`@${la}.test`)))).toHaveLength(0);
  });
});

describe('an escalation', () => {
  it('reaches the next tier once, even when the event is delivered again', async () => {
    const la = await council(h, [
      { userId: 'sw', roles: ['social-worker'] },
      { userId: 'ad', roles: ['approver:AD'] },
      { userId: 'dcs', roles: ['approver:DCS', 'panel-chair'] },
    ]);
    const s = submitted(la);
    await deliver(h, s);
    const e = escalated(s);
    await deliver(h, e);
    await deliver(h, e, 'duplicate', `again-${e.id}`);
    const [mail] = await expectMail(h, `dcs@${la}.test`, 1);
    expect(mail!.subject).toBe("A case is escalated to the director of children's services");
    const dcs = await token(la, 'dcs', ['approver:DCS']);
    const tray = (await call(h, dcs, 'GET', '/notifications')).body;
    expect(tray.items.map((i: { kind: string }) => i.kind)).toEqual(['ESCALATED_TO_YOU']);
    expect(tray.items[0].link).toBe(`/cases/${e.payload.caseId}`);
  });

  it('cannot be switched off', async () => {
    const la = await council(h, [{ userId: 'dcs', roles: ['approver:DCS'] }]);
    const dcs = await token(la, 'dcs', ['approver:DCS']);
    const r = await call(h, dcs, 'PUT', '/notifications/preferences', { kind: 'ESCALATED_TO_YOU', channel: 'OFF' });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ field: 'channel', reason: 'a case is escalated to you cannot be switched off' }]);
  });
});

describe('preferences', () => {
  it('off: the tray only; a bad kind or time is a 400 naming the field', async () => {
    const la = await council(h, [{ userId: 'sw', roles: ['social-worker'] }]);
    const sw = await token(la, 'sw');
    const set = await call(h, sw, 'PUT', '/notifications/preferences', { kind: 'DECISION_RECORDED', channel: 'OFF' });
    expect(set.status).toBe(200);
    expect(set.body.kinds.find((k: { kind: string }) => k.kind === 'DECISION_RECORDED')).toMatchObject({
      channel: 'OFF',
      channelLabel: 'No email (the tray only)',
      canSwitchOff: true,
    });
    const s = submitted(la);
    await deliver(h, s);
    await deliver(h, decided(s));
    await deliver(h, deferred(s));
    // The deferral (still at once) arrives; the decision does not.
    const [only] = await expectMail(h, `sw@${la}.test`, 1);
    expect(only!.subject).toBe('Your request is deferred for more information');
    expect(only!.text).not.toContain('Tom Smith');
    expect((await call(h, sw, 'GET', '/notifications/unread-count')).body).toEqual({ unread: 2 });

    const bad = await call(h, sw, 'PUT', '/notifications/preferences', { kind: 'NOPE', channel: 'LOUD' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['channel', 'kind']);
    const badTime = await call(h, sw, 'PUT', '/notifications/preferences/digest-time', { digestTime: '25:00' });
    expect(badTime.status).toBe(400);
    expect(badTime.body.errors[0].field).toBe('digestTime');
  });
});

describe('the daily digest', () => {
  it('gathers a day’s items into one email, once, even when two replicas sweep at once', async () => {
    const la = await council(h, [{ userId: 'sw', roles: ['social-worker'] }]);
    const sw = await token(la, 'sw');
    for (const kind of ['DECISION_RECORDED', 'CASE_DEFERRED']) {
      expect((await call(h, sw, 'PUT', '/notifications/preferences', { kind, channel: 'DIGEST' })).status).toBe(200);
    }
    expect((await call(h, sw, 'PUT', '/notifications/preferences/digest-time', { digestTime: '00:00' })).body.digestTime).toBe('00:00');
    const s = submitted(la);
    await deliver(h, s);
    await deliver(h, deferred(s));
    await deliver(h, decided(s));
    await new Promise((r) => setTimeout(r, 300));
    expect(mailTo(h, `sw@${la}.test`)).toHaveLength(0);

    // Tomorrow, past the digest time: today's items are due (a digest gathers what came before its time).
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const mail = mailService(h);
    expect(await mail.sweep()).toBe(1);
    await Promise.all([mail.sweep(tomorrow), mail.sweep(tomorrow)]);
    const [digest] = await expectMail(h, `sw@${la}.test`, 1);
    expect(digest!.subject).toMatch(/^Placewise: 2 things for you \(\d{1,2} \w+ \d{4}\)$/);
    expect(digest!.text).toContain('- Your request is deferred for more information');
    expect(digest!.text).toContain('- Decision on your request: approved with conditions');
    expect(digest!.text).not.toContain('Tom Smith');
    await mail.sweep(tomorrow);
    await expectMail(h, `sw@${la}.test`, 1);
  });
});

describe('a refused address', () => {
  it('is recorded, not retried, and listed for the council’s admin', async () => {
    const la = await council(h, [
      { userId: 'pm', roles: ['panel-member'], email: 'refused.pm@example.test' },
      { userId: 'chair', roles: ['panel-chair'] },
      { userId: 'ops', roles: ['ops'] },
    ]);
    await deliver(h, submitted(la, { outcome: { ...submitted(la).payload.outcome, approver: 'HOS', panel: 'HIGH_COST' } }));
    const [chair] = await expectMail(h, `chair@${la}.test`, 1);
    expect(chair!.subject).toBe('A request comes to the high-cost panel');
    const ops = await token(la, 'ops', ['ops']);
    const failed = await (async () => {
      for (let i = 0; i < 100; i++) {
        const r = await call(h, ops, 'GET', '/notifications/deliveries/failed');
        if (r.body.items?.length) return r;
        await new Promise((res) => setTimeout(res, 50));
      }
      throw new Error('no failed delivery listed');
    })();
    expect(failed.status).toBe(200);
    expect(failed.body.items).toHaveLength(1);
    expect(failed.body.items[0]).toMatchObject({
      person: 'pm',
      email: 'refused.pm@example.test',
      status: 'REFUSED',
      statusLabel: 'refused by the mail server',
      currentEmail: 'refused.pm@example.test',
      responseCode: 550,
      attempts: 1,
    });
    expect((await call(h, await token(la, 'sw'), 'GET', '/notifications/deliveries/failed')).status).toBe(403);

    // The admin corrects the address: read the person as the directory holds them, put them back with the new one.
    const pm = await call(h, ops, 'GET', '/notifications/people/pm');
    expect(pm.status).toBe(200);
    expect(pm.body).toMatchObject({ userId: 'pm', email: 'refused.pm@example.test', roles: ['panel-member'] });
    const put = await call(h, ops, 'PUT', '/notifications/people/pm', {
      name: pm.body.name,
      roles: pm.body.roles,
      providerId: pm.body.providerId,
      email: 'pm@example.test',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const after = (await call(h, ops, 'GET', '/notifications/deliveries/failed')).body.items;
    // The delivery keeps the address it was sent to; the person's address now is the corrected one.
    expect(after).toEqual([expect.objectContaining({ email: 'refused.pm@example.test', currentEmail: 'pm@example.test' })]);
    expect((await call(h, ops, 'GET', '/notifications/people/nobody')).status).toBe(404);
    expect((await call(h, await token(la, 'sw'), 'GET', '/notifications/people/pm')).status).toBe(403);
  });
});

describe('a mail server that says try again later', () => {
  it('is tried again with backoff until the email goes, or recorded as failed after every attempt', async () => {
    const la = await council(h, [
      { userId: 'flaky', roles: ['finance'], email: 'flaky.fin@example.test' },
      { userId: 'down', roles: ['finance'], email: 'down.fin@example.test' },
      { userId: 'ops', roles: ['ops'] },
    ]);
    await deliver(
      h,
      eventEnvelope(
        BudgetThresholdCrossedV1,
        {
          financialYear: 2026,
          category: 'EXTERNAL_RESIDENTIAL',
          thresholdPercent: 100,
          forecastPence: 10_100_000,
          budgetPence: 10_000_000,
          crossedAt: '2027-01-05T09:00:00Z',
        },
        { localAuthority: la },
      ),
    );
    const [mail] = await expectMail(h, 'flaky.fin@example.test', 1);
    expect(mail!.subject).toBe('Budget: external residential is at 100% for 2026-27');
    expect(mail!.text).toContain('The forecast for external residential in 2026-27 is £101,000.00 against a budget of £100,000.00.');
    const ops = await token(la, 'ops', ['ops']);
    const failed = await eventually(async () => {
      const r = await call(h, ops, 'GET', '/notifications/deliveries/failed');
      return r.body.items?.length ? r.body.items : undefined;
    });
    expect(failed).toEqual([expect.objectContaining({ person: 'down', status: 'FAILED', attempts: 3, responseCode: null })]);
    expect(failed[0].reason).toContain('451');
    const { rows } = await h.sql.query(
      `SELECT status, attempts FROM notifications.delivery WHERE local_authority = $1 AND user_id = 'flaky'`,
      [la],
    );
    expect(rows).toEqual([{ status: 'SENT', attempts: 3 }]);
  });
});

describe('the directory', () => {
  it('is seeded with the demo council’s people, with an address each', async () => {
    const { rows } = await h.sql.query(
      `SELECT email, roles FROM notifications.person WHERE local_authority = 'northshire' AND user_id = 'ad.erin'`,
    );
    expect(rows).toEqual([{ email: 'ad.erin@northshire.placewise.test', roles: ['approver:AD', 'panel-chair'] }]);
  });
});
