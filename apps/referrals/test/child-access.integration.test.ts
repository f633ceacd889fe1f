import 'reflect-metadata';
import { CaseListedV1 } from '@placewise/contracts';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, deliver, fosterRequest, issuer, prisma, useReferrals } from './support.js';

/**
 * Who reads which child's personal data (src/children/child-access.ts; README, "Who sees which child's
 * personal data, and why"): per role, the allowed read and the refused one (404: the child does not
 * exist for them; 403 where the role reads no child at all). Another council's child stays 404.
 */
const LA = `kids-${randomUUID().slice(0, 6)}`;
useReferrals({ name: 'kids', la: LA, queues: [] });

const t: Record<string, string> = {};
let inHouse = ''; // a child with a request of the social worker's (routed to a service manager)
let theirs = ''; // a child another social worker recorded, with no request
let request = '';

beforeAll(async () => {
  const tok = (sub: string, roles: string[], la = LA) => issuer.token({ sub, name: sub, roles: roles as never, la });
  for (const [key, sub, roles] of [
    ['swA', 'sw.a', ['social-worker']],
    ['swB', 'sw.b', ['social-worker']],
    ['tm', 'tm.k', ['approver:TM']],
    ['sm', 'sm.k', ['approver:SM']],
    ['hos', 'hos.k', ['approver:HOS']],
    ['ad', 'ad.k', ['approver:AD']],
    ['member', 'member.k', ['panel-member']],
    ['otherMember', 'member.other', ['panel-member']],
    ['auditor', 'auditor.k', ['auditor']],
    ['perf', 'perf.k', ['performance']],
    ['commissioner', 'com.k', ['commissioner']],
    ['finance', 'fin.k', ['finance']],
    ['provider', 'prov.k', ['provider']],
    ['ops', 'ops.k', ['ops']],
    ['admin', 'admin.k', ['panel-admin']],
  ] as const)
    t[key] = await tok(sub, [...roles]);
  t.elsewhere = await tok('auditor.elsewhere', ['auditor', 'approver:DCS', 'performance'], `${LA}-other`);

  const a = await call('POST', '/children', { givenName: 'Ada', familyName: 'Scoped', dateOfBirth: '2012-03-04' }, t.swA);
  expect(a.status, JSON.stringify(a.body)).toBe(201);
  inHouse = a.body.id;
  const r = await call('POST', '/requests', fosterRequest(inHouse), t.swA);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  request = r.body.id;
  expect(r.body.approver).toBe('SM');
  const b = await call('POST', '/children', { givenName: 'Ben', familyName: 'Scoped', dateOfBirth: '2013-05-06' }, t.swB);
  expect(b.status).toBe(201);
  theirs = b.body.id;
});

const status = async (path: string, who: string) => (await call('GET', path, undefined, t[who])).status;
const listed = async (who: string) => {
  const r = await call('GET', '/children?take=200', undefined, t[who]);
  expect(r.status, who).toBe(200);
  return (r.body as { id: string }[]).map((c) => c.id).sort();
};

describe("a child's personal data, only while the person's work needs it", () => {
  it('a social worker: the children they recorded or made a request for, not another social worker’s', async () => {
    expect(await listed('swA')).toEqual([inHouse]);
    expect(await listed('swB')).toEqual([theirs]);
    for (const path of [`/children/${inHouse}`, `/children/${inHouse}/record`, `/children/${inHouse}/record/history`])
      expect(await status(path, 'swA'), path).toBe(200);
    for (const path of [`/children/${theirs}`, `/children/${theirs}/record`, `/children/${theirs}/record/history`])
      expect(await status(path, 'swA'), path).toBe(404);
    // Nor through a write, whose answer is the record: refused as if the child did not exist, nothing written.
    const review = { heldOn: '2026-01-05', reason: 'a review' };
    expect((await call('POST', `/children/${theirs}/reviews`, review, t.swA)).status).toBe(404);
    expect(await prisma.childReview.count({ where: { childId: theirs } })).toBe(0);
    expect((await call('POST', `/children/${theirs}/reviews`, {}, t.swB)).status).toBe(400); // theirs to record: only the body is wrong
  });

  it('a team or service manager: the children whose requests are for their tier or below (their queue)', async () => {
    for (const who of ['sm']) {
      expect(await listed(who), who).toEqual([inHouse]);
      expect(await status(`/children/${inHouse}/record`, who), who).toBe(200);
      expect(await status(`/children/${theirs}`, who), who).toBe(404);
    }
    // The request needs a service manager: a team manager cannot decide it, so does not read the child.
    expect(await listed('tm')).toEqual([]);
    expect(await status(`/children/${inHouse}`, 'tm')).toBe(404);
    expect(await status(`/children/${inHouse}/record`, 'tm')).toBe(404);
  });

  it("a panel member: the child whose case is listed at their panel's sitting, from case.listed; nobody else on its strength", async () => {
    expect(await status(`/children/${inHouse}`, 'member')).toBe(404);
    expect(await listed('member')).toEqual([]);
    const sittingId = randomUUID();
    const listing = {
      caseId: randomUUID(),
      requestId: request,
      sittingId,
      panelType: 'PLACEMENT_RESOURCES' as const,
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      memberIds: ['member.k', 'chair.k'],
      listedAt: new Date().toISOString(),
    };
    await deliver(CaseListedV1, listing, 2); // delivered twice: one grant each
    expect(await prisma.childAccessGrant.count({ where: { localAuthority: LA, childId: inHouse } })).toBe(2);
    expect(await status(`/children/${inHouse}`, 'member')).toBe(200);
    expect(await listed('member')).toEqual([inHouse]);
    expect(await status(`/children/${theirs}`, 'member')).toBe(404);
    expect(await status(`/children/${inHouse}`, 'otherMember')).toBe(404);
    expect(await listed('otherMember')).toEqual([]);
    // A panel member reads the child's details, not the looked-after record (their role does not).
    expect(await status(`/children/${inHouse}/record`, 'member')).toBe(403);
    // A listing for a request referrals does not hold grants nothing.
    await deliver(CaseListedV1, { ...listing, requestId: randomUUID(), sittingId: randomUUID(), memberIds: ['member.other'] });
    expect(await listed('otherMember')).toEqual([]);
  });

  it('the auditor, the performance team, the head of service and the directors: every child of their council', async () => {
    for (const who of ['auditor', 'hos', 'ad']) {
      expect(await listed(who), who).toEqual([inHouse, theirs].sort());
      expect(await status(`/children/${theirs}`, who), who).toBe(200);
    }
    // The performance team reaches any child's record from the return's pre-flight check; it does not list children.
    for (const who of ['auditor', 'perf', 'hos', 'ad']) expect(await status(`/children/${theirs}/record`, who), who).toBe(200);
    expect(await status('/children', 'perf')).toBe(403);
  });

  it('commissioners, finance, providers, ops and panel administrators read no child’s personal data here (403)', async () => {
    for (const who of ['commissioner', 'finance', 'provider', 'ops', 'admin']) {
      expect(await status('/children', who), who).toBe(403);
      expect(await status(`/children/${inHouse}`, who), who).toBe(403);
      expect(await status(`/children/${inHouse}/record`, who), who).toBe(403);
    }
  });

  it("the way out of care by child: only with the child, and a list's rows only for the children the person may read", async () => {
    const plan = {
      permanencePlan: 'REUNIFICATION',
      exitRoute: 'REUNIFICATION',
      estimatedExitDate: '2027-06-30',
      reason: 'Plan at the review',
    };
    expect((await call('PUT', `/children/${inHouse}/care-plan`, plan, t.swA)).status).toBe(200);
    expect((await call('PUT', `/children/${theirs}/care-plan`, plan, t.swB)).status).toBe(200);
    // Another social worker's child: its care plan does not exist for them, and writes nothing.
    expect(await status(`/children/${inHouse}/care-plan`, 'swB')).toBe(404);
    expect((await call('PUT', `/children/${inHouse}/care-plan`, { ...plan, reason: 'not mine' }, t.swB)).status).toBe(404);
    const steps = { kind: 'ASSESSMENT', description: 'Assess the family home', owner: 'Amara', dueDate: '2027-02-01' };
    const step = await call('POST', `/children/${inHouse}/exit-steps`, steps, t.swA);
    expect(step.status, JSON.stringify(step.body)).toBe(201);
    expect((await call('POST', `/exit-steps/${step.body.id}/done`, undefined, t.swB)).status).toBe(404);
    for (const [who, child] of [
      ['swA', inHouse],
      ['swB', theirs],
    ] as const)
      expect(
        (await call('PUT', `/children/${child}/care-plan/discharge-cohort`, { inCohort: true, reason: 'Ready to go home' }, t[who])).status,
      ).toBe(200);
    const cohort = async (who: string) => {
      const r = await call('GET', '/exits/discharge-planning', undefined, t[who]);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (r.body.cohort as { childId: string }[]).map((c) => c.childId).sort();
    };
    expect(await cohort('swA')).toEqual([inHouse]);
    expect(await cohort('swB')).toEqual([theirs]);
    expect(await cohort('hos')).toEqual([inHouse, theirs].sort());
    expect(await cohort('member')).toEqual([inHouse]); // listed at their sitting (above)
  });

  it("another council's child stays 404, whatever the roles", async () => {
    expect(await status(`/children/${inHouse}`, 'elsewhere')).toBe(404);
    expect(await status(`/children/${inHouse}/record`, 'elsewhere')).toBe(404);
    expect(await listed('elsewhere')).toEqual([]);
  });

  it("a social worker whose token names their team: the team's caseload too, not another team's", async () => {
    const member = (sub: string, team?: string) =>
      issuer.token({ sub, name: sub, roles: ['social-worker'], la: LA, ...(team ? { team } : {}) });
    const [north1, north2, south, none] = await Promise.all([
      member('sw.north1', 'Children in Care Team North'),
      member('sw.north2', 'Children in Care Team North'),
      member('sw.south', 'Children in Care Team South'),
      member('sw.noteam'),
    ]);
    const recorded = await call('POST', '/children', { givenName: 'Cal', familyName: 'Teamed', dateOfBirth: '2014-07-08' }, north1);
    expect(recorded.status).toBe(201);
    const child = recorded.body.id as string;
    const seen = async (token: string) => {
      const r = await call('GET', '/children?take=200', undefined, token);
      return (r.body as { id: string }[]).map((c) => c.id);
    };
    // A colleague in the same team reads the child and the record; another team and a worker with no team do not.
    expect(await seen(north2)).toContain(child);
    expect((await call('GET', `/children/${child}/record`, undefined, north2)).status).toBe(200);
    for (const outsider of [south, none]) {
      expect(await seen(outsider)).not.toContain(child);
      expect((await call('GET', `/children/${child}`, undefined, outsider)).status).toBe(404);
    }
    // A request the team makes for a child someone else recorded brings that child into the team's caseload.
    const other = await call('POST', '/children', { givenName: 'Dee', familyName: 'Teamed', dateOfBirth: '2015-09-10' }, none);
    expect(other.status).toBe(201);
    expect(await seen(north2)).not.toContain(other.body.id);
    const r = await call('POST', '/requests', fosterRequest(other.body.id), north1);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(await seen(north2)).toContain(other.body.id);
    expect(await seen(south)).not.toContain(other.body.id);
  });
});
