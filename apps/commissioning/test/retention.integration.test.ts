import 'reflect-metadata';
import { COMMISSIONING_INBOX, ChildErasedV1, ERASED_CHILD_ID, RequestSubmittedV2, type EventEnvelope } from '@placewise/contracts';
import { addCalendarDays, londonToday } from '@placewise/contracts/dates';
import { loadEnv } from '@placewise/platform';
import {
  TEST_REDIS_URL,
  clearQueues,
  createTestIssuer,
  eventEnvelope,
  httpCall,
  settledJob,
  startTestApp,
  testEnv,
  type TestIssuer,
} from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { CommissioningEnv } from '../src/env.js';
import { QUEUE_PREFIX } from './queue-prefix.js';

const PREFIX = `${QUEUE_PREFIX}:ret-${randomUUID().slice(0, 8)}`;
const LA = `la-${randomUUID().slice(0, 8)}`;
let app: INestApplication;
let base: string;
let issuer: TestIssuer;
let sql: pg.Client;
let inbox: Queue;

/** An emergency placement already made, as referrals reports it: commissioning records the placement. */
const emergency = () =>
  eventEnvelope(
    RequestSubmittedV2,
    {
      requestId: randomUUID(),
      childId: randomUUID(),
      childAge: 14,
      kind: 'PLACEMENT',
      legalStatus: 'PP_S46',
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      weeklyCostPence: 720_000,
      location: 'IN_AREA',
      urgency: 'EMERGENCY',
      placedAt: addCalendarDays(londonToday(), -3),
      submittedAt: new Date().toISOString(),
      submittedBy: 'sw.test',
      outcome: {
        ruleSetVersion: 'test',
        policyHash: 'hash',
        approver: 'HOS',
        panel: null,
        costBand: 'D',
        retrospective: true,
        gates: [],
        deadlines: [
          {
            id: 'deadline.ratification',
            ruleId: 'emergency.ratification',
            purpose: 'RATIFICATION',
            due: new Date(Date.now() + 3 * 86_400_000).toISOString(),
            text: 'Ratified at the next panel',
          },
        ],
        reasons: [{ ruleId: 'emergency', text: 'Placed in an emergency: approval is retrospective.' }],
      },
    },
    { localAuthority: LA },
  );

async function apply(e: EventEnvelope, jobId: string = e.id): Promise<string> {
  await inbox.add(e.type, e, { jobId });
  const job = await settledJob(inbox, jobId);
  expect(job.failedReason, job.failedReason).toBeUndefined();
  return job.returnvalue as string;
}

beforeAll(async () => {
  issuer = await createTestIssuer();
  const env = loadEnv(CommissioningEnv, testEnv({ databaseUrl: inject('databaseUrl'), schema: 'commissioning', issuer, prefix: PREFIX }));
  ({ app, url: base } = await startTestApp(AppModule.forRoot(env)));
  sql = new pg.Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  inbox = new Queue(COMMISSIONING_INBOX.name, { connection: { url: TEST_REDIS_URL }, prefix: PREFIX });
});

afterAll(async () => {
  await app?.close();
  await inbox?.close();
  await sql?.end();
  await clearQueues(PREFIX, [COMMISSIONING_INBOX.name]);
});

describe('child.erased: commissioning keeps the placement and forgets the child', () => {
  it('the placement stays with the nil id and no links; the subject access part is empty; once', async () => {
    const dpo = await issuer.token({ sub: 'dpo', la: LA, roles: ['auditor'] });
    const held = async (childId: string) => {
      const r = await httpCall(base, { method: 'GET', path: `/subject-access/children/${childId}`, token: dpo });
      expect(r.status).toBe(200);
      return (r.body as { records: { rows: unknown[] }[] }).records.reduce((n, k) => n + k.rows.length, 0);
    };
    const ada = emergency();
    const ben = emergency();
    expect(await apply(ada)).toBe('applied');
    expect(await apply(ben)).toBe('applied');
    expect(await held(ada.payload.childId)).toBeGreaterThan(0);
    const benBefore = await held(ben.payload.childId);
    const { rows: before } = await sql.query(`SELECT id FROM commissioning.placement WHERE local_authority = $1 AND child_id = $2`, [
      LA,
      ada.payload.childId,
    ]);
    expect(before).toHaveLength(1);

    const erased = eventEnvelope(
      ChildErasedV1,
      { childId: ada.payload.childId, requestIds: [ada.payload.requestId] },
      { localAuthority: LA },
    );
    expect(await apply(erased)).toBe('applied');
    expect(await apply(erased, `again-${erased.id}`)).toBe('duplicate');

    expect(await held(ada.payload.childId)).toBe(0);
    const { rows } = await sql.query(`SELECT child_id, request_id, weekly_cost_pence FROM commissioning.placement WHERE id = $1`, [
      before[0].id,
    ]);
    expect(rows).toEqual([{ child_id: ERASED_CHILD_ID, request_id: null, weekly_cost_pence: 720_000 }]);
    expect(await held(ben.payload.childId)).toBe(benBefore);
  });
});
