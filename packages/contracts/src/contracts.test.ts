import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DECISION_PURPOSES,
  DeadlinePurpose,
  EVENTS,
  EventEnvelope,
  INBOXES,
  RequestSubmittedV2,
  eventKey,
  subscribersOf,
} from './index.js';

describe('the queue wiring', () => {
  it('has one inbox per service, each subscribing only to events that exist', () => {
    expect(new Set(INBOXES.map((q) => q.name)).size).toBe(INBOXES.length);
    expect(new Set(INBOXES.map((q) => q.service)).size).toBe(INBOXES.length);
    for (const q of INBOXES)
      for (const s of q.subscribes) expect(EVENTS.has(eventKey(s.type, s.version)), `${q.name} ${s.type}`).toBe(true);
  });

  it('never delivers an event back to its own producer', () => {
    for (const def of EVENTS.values()) {
      expect(
        subscribersOf(def.type, def.version).map((q) => q.service),
        def.type,
      ).not.toContain(def.producer);
    }
  });

  it('collects every exported event definition, each with a producer of its own file', () => {
    expect([...EVENTS.keys()].sort()).toEqual(
      expect.arrayContaining(['request.submitted@1', 'decision.recorded@1', 'placement.started@1', 'budget.threshold-crossed@1']),
    );
    for (const def of EVENTS.values()) expect(['referrals', 'panels', 'commissioning', 'finance']).toContain(def.producer);
  });

  it('routes the journey: submitted to panels, decided to referrals and commissioning, started to referrals and finance', () => {
    const to = (type: string) =>
      subscribersOf(type, 1)
        .map((q) => q.service)
        .sort();
    expect(to('request.submitted')).toEqual(expect.arrayContaining(['panels']));
    expect(to('decision.recorded')).toEqual(expect.arrayContaining(['commissioning', 'referrals']));
    expect(to('placement.started')).toEqual(expect.arrayContaining(['finance', 'referrals']));
  });
});

describe('event payloads', () => {
  /** Every property name anywhere in a schema. */
  function keysOf(schema: z.ZodType): string[] {
    const keys: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) {
        if (k === 'properties' && v && typeof v === 'object') keys.push(...Object.keys(v));
        walk(v);
      }
    };
    walk(z.toJSONSchema(schema, { unrepresentable: 'any' }));
    return keys;
  }

  it("carry no child's name or date of birth", () => {
    for (const def of EVENTS.values()) {
      const keys = keysOf(def.schema).map((k) => k.toLowerCase());
      // The walk found the payload's fields (child.erased has the fewest: the child's and requests' ids).
      expect(keys.length, def.type).toBeGreaterThanOrEqual(2);
      for (const k of keys) expect(k, `${def.type}.${k}`).not.toMatch(/name|birth|dob/);
    }
  });

  it('refuse money that is not whole pence or does not fit its column', () => {
    const placement = EVENTS.get('placement.started@1')!.schema as z.ZodObject;
    const weekly = placement.shape.weeklyCostPence as z.ZodType;
    expect(weekly.safeParse(610_000).success).toBe(true);
    expect(weekly.safeParse(6100.5).success).toBe(false);
    expect(weekly.safeParse(-1).success).toBe(false);
    expect(weekly.safeParse(2 ** 31).success).toBe(false);
  });
});

describe('the envelope', () => {
  it('requires ids, a version, a council and a correlation id', () => {
    const ok = {
      id: '5b1f1c1e-8a1b-4c47-9d0e-0d8b7d7b1a11',
      type: 'request.submitted',
      version: 1,
      occurredAt: '2026-11-24T10:00:00.000Z',
      localAuthority: 'northshire',
      correlationId: '7f0c2f6e-2d36-4d8f-b4a6-3c0f5a1b9e22',
      producer: 'referrals',
      payload: {},
    };
    expect(EventEnvelope.safeParse(ok).success).toBe(true);
    for (const field of ['id', 'version', 'localAuthority', 'correlationId', 'occurredAt']) {
      const { [field]: _drop, ...rest } = ok as Record<string, unknown>;
      expect(EventEnvelope.safeParse(rest).success, field).toBe(false);
    }
    expect(EventEnvelope.safeParse({ ...ok, id: 'not-a-uuid' }).success).toBe(false);
  });
});

describe('request.submitted version 2', () => {
  const v1Payload = {
    requestId: '7f6f2b5e-3a4c-4f1e-9a55-0c1d2e3f4a5b',
    childId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    childAge: 14,
    kind: 'PLACEMENT',
    legalStatus: 'CO_S31',
    placementType: 'PRIVATE_CHILDRENS_HOME',
    provision: 'EXTERNAL',
    weeklyCostPence: 610_000,
    location: 'IN_AREA',
    urgency: 'PLANNED',
    placedAt: null,
    submittedAt: '2026-12-02T10:00:00Z',
    submittedBy: 'sw.test',
    outcome: {
      ruleSetVersion: '2026.11.0',
      policyHash: 'hash',
      approver: 'AD',
      panel: 'PLACEMENT_RESOURCES',
      costBand: 'C',
      retrospective: true,
      gates: [],
      deadlines: [{ id: 'deadline.retrospective_approval', ruleId: 'r', due: '2026-12-09T23:59:59Z', text: 'ratify' }],
      reasons: [],
    },
  };

  it('sits beside version 1, which is unchanged: panels takes both, commissioning version 2 (emergency placements)', () => {
    const v1 = EVENTS.get('request.submitted@1')!;
    const v2 = EVENTS.get('request.submitted@2')!;
    expect(v2).toBe(RequestSubmittedV2);
    expect(v1.schema.safeParse(v1Payload).success).toBe(true);
    expect(subscribersOf('request.submitted', 2).map((q) => q.service)).toEqual(['panels', 'commissioning', 'notifications']);
    expect(subscribersOf('request.submitted', 1).map((q) => q.service)).toEqual(['panels', 'notifications']);
  });

  it('needs a purpose, from the closed set, on every deadline', () => {
    expect(RequestSubmittedV2.schema.safeParse(v1Payload).success).toBe(false);
    const withPurpose = (purpose: string) => ({
      ...v1Payload,
      outcome: { ...v1Payload.outcome, deadlines: v1Payload.outcome.deadlines.map((d) => ({ ...d, purpose })) },
    });
    expect(RequestSubmittedV2.schema.safeParse(withPurpose('RATIFICATION')).success).toBe(true);
    expect(RequestSubmittedV2.schema.safeParse(withPurpose('SOMETHING_ELSE')).success).toBe(false);
    expect(DeadlinePurpose.options).toEqual(expect.arrayContaining([...DECISION_PURPOSES]));
  });
});
