import { eventually, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@placewise/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectOk, people, providerWithHome, startPlatform, type Platform } from '../support/platform.js';
import { placementRequest } from '../support/requests.mjs';

// The services trace to a real OTLP/HTTP receiver on loopback, through their real exporters
// (OTEL_* in their environment), over real PostgreSQL and Redis.
let otlp: OtlpReceiver;
let p: Platform;

const GIVEN = 'Tracewell';
const FAMILY = 'Quillfeather';
const DOB = '2013-02-17';

beforeAll(async () => {
  otlp = await startOtlpReceiver();
  const env = { ...otlp.env };
  p = await startPlatform(inject('databaseUrl'), { referrals: env, panels: env, commissioning: env, finance: env, notifications: env });
});

afterAll(async () => {
  await p?.stop();
  await otlp?.close();
});

const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;

function inTrace(traceId: string): ReceivedSpan[] {
  return otlp.spans.filter((s) => s.traceId === traceId);
}

/** The spans from `leaf` up to the trace's root, each one's parent found among the trace's spans. */
function ancestry(spans: ReceivedSpan[], leaf: ReceivedSpan): ReceivedSpan[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain = [leaf];
  let at = leaf;
  while (at.parentSpanId) {
    const parent = byId.get(at.parentSpanId);
    if (!parent) throw new Error(`span ${at.name} (${at.service}) has a parent that was not exported`);
    chain.push(parent);
    at = parent;
  }
  return chain.reverse();
}

function serverSpan(service: string, name: string, predicate: (s: ReceivedSpan) => boolean = () => true): Promise<ReceivedSpan> {
  return eventually(async () => otlp.spans.find((s) => s.service === service && s.kind === SERVER && s.name === name && predicate(s)));
}

describe('traces of every hop, exported over OTLP', () => {
  it('one trace runs from the HTTP request through the outbox, the job and the inbox handler of another service', async () => {
    const { socialWorker } = people(p);
    const child = expectOk(
      await socialWorker('referrals', 'POST', '/children', { givenName: GIVEN, familyName: FAMILY, dateOfBirth: DOB }),
    );
    const request = expectOk(await socialWorker('referrals', 'POST', '/requests', placementRequest(child.id)));
    const post = await serverSpan('referrals', 'POST /requests');
    expect(post.attributes['http.route']).toBe('/requests');

    // Panels' handler of the submitted request, in the same trace as the request.
    const handler = await eventually(async () =>
      inTrace(post.traceId).find((s) => s.service === 'panels' && s.name.startsWith('inbox handle request.submitted')),
    );
    const chain = ancestry(inTrace(post.traceId), handler);
    const hops = chain.map((s) => `${s.service}: ${s.name}`);
    // HTTP in -> (the request's transaction) -> the outbox row -> its publication -> the BullMQ job -> the handler.
    expect(chain[0]).toBe(post);
    const at = (pred: (s: ReceivedSpan) => boolean, what: string) => {
      const i = chain.findIndex(pred);
      expect(i, `${what} in ${hops.join(' > ')}`).toBeGreaterThan(-1);
      return i;
    };
    const tx = at((s) => s.service === 'referrals' && s.name === 'db transaction', 'the request transaction');
    const append = at((s) => s.service === 'referrals' && s.name === 'outbox append request.submitted', 'the outbox row');
    const publish = at(
      (s) => s.service === 'referrals' && s.name === 'outbox publish request.submitted' && s.kind === PRODUCER,
      'its publication',
    );
    const job = at((s) => s.service === 'panels' && s.name.startsWith('process ') && s.kind === CONSUMER, 'the job');
    expect(tx).toBeLessThan(append);
    expect(append).toBeLessThan(publish);
    expect(publish).toBeLessThan(job);
    expect(job).toBeLessThan(chain.length - 1);
    expect(chain[append]!.attributes['messaging.message.id']).toBe(chain[publish]!.attributes['messaging.message.id']);
    expect(handler.attributes['placewise.inbox.result']).toBe('applied');
    // The handler's own transaction is a child of the handler.
    expect(
      inTrace(post.traceId).some((s) => s.service === 'panels' && s.name === 'db transaction' && s.parentSpanId === handler.spanId),
    ).toBe(true);
    // The outbox row holds the trace context the relay continued.
    const { rows } = await p.sql.query(`SELECT envelope FROM referrals.outbox_event WHERE envelope->'payload'->>'requestId' = $1`, [
      request.id,
    ]);
    expect(rows[0].envelope.trace.traceparent).toMatch(new RegExp(`^00-${post.traceId}-[0-9a-f]{16}-01$`));
  });

  it('the award carries its trace to finance, where the commitment is written', async () => {
    const { socialWorker, commissioner } = people(p);
    const child = expectOk(
      await socialWorker('referrals', 'POST', '/children', { givenName: GIVEN, familyName: FAMILY, dateOfBirth: DOB }),
    );
    const request = expectOk(await socialWorker('referrals', 'POST', '/requests', placementRequest(child.id)));
    const decider = people(p).decider('DCS');
    const kase = await eventually(async () => expectOk(await decider('panels', 'GET', `/cases?requestId=${request.id}`))[0]);
    expectOk(
      await people(p).decider(kase.approver)('panels', 'POST', `/cases/${kase.id}/decision`, {
        outcome: 'APPROVED_WITH_CONDITIONS',
        reason: 'Traced',
        conditions: { maxWeeklyCostPence: 620_000 },
      }),
    );
    const search = await eventually(
      async () => expectOk(await commissioner('commissioning', 'GET', `/searches?requestId=${request.id}`))[0],
    );
    const setting = await providerWithHome(p);
    const offer = expectOk(
      await commissioner('commissioning', 'POST', `/searches/${search.id}/offers`, {
        settingId: setting.id,
        weeklyFeePence: 600_000,
        startDate: '2026-12-01',
      }),
    );
    expectOk(await commissioner('commissioning', 'POST', `/offers/${offer.id}/award`, {}));
    const award = await serverSpan('commissioning', 'POST /offers/:id/award');
    const handler = await eventually(async () =>
      inTrace(award.traceId).find((s) => s.service === 'finance' && s.name.startsWith('inbox handle placement.')),
    );
    const chain = ancestry(inTrace(award.traceId), handler);
    expect(chain[0]).toBe(award);
    expect(chain.map((s) => s.service)).toEqual(expect.arrayContaining(['commissioning', 'finance']));
    expect(chain.some((s) => s.service === 'finance' && s.kind === CONSUMER)).toBe(true);
  });

  it('records no child’s name or date of birth, no request body and no query string, and no probe', async () => {
    const { socialWorker } = people(p);
    const child = expectOk(
      await socialWorker('referrals', 'POST', '/children', { givenName: GIVEN, familyName: FAMILY, dateOfBirth: DOB }),
    );
    // A query string that holds a name (as a search box would send it) is not kept.
    expectOk(await socialWorker('referrals', 'GET', `/children/${child.id}?q=${GIVEN}%20${FAMILY}`));
    await fetch(`${p.services.referrals.url}/health/live`);
    const read = await serverSpan('referrals', 'GET /children/:id', (s) =>
      String(s.attributes['http.target'] ?? s.attributes['url.path'] ?? '').includes(child.id),
    );
    expect(Object.values(read.attributes).join(' ')).not.toContain('?');
    // Everything exported during the run so far, every attribute and name of every span.
    const everything = JSON.stringify(otlp.spans);
    for (const secret of [GIVEN, FAMILY, DOB, '17/02/2013']) expect(everything).not.toContain(secret);
    expect(otlp.spans.some((s) => String(s.attributes['http.target'] ?? s.attributes['url.path'] ?? '').startsWith('/health'))).toBe(false);
    // The workers' idle polling starts no trace of its own.
    expect(otlp.spans.some((s) => !s.parentSpanId && s.name.startsWith('getNextJob'))).toBe(false);
  });
});
