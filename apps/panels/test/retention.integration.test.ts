import 'reflect-metadata';
import { ChildErasedV1, type EventEnvelope } from '@placewise/contracts';
import { clearQueues, createTestIssuer, eventEnvelope, settledJob, type TestIssuer } from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { INBOX, REDIS, client, requestSubmitted, startPanels, testPrefix } from './support/harness.js';

const LA = 'erasemoor';
const PREFIX = testPrefix('retention');
let issuer: TestIssuer;
let app: INestApplication;
let base = '';
let inbox: Queue;
const call = client(() => base);

async function deliver(event: EventEnvelope, expected: 'applied' | 'duplicate' = 'applied', jobId = event.id) {
  await inbox.add(event.type, event, { jobId });
  const job = await settledJob(inbox, jobId);
  expect(job.failedReason, event.type).toBeUndefined();
  expect(job.returnvalue).toBe(expected);
}

beforeAll(async () => {
  issuer = await createTestIssuer();
  ({ app, url: base } = await startPanels({ databaseUrl: inject('databaseUrl'), issuer, prefix: PREFIX }));
  inbox = new Queue(INBOX, { connection: REDIS, prefix: PREFIX });
});

afterAll(async () => {
  await app?.close();
  await inbox?.close();
  await clearQueues(PREFIX, [INBOX]);
});

describe('child.erased: panels forgets the child', () => {
  it("deletes the child's cases with everything on them, once; another child's stay", async () => {
    const dpo = await issuer.token({ sub: 'dpo', la: LA, roles: ['auditor'] });
    const ada = requestSubmitted(LA);
    const ben = requestSubmitted(LA);
    await deliver(ada);
    await deliver(ben);
    const held = async (childId: string) => {
      const r = await call('GET', `/subject-access/children/${childId}`, dpo);
      expect(r.status).toBe(200);
      return (r.body as { records: { rows: unknown[] }[] }).records.reduce((n, k) => n + k.rows.length, 0);
    };
    expect(await held(ada.payload.childId)).toBeGreaterThan(0);
    const benBefore = await held(ben.payload.childId);

    const erased = eventEnvelope(
      ChildErasedV1,
      { childId: ada.payload.childId, requestIds: [ada.payload.requestId] },
      { localAuthority: LA },
    );
    await deliver(erased);
    await deliver(erased, 'duplicate', `again-${erased.id}`);

    expect(await held(ada.payload.childId)).toBe(0);
    expect(await held(ben.payload.childId)).toBe(benBefore);
  });
});
