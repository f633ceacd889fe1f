import 'reflect-metadata';
import {
  PANELS_INBOX,
  RequestResubmittedV1,
  RequestSubmittedV1,
  RequestSubmittedV2,
  type EventEnvelope,
  type PayloadOf,
  type RoutedOutcomeV2,
} from '@placewise/contracts';
import { loadEnv } from '@placewise/platform';
import { eventEnvelope, startTestApp, testEnv, TEST_REDIS_URL, type TestIssuer, httpCall } from '@placewise/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../../src/app.module.js';
import { PanelsEnv } from '../../src/env.js';
import { QUEUE_PREFIX } from './prefix.js';

export type SubmittedPayload = PayloadOf<typeof RequestSubmittedV2>;
export type Submitted = EventEnvelope<SubmittedPayload>;
export const REDIS = { url: TEST_REDIS_URL };
export const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

/** A queue prefix of its own for a test file, under the run's QUEUE_PREFIX (so the run's teardown removes it). */
export const testPrefix = (label: string) => `${QUEUE_PREFIX}:${label}-${randomUUID().slice(0, 8)}`;

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

const submittedPayload = (outcome: Partial<RoutedOutcomeV2>, payload: Partial<SubmittedPayload>): SubmittedPayload => ({
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
});

/** request.submitted (version 2, as referrals emits it) in council `la`. */
export function requestSubmitted(la: string, outcome: Partial<RoutedOutcomeV2> = {}, payload: Partial<SubmittedPayload> = {}): Submitted {
  return eventEnvelope(RequestSubmittedV2, submittedPayload(outcome, payload), { localAuthority: la });
}

/** request.submitted version 1 (an event still in flight from before version 2): deadlines without a purpose. */
export function requestSubmittedV1(
  la: string,
  outcome: Partial<PayloadOf<typeof RequestSubmittedV1>['outcome']> = {},
  payload: Partial<PayloadOf<typeof RequestSubmittedV1>> = {},
): EventEnvelope<PayloadOf<typeof RequestSubmittedV1>> {
  const { outcome: base, ...rest } = submittedPayload({}, {});
  return eventEnvelope(
    RequestSubmittedV1,
    { ...rest, outcome: { ...base, deadlines: [], ...outcome }, ...payload },
    { localAuthority: la },
  );
}

export function requestResubmitted(la: string, requestId: string, items: string[]): EventEnvelope<PayloadOf<typeof RequestResubmittedV1>> {
  return eventEnvelope(
    RequestResubmittedV1,
    { requestId, itemsProvided: items, resubmittedBy: 'sw.test', resubmittedAt: new Date().toISOString() },
    { localAuthority: la },
  );
}

export const INBOX = PANELS_INBOX.name;
