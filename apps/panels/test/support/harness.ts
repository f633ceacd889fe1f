import 'reflect-metadata';
import {
  PANELS_INBOX,
  type EventEnvelope,
  type PayloadOf,
  type RequestResubmittedV1,
  type RequestSubmittedV1,
  type RoutedOutcome,
} from '@placewise/contracts';
import { loadEnv } from '@placewise/platform';
import { startTestApp, testEnv, type TestIssuer, httpCall } from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../../src/app.module.js';
import { PanelsEnv } from '../../src/env.js';

export type Submitted = EventEnvelope<PayloadOf<typeof RequestSubmittedV1>>;
export const REDIS = { url: 'redis://127.0.0.1:6379' };
export const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

export async function startPanels(opts: {
  databaseUrl: string;
  issuer: TestIssuer;
  prefix: string;
  env?: Record<string, string>;
}): Promise<{ app: INestApplication; url: string }> {
  const env = loadEnv(PanelsEnv, {
    ...testEnv({ databaseUrl: opts.databaseUrl, schema: 'panels', issuer: opts.issuer, prefix: opts.prefix }),
    ...opts.env,
  });
  return startTestApp(AppModule.forRoot(env));
}

export function client(base: () => string) {
  return async function call(method: string, path: string, token: string, body?: unknown) {
    return httpCall(base(), { method, path, token, body });
  };
}

export function requestSubmitted(la: string, outcome: Partial<RoutedOutcome> = {}, payload: Record<string, unknown> = {}): Submitted {
  return {
    id: randomUUID(),
    type: 'request.submitted',
    version: 1,
    occurredAt: new Date().toISOString(),
    localAuthority: la,
    correlationId: randomUUID(),
    producer: 'referrals',
    payload: {
      requestId: randomUUID(),
      childId: randomUUID(),
      childAge: 14,
      kind: 'PLACEMENT',
      legalStatus: 'CO_S31',
      placementType: 'PRIVATE_CHILDRENS_HOME',
      provision: 'EXTERNAL',
      weeklyCostPence: 610_000,
      location: 'IN_AREA',
      urgency: 'PLANNED',
      placedAt: null,
      submittedAt: new Date().toISOString(),
      submittedBy: 'sw.test',
      outcome: {
        ruleSetVersion: 'test-1',
        policyHash: 'hash',
        approver: 'AD',
        panel: 'PLACEMENT_RESOURCES',
        costBand: 'C',
        retrospective: false,
        gates: [],
        deadlines: [],
        reasons: [
          {
            ruleId: 'r.cost',
            text: "a children's home in cost band C goes to the placement and resources panel with the assistant director",
          },
        ],
        ...outcome,
      },
      ...payload,
    } as Submitted['payload'],
  };
}

export function requestResubmitted(la: string, requestId: string, items: string[]): EventEnvelope<PayloadOf<typeof RequestResubmittedV1>> {
  return {
    id: randomUUID(),
    type: 'request.resubmitted',
    version: 1,
    occurredAt: new Date().toISOString(),
    localAuthority: la,
    correlationId: randomUUID(),
    producer: 'referrals',
    payload: { requestId, itemsProvided: items, resubmittedBy: 'sw.test', resubmittedAt: new Date().toISOString() },
  };
}

export const INBOX = PANELS_INBOX.name;
