import { ChildErasedV1 } from '@placewise/contracts';
import { eventEnvelope } from '@placewise/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, council, decided, deliver, expectMail, startHarness, stopHarness, submitted, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => stopHarness(h));

describe('child.erased: notifications forgets the messages about the child', () => {
  it("deletes the child's notifications, their emails and the routing of their requests, once; another child's stay", async () => {
    const la = await council(h, [
      { userId: 'sw', roles: ['social-worker'] },
      { userId: 'ad', roles: ['approver:AD'] },
    ]);
    const dpo = await h.issuer.token({ sub: 'dpo', la, roles: ['auditor'], name: 'Dee Auditor' });
    const ada = submitted(la);
    const ben = submitted(la);
    for (const s of [ada, ben]) {
      await deliver(h, s);
      await deliver(h, decided(s));
    }
    await expectMail(h, `sw@${la}.test`, 2);
    const held = async (s: typeof ada) => {
      const r = await call(h, dpo, 'GET', `/subject-access/children/${s.payload.childId}?requests=${s.payload.requestId}`);
      expect(r.status).toBe(200);
      return (r.body as { records: { rows: unknown[] }[] }).records.reduce((n, k) => n + k.rows.length, 0);
    };
    expect(await held(ada)).toBeGreaterThan(0);
    const benBefore = await held(ben);

    const erased = eventEnvelope(
      ChildErasedV1,
      { childId: ada.payload.childId, requestIds: [ada.payload.requestId] },
      { localAuthority: la },
    );
    await deliver(h, erased);
    await deliver(h, erased, 'duplicate', `again-${erased.id}`);

    expect(await held(ada)).toBe(0);
    const { rows } = await h.sql.query(
      `SELECT count(*)::int AS n FROM notifications.delivery WHERE local_authority = $1 AND text LIKE $2`,
      [la, `%${ada.payload.requestId}%`],
    );
    expect(rows[0]).toEqual({ n: 0 });
    expect(await held(ben)).toBe(benBefore);
    // The social worker's tray keeps only the other child's message.
    const sw = await h.issuer.token({ sub: 'sw', la, roles: ['social-worker'], name: 'Person sw' });
    const tray = await call(h, sw, 'GET', '/notifications');
    expect((tray.body as { items: { link: string }[] }).items.map((i) => i.link)).toEqual([`/requests/${ben.payload.requestId}`]);
  });
});
