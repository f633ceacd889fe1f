import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailedDeliveries, MarkedRead, NotificationList, PersonView, PreferencesView, UnreadCount } from '../src/notifications.views.js';
import { SubjectAccessPart } from '@placewise/platform';
import { call, council, decided, deliver, startHarness, stopHarness, submitted, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => stopHarness(h));

type Doc = {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
};

/** Parses an answer with the view its route documents, strictly at the top level. */
function answer<V extends z.ZodObject>(view: V, r: { status: number; body: unknown }, status = 200): z.infer<V> {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return view.strict().parse(r.body) as z.infer<V>;
}

describe('the API document', () => {
  it("documents every notifications route's answer, and each real answer matches it", async () => {
    const doc = (await (await fetch(`${h.base}/docs/openapi.json`)).json()) as Doc;
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const ok = Object.entries(op.responses ?? {}).find(([code]) => code.startsWith('2'));
        return { route: `${method.toUpperCase()} ${path}`, schema: !!ok?.[1].content?.['application/json']?.schema };
      }),
    );
    const la = await council(h, [
      { userId: 'sw', roles: ['social-worker'], email: 'refused.sw@example.test' },
      { userId: 'ops', roles: ['ops'] },
    ]);
    const s = submitted(la);
    await deliver(h, s);
    await deliver(h, decided(s));
    const exercised: string[] = [];
    const sw = await h.issuer.token({ sub: 'sw', roles: ['social-worker'], la });
    const ops = await h.issuer.token({ sub: 'ops', roles: ['ops'], la });
    const at = async (token: string, route: string, path: string, body?: unknown) => {
      exercised.push(route);
      return call(h, token, route.split(' ')[0]!, path, body);
    };
    const list = answer(NotificationList, await at(sw, 'GET /notifications', '/notifications'));
    expect(list.items).toHaveLength(1);
    answer(UnreadCount, await at(sw, 'GET /notifications/unread-count', '/notifications/unread-count'));
    answer(MarkedRead, await at(sw, 'POST /notifications/{id}/read', `/notifications/${list.items[0]!.id}/read`));
    answer(MarkedRead, await at(sw, 'POST /notifications/read-all', '/notifications/read-all'));
    answer(PreferencesView, await at(sw, 'GET /notifications/preferences', '/notifications/preferences'));
    answer(
      PreferencesView,
      await at(sw, 'PUT /notifications/preferences', '/notifications/preferences', { kind: 'AWARD_HELD', channel: 'DIGEST' }),
    );
    answer(
      PreferencesView,
      await at(sw, 'PUT /notifications/preferences/digest-time', '/notifications/preferences/digest-time', { digestTime: '17:30' }),
    );
    // A subject access request: the notifications that linked to the child's request.
    const dpo = await h.issuer.token({ sub: 'dpo', roles: ['auditor'], la });
    const part = answer(
      SubjectAccessPart,
      await at(dpo, 'GET /subject-access/children/{id}', `/subject-access/children/${s.payload.childId}?requests=${s.payload.requestId}`),
    );
    expect(part.records[0]!.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(part)).toContain(`/requests/${s.payload.requestId}`);
    // The council's admin puts a provider's staff member in the directory, with their address.
    const staff = answer(
      PersonView,
      await at(ops, 'PUT /notifications/people/{userId}', '/notifications/people/staff.one', {
        name: 'Staff One',
        roles: ['provider'],
        email: 'staff.one@example.test',
        providerId: s.payload.childId,
      }),
    );
    expect(staff).toMatchObject({ userId: 'staff.one', providerId: s.payload.childId, knownFrom: 'the council’s admin' });
    expect(answer(PersonView, await at(ops, 'GET /notifications/people/{userId}', '/notifications/people/staff.one'))).toEqual(staff);
    for (let i = 0; i < 100; i++) {
      const r = await call(h, ops, 'GET', '/notifications/deliveries/failed');
      if (r.body.items?.length) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const failed = answer(FailedDeliveries, await at(ops, 'GET /notifications/deliveries/failed', '/notifications/deliveries/failed'));
    expect(failed.items).toHaveLength(1);

    const ours = documented.filter((d) => !/ \/(health|ready|metrics|docs|ops)(\/|$)/.test(d.route));
    expect(ours.filter((d) => !d.schema).map((d) => d.route)).toEqual([]);
    expect([...new Set(exercised)].sort()).toEqual(ours.map((d) => d.route).sort());
  });
});
