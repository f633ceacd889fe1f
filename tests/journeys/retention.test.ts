import { SubjectAccessPart } from '@placewise/platform';
import { eventually, TEST_REDIS_URL } from '@placewise/platform/testing';
import { ERASED_CHILD_ID } from '@placewise/contracts';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { approvedSearch, expectOk, people, providerWithHome, startPlatform, type Platform } from '../support/platform.js';

let p: Platform;

beforeAll(async () => {
  p = await startPlatform(inject('databaseUrl'));
});

afterAll(async () => {
  await p?.stop();
});

const SERVICES = ['referrals', 'panels', 'commissioning', 'finance', 'notifications'] as const;

/** A child placed in a children's home, through the whole journey: every service has heard of them. */
async function placed() {
  const { child, request, search } = await approvedSearch(p, {}, 610_000);
  const setting = await providerWithHome(p);
  const offer = expectOk(
    await people(p).commissioner('commissioning', 'POST', `/searches/${search.id}/offers`, {
      settingId: setting.id,
      weeklyFeePence: 600_000,
      startDate: '2027-01-11',
    }),
  );
  const placement = expectOk(await people(p).commissioner('commissioning', 'POST', `/offers/${offer.id}/award`, {}));
  await eventually(async () => expect((await people(p).finance('finance', 'GET', `/placements/${placement.id}`)).status).toBe(200));
  return { childId: child.id as string, requestId: request.id as string, placementId: placement.id as string };
}

/** Each service's subject access part for the child: what it still holds. */
async function held(childId: string, requestId: string) {
  const auditor = p.as({ sub: 'dpo.retention', roles: ['auditor'] });
  const out: Record<string, { status: number; rows: number }> = {};
  for (const service of SERVICES) {
    const query = service === 'notifications' ? `?requests=${requestId}` : '';
    const r = await auditor(service, 'GET', `/subject-access/children/${childId}${query}`);
    out[service] = {
      status: r.status,
      rows: r.status === 200 ? SubjectAccessPart.parse(r.body).records.reduce((n, k) => n + k.rows.length, 0) : 0,
    };
  }
  return out;
}

describe('retention', () => {
  it('the scheduled job erases a child whose retention has ended, and every service forgets them', async () => {
    const ada = await placed();
    const kept = await placed();
    const before = await held(ada.childId, ada.requestId);
    for (const service of SERVICES) expect(before[service]!.rows, service).toBeGreaterThan(0);

    // Time passes: Ada's 75th birthday is behind her. (No date of birth before 1990 can be entered, so the
    // record is aged in the database; everything after this is the platform's own doing.)
    await p.sql.query(`UPDATE referrals.child SET date_of_birth = '1950-03-01' WHERE id = $1`, [ada.childId]);
    const auditor = p.as({ sub: 'dpo.retention', roles: ['auditor'] });
    const due = expectOk(await auditor('referrals', 'GET', '/retention/due'));
    expect(due.children).toEqual([expect.objectContaining({ childId: ada.childId, rule: 'LOOKED_AFTER' })]);

    // The job scheduler's sweep, as it comes each day, on the queue the services' replicas share.
    const queue = new Queue('referrals-retention', { connection: { url: TEST_REDIS_URL }, prefix: p.prefix });
    try {
      const job = await queue.add('sweep', {});
      await eventually(async () => (await job.getState()) === 'completed', 60_000);
    } finally {
      await queue.close();
    }

    // Every service forgets the child: referrals has no such child; the others hold nothing about them.
    await eventually(async () => {
      const after = await held(ada.childId, ada.requestId);
      expect(after.referrals).toEqual({ status: 404, rows: 0 });
      for (const service of SERVICES.slice(1)) expect(after[service], service).toEqual({ status: 200, rows: 0 });
      return true;
    }, 60_000);

    // The money stays, naming nobody: finance's placement with its commitments, and commissioning's placement.
    const money = expectOk(await people(p).finance('finance', 'GET', `/placements/${ada.placementId}`));
    expect(money.childId).toBe(ERASED_CHILD_ID);
    const { rows } = await p.sql.query(
      `SELECT (SELECT count(*)::int FROM finance.commitment c WHERE c.placement_id = $1) AS commitments,
              (SELECT child_id::text FROM commissioning.placement WHERE id = $1) AS commissioned`,
      [ada.placementId],
    );
    expect(rows[0]).toEqual({ commitments: expect.any(Number), commissioned: ERASED_CHILD_ID });
    expect(rows[0].commitments).toBeGreaterThan(0);

    // The removal log says what went, under which rule, with no name or date of birth.
    const log = expectOk(await auditor('referrals', 'GET', '/retention/removals'));
    const entry = log.removals.find((r: { childId: string }) => r.childId === ada.childId);
    expect(entry).toMatchObject({ rule: 'LOOKED_AFTER' });
    expect(entry.removed).toEqual(expect.arrayContaining([expect.objectContaining({ table: 'Child', rows: 1 })]));
    expect(JSON.stringify(log)).not.toMatch(/Journey|1950-03-01/);

    // The other child is untouched everywhere.
    const other = await held(kept.childId, kept.requestId);
    for (const service of SERVICES) expect(other[service], service).toMatchObject({ status: 200 });
    for (const service of SERVICES) expect(other[service]!.rows, service).toBeGreaterThan(0);
  });
});
