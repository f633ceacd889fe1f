import 'reflect-metadata';
import type { RoutedOutcomeV2 } from '@placewise/contracts';
import { clearQueues, createTestIssuer, settledJob, type TestIssuer } from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { CasesRepository } from '../src/cases/cases.repository.js';
import { PanelsRepository } from '../src/panels/panels.repository.js';
import { isoWeekday, londonParts } from '../src/panels/sitting-times.js';
import { TIMERS_QUEUE, TimersService } from '../src/timers/timers.service.js';
import { CODE_PATTERNS } from '../src/words.js';
import {
  AuditEntryView,
  CaseDetailView,
  CaseView,
  ConflictView,
  MinutesView,
  PanelView,
  PapersView,
  SittingDetailView,
  SittingView,
  VoteView,
} from '../src/panels/panels.views.js';
import {
  INBOX,
  REDIS,
  client,
  inMs,
  requestResubmitted,
  requestSubmitted,
  startPanels,
  testPrefix,
  type SubmittedPayload,
} from './support/harness.js';

type CaseDetailBody = {
  papers: { gates: { text: string; evidence: { text: string; recordedByName: string } | null }[] };
  decisions: { outcomeWords: string; decidedByName: string; decidedByTierWords: string }[];
};
/** The user ids of this file's people: none may appear in a document. */
const USER_IDS = [
  'admin.e',
  'chair.e',
  'chair.other',
  'm1.social',
  'm2.finance',
  'm3.education',
  'iro.e',
  'ad.e',
  'dcs.e',
  'sw.e',
  'auditor.e',
];
/** Every UUID, code, user id (these, or any like "ad.erin") or sum in pence found in the documents, as "document: what (found)". */
function codesIn(documents: Record<string, string>, ids: string[]): string[] {
  const found: string[] = [];
  for (const [name, text] of Object.entries(documents)) {
    for (const { what, re } of [
      ...CODE_PATTERNS,
      { what: 'a status code', re: /\b(OPEN|DECIDED|SCHEDULED|LISTED|APPROVED|DECLINED|DEFERRED)\b/ },
    ]) {
      const m = text.match(re);
      if (m) found.push(`${name}: ${what} (${m[0]})`);
    }
    for (const id of ids) if (text.includes(id)) found.push(`${name}: an id (${id})`);
  }
  return found;
}

// Its own council: a council that runs its panels here (the other test file's council has none).
const LA = 'eastmoor';
const PREFIX = testPrefix('sit');
let app: INestApplication;
let base = '';
let issuer: TestIssuer;
let sql: pg.Client;
let inbox: Queue;
const call = client(() => base);
const t: Record<string, string> = {};

async function openCase(outcome: Partial<RoutedOutcomeV2> = {}, payload: Partial<SubmittedPayload> = {}) {
  const event = requestSubmitted(LA, outcome, payload);
  await inbox.add(event.type, event, { jobId: event.id });
  expect((await settledJob(inbox, event.id)).returnvalue).toBe('applied');
  const r = await call('GET', `/cases?requestId=${event.payload.requestId}`, t.auditor!);
  expect(r.body).toHaveLength(1);
  return { event, id: r.body[0].id as string, sittingId: r.body[0].sittingId as string | null };
}

const outboxOf = async (caseId: string, type: string) =>
  (
    await sql.query(`SELECT envelope FROM panels.outbox_event WHERE type = $1 AND envelope->'payload'->>'caseId' = $2 ORDER BY seq`, [
      type,
      caseId,
    ])
  ).rows.map((r) => r.envelope);

let panel: { id: string; members: { id: string; userId: string; role: string }[] };

beforeAll(async () => {
  issuer = await createTestIssuer();
  ({ app, url: base } = await startPanels({
    databaseUrl: inject('databaseUrl'),
    issuer,
    prefix: PREFIX,
    env: { TIMER_SWEEP_MS: '60000' },
  }));
  sql = new pg.Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  inbox = new Queue(INBOX, { connection: REDIS, prefix: PREFIX });
  // Each person's name as their sign-in gives it: what panels shows for them where it has no member's name.
  const NAMES: Record<string, string> = { 'admin.e': 'Ann Admin', 'sw.e': 'Sid Worker', 'ad.e': 'Ada Director', 'dcs.e': 'Dee Director' };
  const tok = (sub: string, roles: string[], la = LA) => issuer.token({ sub, name: NAMES[sub] ?? 'Tester', roles: roles as never, la });
  t.admin = await tok('admin.e', ['panel-admin']);
  t.chair = await tok('chair.e', ['panel-chair', 'approver:AD']);
  t.otherChair = await tok('chair.other', ['panel-chair', 'approver:DCS']);
  t.m1 = await tok('m1.social', ['panel-member']);
  t.m2 = await tok('m2.finance', ['panel-member']);
  t.m3 = await tok('m3.education', ['panel-member']);
  t.iro = await tok('iro.e', ['panel-member']);
  t.ad = await tok('ad.e', ['approver:AD']);
  t.dcs = await tok('dcs.e', ['approver:DCS']);
  t.sw = await tok('sw.e', ['social-worker']);
  t.auditor = await tok('auditor.e', ['auditor']);
  t.south = await tok('admin.s', ['panel-admin', 'panel-chair', 'approver:DCS', 'auditor'], 'southvale');
});

afterAll(async () => {
  await app?.close();
  await inbox?.close();
  await sql?.end();
  await clearQueues(PREFIX, [INBOX, TIMERS_QUEUE]);
});

describe('panels and their sittings', () => {
  it('documents its API: every route of its own says what it answers', async () => {
    const doc = (await (await fetch(`${base}/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
    };
    const undescribed = Object.entries(doc.paths)
      .filter(([path]) => /^\/(panels|sittings|cases|audit|clocks)(\/|$)/.test(path))
      .flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(
            ([, op]) =>
              !Object.entries(op.responses ?? {}).some(
                ([code, r]) => code.startsWith('2') && Object.values(r.content ?? {}).some((c) => c.schema),
              ),
          )
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      );
    expect(undescribed).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/panels',
        '/panels/{id}/sittings',
        '/sittings/{id}',
        '/sittings/{id}/attendance',
        '/sittings/{id}/cases/{caseId}/votes',
        '/sittings/{id}/minutes.md',
        '/cases/{id}/evidence',
        '/cases/{id}/letter',
        '/audit',
        '/clocks/due',
        '/clocks/indicators',
        '/clocks/{id}',
        '/clocks/{id}/complete',
      ]),
    );
  });

  it('refuses a panel that could never be quorate, with the field', async () => {
    const before = (await sql.query('SELECT count(*)::int AS n FROM panels.panel')).rows[0].n;
    const r = await call('POST', '/panels', t.admin!, {
      name: 'High cost panel',
      type: 'HIGH_COST',
      members: [
        { userId: 'chair.e', name: 'Erin Chair', role: 'CHAIR' },
        { userId: 'm1.social', name: 'Sam Social', role: 'SOCIAL_CARE' },
        { userId: 'm3.education', name: 'Eve Education', role: 'EDUCATION' },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual(
      expect.arrayContaining([{ field: 'members', reason: 'this panel needs a voting finance member for its quorum' }]),
    );
    expect((await call('POST', '/panels', t.chair!, { name: 'x' })).status).toBe(403);
    expect((await sql.query('SELECT count(*)::int AS n FROM panels.panel')).rows[0].n).toBe(before);
  });

  it('sets up a panel with regular Tuesday sittings and routes cases before the cut-off; retrospective ones to the earliest sitting', async () => {
    // A case that arrives before the council has the panel waits unlisted, then is listed when the panel is set up.
    const early = await openCase();
    expect(early.sittingId).toBeNull();

    const r = await call('POST', '/panels', t.admin!, {
      name: 'Placement and Resources Panel',
      type: 'PLACEMENT_RESOURCES',
      quorum: { votingMembers: 2, financeRequired: true },
      schedule: { weekday: 'TUESDAY', time: '10:00', cutOffWorkingDays: 2 },
      members: [
        { userId: 'chair.e', name: 'Erin Chair', role: 'CHAIR' },
        { userId: 'm1.social', name: 'Sam Social', role: 'SOCIAL_CARE' },
        { userId: 'm2.finance', name: 'Fay Finance', role: 'FINANCE' },
        { userId: 'm3.education', name: 'Eve Education', role: 'EDUCATION' },
        { userId: 'iro.e', name: 'Ira Iro', role: 'IRO', voting: false },
      ],
    });
    expect(r.status).toBe(201);
    panel = r.body;
    expect(PanelView.strict().parse(r.body).members).toHaveLength(5);
    expect(r.body).toMatchObject({
      type: 'PLACEMENT_RESOURCES',
      chairUserId: 'chair.e',
      quorum: { chair: true, votingMembers: 2, financeRequired: true },
      schedule: { weekday: 'TUESDAY', time: '10:00', cutOffWorkingDays: 2 },
    });

    const sittings = (await call('GET', `/panels/${panel.id}/sittings`, t.admin!)).body as {
      id: string;
      startsAt: string;
      cutOffAt: string;
      kind: string;
    }[];
    expect(sittings.length).toBeGreaterThanOrEqual(7);
    for (const s of sittings) {
      expect(londonParts(new Date(s.startsAt)).time).toBe('10:00');
      expect(isoWeekday(londonParts(new Date(s.startsAt)).date)).toBe(2);
      expect(new Date(s.cutOffAt).getTime()).toBeLessThan(new Date(s.startsAt).getTime());
    }
    const now = Date.now();
    const beforeCutOff = sittings.find((s) => Date.parse(s.cutOffAt) > now)!;
    const earliest = sittings.find((s) => Date.parse(s.startsAt) > now)!;
    expect((await call('GET', `/cases/${early.id}`, t.auditor!)).body.sittingId).toBe(beforeCutOff.id);

    const planned = await openCase();
    expect(planned.sittingId).toBe(beforeCutOff.id);
    const retro = await openCase(
      {
        retrospective: true,
        deadlines: [
          {
            id: 'deadline.retrospective_approval',
            ruleId: 'r',
            purpose: 'RATIFICATION',
            due: inMs(10 * 86_400_000),
            text: 'ratify within 10 working days',
          },
        ],
      },
      { urgency: 'EMERGENCY' },
    );
    expect(retro.sittingId).toBe(earliest.id);
    // A named approver's case stays in their queue, on no agenda.
    const named = await openCase({ panel: null, approver: 'HOS' });
    expect(named.sittingId).toBeNull();
    // The panel's members are told each listing (case.listed), with the sitting's start: not the named approver's case.
    const listed = await outboxOf(planned.id, 'case.listed');
    expect(listed).toHaveLength(1);
    expect(listed[0].payload).toMatchObject({
      sittingId: beforeCutOff.id,
      panelType: 'PLACEMENT_RESOURCES',
      startsAt: new Date(beforeCutOff.startsAt).toISOString(),
      memberIds: ['chair.e', 'm1.social', 'm2.finance', 'm3.education', 'iro.e'].sort(),
    });
    expect((await outboxOf(early.id, 'case.listed')).map((e) => e.payload.sittingId)).toEqual([beforeCutOff.id]);
    expect((await outboxOf(retro.id, 'case.listed')).map((e) => e.payload.sittingId)).toEqual([earliest.id]);
    expect(await outboxOf(named.id, 'case.listed')).toEqual([]);

    const agenda = (await call('GET', `/sittings/${beforeCutOff.id}`, t.m1!)).body;
    expect(agenda.agenda.map((a: { papers: { caseId: string } }) => a.papers.caseId)).toEqual(
      expect.arrayContaining([early.id, planned.id]),
    );
    const papers = agenda.agenda.find((a: { papers: { caseId: string } }) => a.papers.caseId === planned.id).papers;
    expect(papers).toMatchObject({
      request: { requestedWeeklyCostPence: 610_000, placementType: 'PRIVATE_CHILDRENS_HOME' },
      reasons: planned.event.payload.outcome.reasons,
      gates: [],
      approver: 'AD',
    });
    // Another council sees none of it.
    expect((await call('GET', `/sittings/${beforeCutOff.id}`, t.south!)).status).toBe(404);
    expect((await call('GET', `/panels/${panel.id}`, t.south!)).status).toBe(404);
    // A member's own sittings.
    expect((await call('GET', '/sittings?mine=true', t.m2!)).body.map((s: { id: string }) => s.id)).toContain(beforeCutOff.id);
  });
});

describe('a case through a sitting', () => {
  let sitting: string;
  let a: Awaited<ReturnType<typeof openCase>>;

  it('decides with quorum, refuses without it and without evidence, and keeps a conflicted member from voting', async () => {
    const reapproval = {
      originalRequestId: randomUUID(),
      searchId: randomUUID(),
      offerId: randomUUID(),
      placementId: null,
      reason: 'ABOVE_CEILING' as const,
    };
    a = await openCase(
      { gates: [{ id: 'gate.placement_plan', ruleId: 'r.plan', text: 'a placement plan is agreed' }] },
      { reapproval, submittedBy: 'sw.e' },
    );
    const convened = await call('POST', `/panels/${panel.id}/sittings`, t.admin!, {
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      reason: 'urgent placements',
    });
    expect(convened.status).toBe(201);
    sitting = convened.body.id;
    expect(convened.body.kind).toBe('EXTRAORDINARY');
    expect((await call('POST', `/sittings/${sitting}/agenda`, t.admin!, { caseId: a.id })).status).toBe(201);
    expect((await call('GET', `/cases/${a.id}`, t.auditor!)).body.sittingId).toBe(sitting);

    // Nobody's attendance is recorded: nobody votes, and the chair cannot decide.
    const early = await call('POST', `/sittings/${sitting}/cases/${a.id}/votes`, t.m1!, { vote: 'APPROVE' });
    expect(early.status).toBe(403);
    expect(early.body.message).toMatch(/attendance/);
    const noQuorum = await call('POST', `/cases/${a.id}/decision`, t.chair!, { outcome: 'APPROVED', reason: 'ok' });
    expect(noQuorum.status).toBe(409);
    expect(noQuorum.body.message).toMatch(/not quorate.*chair is not present/);

    const att = await call('POST', `/sittings/${sitting}/attendance`, t.admin!, {
      members: [
        { userId: 'chair.e', present: true },
        { userId: 'm1.social', present: true },
        { userId: 'm2.finance', present: true },
        { userId: 'm3.education', present: false },
        { userId: 'iro.e', present: true },
      ],
    });
    expect(att.status).toBe(201);
    expect(
      (await call('POST', `/sittings/${sitting}/attendance`, t.admin!, { members: [{ userId: 'stranger', present: true }] })).body.errors[0]
        .field,
    ).toBe('members.0.userId');

    // Sam declares a conflict: he cannot vote, and without him the panel is one voting member short.
    const declared = await call('POST', `/sittings/${sitting}/cases/${a.id}/conflicts`, t.m1!, { reason: 'knows the family' });
    expect(declared.status).toBe(201);
    expect(ConflictView.strict().parse(declared.body)).toBeTruthy();
    expect((await call('POST', `/sittings/${sitting}/cases/${a.id}/conflicts`, t.m1!, { reason: 'again' })).status).toBe(409);
    const conflicted = await call('POST', `/sittings/${sitting}/cases/${a.id}/votes`, t.m1!, { vote: 'APPROVE' });
    expect(conflicted.status).toBe(403);
    expect(conflicted.body.message).toMatch(/conflict of interest/);
    const short = await call('POST', `/cases/${a.id}/decision`, t.chair!, { outcome: 'APPROVED', reason: 'ok' });
    expect(short.status).toBe(409);
    expect(short.body.reasons).toEqual(['1 voting members besides the chair are present and not conflicted; the quorum is 2']);

    // Eve arrives late: quorate again.
    await call('POST', `/sittings/${sitting}/attendance`, t.admin!, { members: [{ userId: 'm3.education', present: true }] });
    expect((await call('POST', `/sittings/${sitting}/cases/${a.id}/votes`, t.iro!, { vote: 'APPROVE' })).body.message).toMatch(
      /advise the panel but do not vote/,
    );
    const voted = await call('POST', `/sittings/${sitting}/cases/${a.id}/votes`, t.m2!, {
      vote: 'APPROVE',
      comment: 'within budget with the ceiling',
    });
    expect(voted.status).toBe(201);
    expect(VoteView.strict().parse(voted.body)).toMatchObject({ vote: 'APPROVE', comment: 'within budget with the ceiling' });
    expect((await call('POST', `/sittings/${sitting}/cases/${a.id}/votes`, t.m2!, { vote: 'DECLINE' })).status).toBe(409);
    expect((await call('POST', `/sittings/${sitting}/cases/${a.id}/votes`, t.m3!, { vote: 'ABSTAIN' })).status).toBe(201);
    expect((await call('POST', `/sittings/${sitting}/cases/${a.id}/votes`, t.m3!, { vote: 'MAYBE' })).body.errors[0].field).toBe('vote');

    // The wrong role, the wrong chair, a tier too low: refused with the reason, nothing written.
    const count = async () => (await sql.query('SELECT count(*)::int AS n FROM panels.decision WHERE case_id = $1', [a.id])).rows[0].n;
    expect((await call('POST', `/cases/${a.id}/decision`, t.m2!, { outcome: 'APPROVED', reason: 'ok' })).status).toBe(403);
    const notThisChair = await call('POST', `/cases/${a.id}/decision`, t.otherChair!, { outcome: 'APPROVED', reason: 'ok' });
    expect(notThisChair.status).toBe(403);
    expect(notThisChair.body.message).toMatch(/only the chair of the Placement and Resources Panel/);
    const notChair = await call('POST', `/cases/${a.id}/decision`, t.dcs!, { outcome: 'APPROVED', reason: 'ok' });
    expect(notChair.body.message).toMatch(/its chair records the decision/);

    // The gate is not evidenced yet.
    const noEvidence = await call('POST', `/cases/${a.id}/decision`, t.chair!, { outcome: 'APPROVED', reason: 'ok' });
    expect(noEvidence.status).toBe(409);
    expect(noEvidence.body.reasons).toEqual(['a placement plan is agreed']);
    expect((await call('POST', `/cases/${a.id}/evidence`, t.sw!, { gateId: 'gate.nope', evidence: 'x' })).body.errors[0].field).toBe(
      'gateId',
    );
    const ev = await call('POST', `/cases/${a.id}/evidence`, t.sw!, {
      gateId: 'gate.placement_plan',
      evidence: 'Placement plan agreed 20 Nov, ref PP-114',
    });
    expect(ev.status).toBe(201);
    expect(ev.body.gates).toEqual([
      expect.objectContaining({ id: 'gate.placement_plan', evidenced: true, evidence: expect.objectContaining({ recordedBy: 'sw.e' }) }),
    ]);
    expect(await count()).toBe(0);

    const conditions = { maxWeeklyCostPence: 600_000, reviewDate: '2027-03-01', notes: ['step-down plan within 6 months'] };
    const counterfactual = {
      description: 'solo placement in an out-of-area home',
      placementType: 'PRIVATE_CHILDRENS_HOME',
      weeklyCostPence: 950_000,
      source: 'average solo placement 2025-26',
    };
    const decided = await call('POST', `/cases/${a.id}/decision`, t.chair!, {
      outcome: 'APPROVED_WITH_CONDITIONS',
      reason: 'needs met with a ceiling',
      conditions,
      counterfactual,
    });
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({ status: 'DECIDED', sittingId: null });
    expect(decided.body.decisions[0]).toMatchObject({
      sittingId: sitting,
      decidedByTier: 'PANEL',
      counterfactual,
      votes: { tally: { APPROVE: 1, DECLINE: 0, ABSTAIN: 1 } },
    });
    const [env] = await outboxOf(a.id, 'decision.recorded');
    expect(env.payload).toMatchObject({
      outcome: 'APPROVED_WITH_CONDITIONS',
      conditions,
      counterfactual,
      reapproval,
      decidedByTier: 'PANEL',
    });
    expect(env.correlationId).toBe(a.event.correlationId);
    expect(await count()).toBe(1);

    // The OpenAPI document declares what is sent: real responses parse with its schemas, every field declared.
    expect(SittingView.strict().parse(convened.body)).toBeTruthy();
    expect(PapersView.strict().parse(ev.body)).toBeTruthy();
    expect(CaseView.strict().parse(decided.body).decisions).toHaveLength(1);
    expect(CaseDetailView.strict().parse((await call('GET', `/cases/${a.id}`, t.auditor!)).body).papers.gates[0]!.evidenced).toBe(true);
    expect(z.array(CaseView.strict()).parse((await call('GET', '/cases?status=DECIDED', t.auditor!)).body).length).toBeGreaterThan(0);
    expect(z.array(PanelView.strict()).parse((await call('GET', '/panels', t.admin!)).body).length).toBeGreaterThan(0);
    expect(PanelView.strict().parse((await call('GET', `/panels/${panel.id}`, t.admin!)).body).members.length).toBe(5);
    expect(z.array(SittingView.strict()).parse((await call('GET', `/panels/${panel.id}/sittings`, t.admin!)).body).length).toBeGreaterThan(
      0,
    );
    expect(
      z
        .array(SittingView.strict())
        .parse((await call('GET', '/sittings?mine=true', t.m1!)).body)
        .map((x) => x.id),
    ).toContain(sitting);
    const detail = SittingDetailView.strict().parse((await call('GET', `/sittings/${sitting}`, t.m1!)).body);
    const heard = detail.agenda.find((i) => i.papers.caseId === a.id)!;
    expect(heard.decision).toMatchObject({ outcome: 'APPROVED_WITH_CONDITIONS', conditions });
    expect(heard.votes.map((v) => v.vote)).toEqual(['APPROVE', 'ABSTAIN']);
    expect(heard.conflicts.map((c) => c.userId)).toEqual(['m1.social']);
  });

  it('defers with the information asked for, and the resubmission returns the case to the next sitting', async () => {
    const b = await openCase();
    await call('POST', `/sittings/${sitting}/agenda`, t.admin!, { caseId: b.id });
    expect(
      (await call('POST', `/cases/${b.id}/decision`, t.chair!, { outcome: 'DEFERRED', reason: 'more needed' })).body.errors[0].field,
    ).toBe('informationRequested');
    const d = await call('POST', `/cases/${b.id}/decision`, t.chair!, {
      outcome: 'DEFERRED',
      reason: 'the panel needs the education view',
      informationRequested: ["Virtual School head's view", 'updated risk assessment'],
      returnBy: '2026-12-10',
    });
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({
      status: 'OPEN',
      awaitingInformation: true,
      sittingId: null,
      informationRequested: ["Virtual School head's view", 'updated risk assessment'],
    });
    const [deferred] = await outboxOf(b.id, 'case.deferred');
    expect(deferred.payload).toMatchObject({
      requestId: b.event.payload.requestId,
      informationRequested: ["Virtual School head's view", 'updated risk assessment'],
      deferredBy: 'chair.e',
      returnBy: '2026-12-10',
    });
    expect((await outboxOf(b.id, 'decision.recorded'))[0].payload.outcome).toBe('DEFERRED');
    // While it waits, the panel cannot decide it.
    const waiting = await call('POST', `/cases/${b.id}/decision`, t.chair!, { outcome: 'DECLINED', reason: 'x' });
    expect(waiting.status).toBe(409);
    expect(waiting.body.message).toMatch(/deferred until the information/);

    const resub = requestResubmitted(LA, b.event.payload.requestId, ["Virtual School head's view", 'updated risk assessment']);
    await inbox.add(resub.type, resub, { jobId: resub.id });
    expect((await settledJob(inbox, resub.id)).returnvalue).toBe('applied');
    const back = (await call('GET', `/cases/${b.id}`, t.auditor!)).body;
    expect(back.awaitingInformation).toBe(false);
    const next = (await call('GET', `/panels/${panel.id}/sittings`, t.admin!)).body.find(
      (s: { cutOffAt: string; kind: string }) => s.kind === 'REGULAR' && Date.parse(s.cutOffAt) > Date.now(),
    );
    expect(back.sittingId).toBe(next.id);
    expect(back.audit.map((x: { action: string }) => x.action)).toEqual(
      expect.arrayContaining(['decision.recorded', 'request.resubmitted', 'case.listed']),
    );
    // Delivered again: no second effect.
    await inbox.add(resub.type, resub, { jobId: `${resub.id}-again` });
    expect((await settledJob(inbox, `${resub.id}-again`)).returnvalue).toBe('duplicate');
  });

  it('refers a case up to the next tier: it leaves the panel for the named approver', async () => {
    const c = await openCase({ approver: 'AD' });
    await call('POST', `/sittings/${sitting}/agenda`, t.admin!, { caseId: c.id });
    const up = await call('POST', `/cases/${c.id}/decision`, t.chair!, { outcome: 'REFERRED_UP', reason: "beyond the panel's delegation" });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ approver: 'DCS', panel: null, sittingId: null, status: 'OPEN' });
    const below = await call('POST', `/cases/${c.id}/decision`, t.ad!, { outcome: 'APPROVED', reason: 'ok' });
    expect(below.status).toBe(403);
    expect(below.body.message).toMatch(/needs the director of children's services or someone more senior/);
    expect((await call('GET', '/cases?mine=true', t.dcs!)).body.map((x: { id: string }) => x.id)).toContain(c.id);
    expect((await call('POST', `/cases/${c.id}/decision`, t.dcs!, { outcome: 'APPROVED', reason: 'agreed' })).body.status).toBe('DECIDED');
  });

  it("keeps a vote's comment as words in the minutes: it cannot forge a heading, a link or HTML", async () => {
    const b = await openCase();
    expect((await call('POST', `/sittings/${sitting}/agenda`, t.admin!, { caseId: b.id })).status).toBe(201);
    const comment = 'Agreed.\n\n## Decision: declined\n[the real minutes](https://evil.example/x) <img src=x onerror=alert(1)> **urgent**';
    const voted = await call('POST', `/sittings/${sitting}/cases/${b.id}/votes`, t.m2!, { vote: 'APPROVE', comment });
    expect(voted.status).toBe(201);
    const md = (await call('GET', `/sittings/${sitting}/minutes.md`, t.admin!)).text;
    const line = md.split('\n').findIndex((l) => l.startsWith('- Fay Finance: approve: "Agreed.'));
    expect(line).toBeGreaterThan(0);
    // No line the comment made starts a block of its own, and none of its syntax survives unescaped.
    expect(md).not.toMatch(/^#+ Decision: declined/m);
    expect(md).toContain('\\#\\# Decision: declined');
    expect(md).not.toContain('](https://');
    expect(md).not.toMatch(/(^|[^\\])<img/m);
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(md).toContain('\\*\\*urgent\\*\\*');
  });

  it('writes the minutes, the decision letter and the audit trail', async () => {
    const m = await call('GET', `/sittings/${sitting}/minutes`, t.admin!);
    expect(m.status).toBe(200);
    expect(MinutesView.strict().parse(m.body)).toBeTruthy();
    expect(m.body.attendance).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: 'm3.education', present: true }),
        expect.objectContaining({ userId: 'iro.e', voting: false, present: true }),
      ]),
    );
    const heard = m.body.cases.find((c: { caseId: string }) => c.caseId === a.id);
    expect(heard).toMatchObject({
      quorum: { met: true },
      tally: { APPROVE: 1, DECLINE: 0, ABSTAIN: 1 },
      decision: { outcome: 'APPROVED_WITH_CONDITIONS' },
    });
    expect(heard.conflicts).toEqual([expect.objectContaining({ userId: 'm1.social', reason: 'knows the family' })]);
    const md = await call('GET', `/sittings/${sitting}/minutes.md`, t.admin!);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(md.text).toContain('# Minutes: Placement and Resources Panel');
    expect(md.text).toContain('Sam Social declared a conflict of interest (knows the family) and did not vote.');
    expect(md.text).toContain('- Fay Finance: approve: "within budget with the ceiling"');
    expect(md.text).toContain('- maximum weekly cost £6,000.00');
    expect(md.text).toContain("- Virtual School head's view");
    const letter = await call('GET', `/cases/${a.id}/letter`, t.sw!);
    expect(letter.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(letter.text).toContain('**approved with conditions**');
    expect(letter.text).toContain('- the weekly cost may not exceed £6,000.00');

    // Documents in words: no UUID, code or user id, and money in pounds; people by name.
    const history = (await call('GET', `/cases/${a.id}/audit`, t.auditor!)).body as { what: string; actorName: string }[];
    const detail = (await call('GET', `/cases/${a.id}`, t.auditor!)).body as CaseDetailBody;
    const documents: Record<string, string> = {
      // (the votes' comments are what members typed, quoted: one of them is a hostile link, tested above)
      minutes: md.text.replace(/"[^"]*"/g, '""'),
      letter: letter.text,
      history: history.map((h) => `${h.what} by ${h.actorName}`).join('\n'),
      gates: detail.papers.gates
        .map((g) => `${g.text}: ${g.evidence ? `${g.evidence.text} (${g.evidence.recordedByName})` : ''}`)
        .join('\n'),
      decisions: detail.decisions.map((d) => `${d.outcomeWords} by ${d.decidedByName} (${d.decidedByTierWords})`).join('\n'),
    };
    expect(codesIn(documents, [...USER_IDS, a.id, a.event.payload.requestId, a.event.payload.childId])).toEqual([]);
    expect(documents.history).toContain('Evidence recorded for a gate by Sid Worker');
    expect(documents.history).toContain('Decision recorded by Erin Chair');
    expect(documents.history).toContain('Case opened from the request by Placewise (automatically)');
    expect(documents.gates).toContain('(Sid Worker)');
    expect(documents.decisions).toBe('approved with conditions by Erin Chair (panel)');
    expect(letter.text).toMatch(/^# Decision on the request for a child aged \d+$/m);
    expect(letter.text).toContain('(chaired by Erin Chair)');
    expect(md.text).toMatch(/^## 1\. A child aged \d+$/m);
    expect(md.text).toContain('(Recorded by Erin Chair.)');
    // The scan can fail: an id, a code, a user id or pence in a document are found.
    expect(
      codesIn({ x: `case ${a.id}, PRIVATE_CHILDRENS_HOME by ad.erin for chair.e at 585000p, status OPEN` }, ['chair.e']).map((f) =>
        f.replace(/^x: | \(.*$/g, ''),
      ),
    ).toEqual(['a UUID', 'an enum code', 'a user id', 'pence', 'a status code', 'an id']);

    const trails = z.array(AuditEntryView.strict());
    const trail = trails
      .parse((await call('GET', `/cases/${a.id}/audit`, t.auditor!)).body)
      .map((x: { action: string; actor: string }) => `${x.action}:${x.actor}`);
    expect(trail).toEqual(
      expect.arrayContaining([
        'case.opened:panels',
        'case.listed:admin.e',
        'member.conflict_declared:m1.social',
        'member.voted:m2.finance',
        'member.voted:m3.education',
        'gate.evidenced:sw.e',
        'decision.recorded:chair.e',
      ]),
    );
    const sittingTrail = trails.parse((await call('GET', `/sittings/${sitting}/audit`, t.auditor!)).body).map((x) => x.action);
    expect(sittingTrail.filter((x: string) => x === 'sitting.attendance')).toHaveLength(2);
    const all = trails.parse((await call('GET', '/audit?take=1000', t.auditor!)).body).map((x) => x.action);
    expect(all).toEqual(expect.arrayContaining(['panel.created', 'sitting.convened', 'member.voted']));
    expect((await call('GET', '/audit', t.south!)).body.map((x: { caseId: string }) => x.caseId)).not.toContain(a.id);
    expect((await call('GET', `/cases/${a.id}/audit`, t.south!)).status).toBe(404);
    // Append-only: nothing in the API changes or removes an entry, and entries only grow.
    expect((await call('DELETE', `/cases/${a.id}/audit`, t.auditor!)).status).toBe(404);
  });

  it('carries a case left unheard at an ended sitting onto the next one', async () => {
    const c = await openCase();
    const past = await call('POST', `/panels/${panel.id}/sittings`, t.admin!, {
      startsAt: new Date(Date.now() - 11 * 3_600_000).toISOString(),
      reason: 'held this morning',
    });
    expect((await call('POST', `/sittings/${past.body.id}/agenda`, t.admin!, { caseId: c.id })).status).toBe(201);
    const r = await app.get(TimersService).sweep();
    expect(r.carriedOver).toBeGreaterThanOrEqual(1);
    const now = (await call('GET', `/cases/${c.id}`, t.auditor!)).body;
    const next = (await call('GET', `/panels/${panel.id}/sittings`, t.admin!)).body.find(
      (s: { cutOffAt: string; kind: string }) => s.kind === 'REGULAR' && Date.parse(s.cutOffAt) > Date.now(),
    );
    expect(now.sittingId).toBe(next.id);
    expect(now.audit.map((x: { action: string }) => x.action)).toContain('case.carried_over');
  });

  it('cancels a sitting that has not started and moves its cases onto the next one', async () => {
    const c = await openCase();
    const sittings = (await call('GET', `/panels/${panel.id}/sittings`, t.admin!)).body as {
      id: string;
      startsAt: string;
      cutOffAt: string;
      kind: string;
      status: string;
    }[];
    const regular = sittings.filter((s) => s.kind === 'REGULAR' && s.status === 'SCHEDULED' && Date.parse(s.cutOffAt) > Date.now());
    expect(c.sittingId).toBe(regular[0]!.id);
    expect((await call('POST', `/sittings/${regular[0]!.id}/cancellation`, t.chair!, { reason: 'x' })).status).toBe(403);
    const r = await call('POST', `/sittings/${regular[0]!.id}/cancellation`, t.admin!, { reason: 'chair unavailable' });
    expect(r.status).toBe(201);
    expect(SittingDetailView.strict().parse(r.body).status).toBe('CANCELLED');
    expect(r.body.agenda.find((a: { papers: { caseId: string } }) => a.papers.caseId === c.id).agendaStatus).toBe('MOVED');
    expect((await call('GET', `/cases/${c.id}`, t.auditor!)).body.sittingId).toBe(regular[1]!.id);
    expect((await call('POST', `/sittings/${regular[0]!.id}/cancellation`, t.admin!, { reason: 'again' })).status).toBe(409);
    // A cancelled regular sitting is not put back in the calendar.
    const again = (await call('GET', `/panels/${panel.id}/sittings`, t.admin!)).body.filter(
      (s: { startsAt: string }) => s.startsAt === regular[0]!.startsAt,
    );
    expect(again.map((s: { status: string }) => s.status)).toEqual(['CANCELLED']);
  });
});

describe('writes are scoped to the council', () => {
  it('adds a member and removes them, answering with the panel as documented', async () => {
    const added = await call('POST', `/panels/${panel.id}/members`, t.admin!, {
      userId: 'adviser.e',
      name: 'Ada Adviser',
      role: 'ADVISER',
      voting: false,
    });
    expect(added.status).toBe(201);
    const member = PanelView.strict()
      .parse(added.body)
      .members.find((m) => m.userId === 'adviser.e')!;
    const removed = await call('DELETE', `/panels/${panel.id}/members/${member.id}`, t.admin!);
    expect(removed.status).toBe(200);
    expect(
      PanelView.strict()
        .parse(removed.body)
        .members.find((m) => m.id === member.id)?.active,
    ).toBe(false);
  });

  it("a write naming another council's row changes nothing", async () => {
    const c = await openCase();
    expect(c.sittingId).toBeTruthy();
    const cases = app.get(CasesRepository);
    const panels = app.get(PanelsRepository);
    const snapshot = async () => ({
      case: (await sql.query('SELECT * FROM panels."case" WHERE id = $1', [c.id])).rows,
      agenda: (await sql.query('SELECT * FROM panels.agenda_item WHERE case_id = $1', [c.id])).rows,
      sitting: (await sql.query('SELECT * FROM panels.sitting WHERE id = $1', [c.sittingId])).rows,
      member: (await sql.query('SELECT * FROM panels.panel_member WHERE id = $1', [panel.members[1]!.id])).rows,
    });
    const before = await snapshot();
    const elsewhere = 'southvale';
    await expect(
      cases.db.$transaction((tx) => cases.update(tx, { id: c.id, localAuthority: elsewhere }, { approver: 'DCS', sittingId: null })),
    ).rejects.toThrow();
    expect(await panels.db.$transaction((tx) => panels.closeAgendaItems(tx, { id: c.id, localAuthority: elsewhere }, 'MOVED'))).toBe(0);
    await expect(
      panels.db.$transaction((tx) => panels.setSittingStatus(tx, { id: c.sittingId!, localAuthority: elsewhere }, 'CANCELLED', 'x')),
    ).rejects.toThrow();
    await expect(
      panels.db.$transaction((tx) => panels.setMemberActive(tx, { id: panel.members[1]!.id, localAuthority: elsewhere }, false)),
    ).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });
});
