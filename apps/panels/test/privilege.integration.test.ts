import 'reflect-metadata';
import { clearQueues, createTestIssuer, settledJob, type TestIssuer } from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TIMERS_QUEUE } from '../src/timers/timers.service.js';
import { INBOX, REDIS, client, requestSubmitted, startPanels, testPrefix } from './support/harness.js';

/**
 * Who may read a panel's sittings, their cases, papers, minutes and audit (src/panels/access.ts):
 * those who sit on the panel, the panel administrator, the auditor and the managers above the panels;
 * a sitting's audit only its chair, the auditor and the managers above. Two panels in one council.
 */
const LA = 'privmoor';
const PREFIX = testPrefix('priv');
let app: INestApplication;
let base = '';
let issuer: TestIssuer;
let inbox: Queue;
const call = client(() => base);
const t: Record<string, string> = {};
let panelA = '';
let panelB = '';
let sittingA = '';
let caseA = '';
let hosCase = '';

async function openCase(outcome: Parameters<typeof requestSubmitted>[1]) {
  const event = requestSubmitted(LA, outcome);
  await inbox.add(event.type, event, { jobId: event.id });
  expect((await settledJob(inbox, event.id)).returnvalue).toBe('applied');
  const r = await call('GET', `/cases?requestId=${event.payload.requestId}`, t.auditor!);
  expect(r.body).toHaveLength(1);
  return r.body[0].id as string;
}

beforeAll(async () => {
  issuer = await createTestIssuer();
  ({ app, url: base } = await startPanels({
    databaseUrl: inject('databaseUrl'),
    issuer,
    prefix: PREFIX,
    env: { TIMER_SWEEP_MS: '60000' },
  }));
  inbox = new Queue(INBOX, { connection: REDIS, prefix: PREFIX });
  const tok = (sub: string, roles: string[], la = LA) => issuer.token({ sub, name: sub, roles: roles as never, la });
  t.admin = await tok('admin.p', ['panel-admin']);
  t.chairA = await tok('chair.a', ['panel-chair', 'approver:HOS']);
  t.memberA = await tok('member.a', ['panel-member']);
  t.chairB = await tok('chair.b', ['panel-chair', 'approver:HOS']);
  t.memberB = await tok('member.b', ['panel-member']);
  t.hos = await tok('hos.p', ['approver:HOS']);
  t.ad = await tok('ad.p', ['approver:AD']);
  t.auditor = await tok('auditor.p', ['auditor']);
  t.sw = await tok('sw.test', ['social-worker']); // the harness's requests are sw.test's
  t.otherSw = await tok('sw.other', ['social-worker']);
  t.otherAuditor = await tok('auditor.q', ['auditor', 'panel-admin', 'approver:DCS'], 'quarrydale');

  const create = async (name: string, type: string, chair: string, member: string) => {
    const r = await call('POST', '/panels', t.admin!, {
      name,
      type,
      quorum: { votingMembers: 1 },
      members: [
        { userId: chair, name: `${chair} name`, role: 'CHAIR' },
        { userId: member, name: `${member} name`, role: 'SOCIAL_CARE' },
      ],
    });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  panelA = await create('Placement and Resources Panel', 'PLACEMENT_RESOURCES', 'chair.a', 'member.a');
  panelB = await create('Gateway Panel', 'GATEWAY', 'chair.b', 'member.b');
  caseA = await openCase({ approver: 'AD', panel: 'PLACEMENT_RESOURCES' });
  hosCase = await openCase({ approver: 'HOS', panel: null, costBand: 'B' });
  const convened = await call('POST', `/panels/${panelA}/sittings`, t.admin!, {
    startsAt: new Date(Date.now() + 3_600_000).toISOString(),
    reason: 'urgent placements',
  });
  expect(convened.status).toBe(201);
  sittingA = convened.body.id;
  const listed = await call('GET', `/sittings/${sittingA}`, t.admin!);
  if (!listed.body.agenda.some((a: { papers: { caseId: string } }) => a.papers.caseId === caseA))
    expect((await call('POST', `/sittings/${sittingA}/agenda`, t.admin!, { caseId: caseA })).status).toBe(201);
});

afterAll(async () => {
  await app?.close();
  await inbox?.close();
  await clearQueues(PREFIX, [INBOX, TIMERS_QUEUE]);
});

const status = async (path: string, token: string) => (await call('GET', path, token)).status;
const ids = async (path: string, token: string) => ((await call('GET', path, token)).body as { id: string }[]).map((x) => x.id);

describe('a sitting and its business: only for those who sit on its panel (and who convene, audit or oversee it)', () => {
  it('shows the sitting, its case and its minutes to its member and chair', async () => {
    for (const who of ['memberA', 'chairA']) {
      expect(await status(`/sittings/${sittingA}`, t[who]!), who).toBe(200);
      expect(await status(`/sittings/${sittingA}/minutes`, t[who]!), who).toBe(200);
      expect(await status(`/sittings/${sittingA}/minutes.md`, t[who]!), who).toBe(200);
      expect(await status(`/cases/${caseA}`, t[who]!), who).toBe(200);
      expect(await status(`/panels/${panelA}`, t[who]!), who).toBe(200);
      expect(await status(`/panels/${panelA}/sittings`, t[who]!), who).toBe(200);
      expect(await ids('/panels', t[who]!), who).toEqual([panelA]);
    }
    expect(await ids('/cases?take=200', t.memberA!)).toEqual([caseA]);
    expect(await ids('/sittings?mine=true', t.memberA!)).toContain(sittingA);
  });

  it("does not show another panel's sitting, case, minutes or panel to its member or chair: 404, as if it did not exist", async () => {
    for (const who of ['memberB', 'chairB']) {
      for (const path of [
        `/sittings/${sittingA}`,
        `/sittings/${sittingA}/minutes`,
        `/sittings/${sittingA}/minutes.md`,
        `/sittings/${sittingA}/audit`,
        `/cases/${caseA}`,
        `/cases/${caseA}/audit`,
        `/panels/${panelA}`,
        `/panels/${panelA}/sittings`,
      ]) {
        if (who === 'memberB' && path.endsWith('/audit')) continue; // a member's role does not read audits at all (403, below)
        expect(await status(path, t[who]!), `${who} ${path}`).toBe(404);
      }
      expect(await ids('/panels', t[who]!), who).toEqual([panelB]);
      expect(await ids('/cases?take=200', t[who]!), who).not.toContain(caseA);
      expect(await ids('/sittings?mine=true', t[who]!), who).not.toContain(sittingA);
    }
    const vote = await call('POST', `/sittings/${sittingA}/cases/${caseA}/votes`, t.memberB!, { vote: 'APPROVE' });
    expect(vote.status).toBe(404);
    const evidence = await call('POST', `/cases/${caseA}/evidence`, t.memberB!, { gateId: 'gate.x', evidence: 'seen' });
    expect(evidence.status).toBe(404);
    const attendance = await call('POST', `/sittings/${sittingA}/attendance`, t.chairB!, {
      members: [{ userId: 'member.a', present: true }],
    });
    expect(attendance.status).toBe(404);
  });

  it('an approver who does not sit on the panel reads neither its sittings nor cases above their tier; their own queue they do', async () => {
    expect(await status(`/sittings/${sittingA}`, t.hos!)).toBe(404);
    expect(await status(`/sittings/${sittingA}/minutes`, t.hos!)).toBe(403); // the minutes route is not for their role at all
    expect(await status(`/cases/${caseA}`, t.hos!)).toBe(404);
    expect(await status(`/cases/${hosCase}`, t.hos!)).toBe(200);
    expect(await ids('/cases?take=200', t.hos!)).toEqual([hosCase]);
    expect(await ids('/panels', t.hos!)).toEqual([]);
    // A chair reads the cases of their own tier, and those listed at their panel's sittings.
    expect(await ids('/cases?take=200', t.chairA!)).toEqual(expect.arrayContaining([caseA, hosCase]));
    expect(await ids('/cases?take=200', t.chairB!)).toEqual([hosCase]);
  });

  it('a social worker reads the cases of the requests they made, not another social worker’s', async () => {
    expect((await ids('/cases?take=200', t.sw!)).sort()).toEqual([caseA, hosCase].sort());
    expect(await status(`/cases/${caseA}/letter`, t.sw!)).toBe(409); // theirs: there is no decision yet
    expect(await status(`/cases/${caseA}/letter`, t.otherSw!)).toBe(404);
    expect(await ids('/cases?take=200', t.otherSw!)).toEqual([]);
    const evidence = await call('POST', `/cases/${caseA}/evidence`, t.otherSw!, { gateId: 'gate.x', evidence: 'seen' });
    expect(evidence.status).toBe(404);
  });

  it('the panel administrator, the auditor and the assistant director see every panel and sitting of their council', async () => {
    for (const who of ['admin', 'auditor', 'ad']) {
      expect(await status(`/sittings/${sittingA}`, t[who]!), who).toBe(200);
      expect(await status(`/sittings/${sittingA}/minutes`, t[who]!), who).toBe(200);
      expect(await status(`/cases/${caseA}`, t[who]!), who).toBe(200);
      expect(await status(`/panels/${panelA}/sittings`, t[who]!), who).toBe(200);
      expect((await ids('/panels', t[who]!)).sort(), who).toEqual([panelA, panelB].sort());
    }
  });

  it("a sitting's audit: its chair, the auditor and the assistant director; not its members, the administrator or a head of service", async () => {
    for (const who of ['chairA', 'auditor', 'ad']) {
      const r = await call('GET', `/sittings/${sittingA}/audit`, t[who]!);
      expect(r.status, who).toBe(200);
      expect(
        r.body.map((x: { action: string }) => x.action),
        who,
      ).toContain('sitting.convened');
    }
    for (const who of ['memberA', 'admin', 'hos']) expect(await status(`/sittings/${sittingA}/audit`, t[who]!), who).toBe(403);
    expect(await status(`/sittings/${sittingA}/audit`, t.chairB!)).toBe(404);
  });

  it("another council's sitting, case and panel stay 404, whatever the roles", async () => {
    for (const path of [
      `/sittings/${sittingA}`,
      `/sittings/${sittingA}/audit`,
      `/sittings/${sittingA}/minutes`,
      `/cases/${caseA}`,
      `/panels/${panelA}`,
    ])
      expect(await status(path, t.otherAuditor!), path).toBe(404);
    expect(await ids('/panels', t.otherAuditor!)).not.toContain(panelA);
  });
});
