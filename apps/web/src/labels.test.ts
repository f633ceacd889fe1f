import {
  ApproverTier,
  DeadlinePurpose,
  DecisionOutcome,
  EndReason,
  LegalStatus,
  Location,
  PanelType,
  PlacementType,
  RequestKind,
  RequestStatus,
  Urgency,
} from '@placewise/contracts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEADLINE_PURPOSES,
  DECISION_OUTCOMES,
  END_REASONS,
  KINDS,
  label,
  LEGAL_STATUSES,
  LOCATIONS,
  OFFER_STATUSES,
  PANELS,
  PLACEMENT_STATUSES,
  PLACEMENT_TYPES,
  PRICE_REASONS,
  REFERRAL_STATUSES,
  REQUEST_STATUSES,
  REVIEW_KINDS,
  SEARCH_STATUSES,
  TIERS,
  URGENCIES,
} from './labels';
import { placementStatus } from './pages/placements/due';

/** The commissioning service's OpenAPI document, as the web was built against it. */
const commissioning = JSON.parse(readFileSync(new URL('./api/generated/commissioning.openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: { 'application/json'?: { schema: Schema } } }> }>>;
};
interface Schema {
  enum?: string[];
  items?: Schema;
  properties?: Record<string, Schema>;
}
const response = (path: string, method = 'get', status = '200') =>
  commissioning.paths[path]![method]!.responses[status]!.content!['application/json']!.schema;
const enumAt = (schema: Schema, ...at: string[]) => at.reduce<Schema>((s, k) => (k === '[]' ? s.items! : s.properties![k]!), schema).enum!;

/** Every enum a page shows, with the values the services may send. */
const ENUMS: [string, Record<string, string>, readonly string[]][] = [
  ['request kind', KINDS, RequestKind.options],
  ['request status', REQUEST_STATUSES, RequestStatus.options],
  ['legal status', LEGAL_STATUSES, LegalStatus.options],
  ['placement type', PLACEMENT_TYPES, PlacementType.options],
  ['location', LOCATIONS, Location.options],
  ['urgency', URGENCIES, Urgency.options],
  ['approver tier', TIERS, ApproverTier.options],
  ['panel', PANELS, PanelType.options],
  ['decision outcome', DECISION_OUTCOMES, DecisionOutcome.options],
  ['deadline purpose', DEADLINE_PURPOSES, DeadlinePurpose.options],
  ['end reason', END_REASONS, EndReason.options],
  ['placement status', PLACEMENT_STATUSES, enumAt(response('/placements/{id}'), 'status')],
  ['review kind', REVIEW_KINDS, enumAt(response('/placements/{id}'), 'nextReview', 'kind')],
  ['offer status', OFFER_STATUSES, enumAt(response('/offers'), '[]', 'status')],
  ['referral status', REFERRAL_STATUSES, enumAt(response('/referrals'), '[]', 'status')],
  ['search status', SEARCH_STATUSES, enumAt(response('/searches/{id}'), 'status')],
  ['price change reason', PRICE_REASONS, enumAt(response('/placements/{id}/price-changes', 'post', '201'), 'reason')],
];

describe('labels', () => {
  it.each(ENUMS)('has words for every %s', (_, map, values) => {
    expect(values.length).toBeGreaterThan(1);
    const missing = values.filter((v) => !(map[v] ?? '').trim());
    expect(missing).toEqual([]);
    // And no words for a code that no longer exists.
    expect(Object.keys(map).filter((k) => !values.includes(k))).toEqual([]);
  });

  it('shows words, never the code, for every value', () => {
    for (const [, map, values] of ENUMS)
      for (const v of values) {
        const words = label(map, v);
        expect(words).not.toBe(v);
        expect(words).not.toMatch(/^[A-Z0-9_]+$/);
      }
  });
});

describe('a placement in words', () => {
  const today = '2026-12-01';
  it('reads "Starting 7 Dec" before its start (the day in London), then its status', () => {
    expect(placementStatus({ status: 'ACTIVE', startDate: '2026-12-07' }, today)).toBe('Starting 7 Dec');
    expect(placementStatus({ status: 'ACTIVE', startDate: '2026-12-01' }, today)).toBe('Active');
    expect(placementStatus({ status: 'ACTIVE', startDate: '2026-11-20' }, today)).toBe('Active');
    expect(placementStatus({ status: 'NOTICE_GIVEN', startDate: '2026-11-20' }, today)).toBe('Under notice');
    expect(placementStatus({ status: 'ACTIVE', startDate: '2027-03-29' }, today)).toBe('Starting 29 Mar');
  });
});
