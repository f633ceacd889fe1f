import { freePort, launchService, type ServiceProcess } from '@placewise/platform/launcher';
import { eventually } from '@placewise/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT, expectOk, people, startPlatform, type Platform } from '../support/platform.js';

const N = 40;
let p: Platform;
let second: ServiceProcess;

beforeAll(async () => {
  p = await startPlatform(inject('databaseUrl'));
  second = await launchService({ root: ROOT, name: 'referrals', port: await freePort(), env: p.env.referrals });
});

afterAll(async () => {
  await second?.stop('SIGTERM');
  await p?.stop();
});

/** A counter's total from a service's Prometheus text, for one label set. */
async function counter(url: string, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('two replicas of referrals on one database and one Redis', () => {
  it('publish every event exactly once between them', async () => {
    const { socialWorker } = people(p);
    const child = expectOk(
      await socialWorker('referrals', 'POST', '/children', { givenName: 'R', familyName: 'S', dateOfBirth: '2012-01-01' }),
    );
    const replicas = [p.services.referrals.url, second.url];
    const token = await p.issuer.token({ sub: 'sw.e2e', roles: ['social-worker'] });
    // Submissions alternate between the replicas, two at a time, so both relays have work at once.
    const ids: string[] = [];
    for (let i = 0; i < N; i += 2) {
      const made = await Promise.all(
        replicas.map(async (url) => {
          const res = await fetch(`${url}/requests`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              childId: child.id,
              kind: 'PLACEMENT',
              legalStatus: 'CO_S31',
              placementType: 'IFA_FOSTER',
              provision: 'EXTERNAL',
              weeklyCostPence: 95_000 + i,
              location: 'IN_AREA',
              urgency: 'PLANNED',
            }),
          });
          expect(res.status).toBe(201);
          return ((await res.json()) as { id: string }).id;
        }),
      );
      ids.push(...made);
    }
    // Every request reaches panels, once.
    await eventually(async () => {
      const { rows } = await p.sql.query(`SELECT count(*)::int AS n FROM panels."case" WHERE request_id = ANY($1::uuid[])`, [ids]);
      return rows[0].n === N || undefined;
    }, 30_000);
    const { rows: dup } = await p.sql.query(
      `SELECT request_id FROM panels."case" WHERE request_id = ANY($1::uuid[]) GROUP BY request_id HAVING count(*) > 1`,
      [ids],
    );
    expect(dup).toEqual([]);
    // Between them the two relays published each request.submitted exactly once (to its one subscriber).
    const labels = 'type="request.submitted",queue="panels-inbox"';
    const published =
      (await counter(replicas[0]!, 'events_published_total', labels)) + (await counter(replicas[1]!, 'events_published_total', labels));
    const { rows } = await p.sql.query(
      `SELECT count(*)::int AS n FROM referrals.outbox_event WHERE type = 'request.submitted' AND envelope->'payload'->>'requestId' = ANY($1::text[])`,
      [ids],
    );
    expect(rows[0].n).toBe(N);
    expect(published).toBe(N);
    // Panels applied each once: no duplicate reached its inbox.
    expect(await counter(p.services.panels.url, 'events_consumed_total', 'type="request.submitted",result="duplicate"')).toBe(0);
  });
});
