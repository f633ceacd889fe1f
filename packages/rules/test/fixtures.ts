import type { RequestFacts, RulesOutcome } from '../src/index.js';

/** A planned in-house foster placement in the council's own area, submitted on a working morning. */
export const BASE: RequestFacts = {
  kind: 'PLACEMENT',
  childAge: 10,
  legalStatus: 'CO_S31',
  placementType: 'INHOUSE_FOSTER',
  provision: 'IN_HOUSE',
  weeklyCostPence: 45_000,
  location: 'IN_AREA',
  urgency: 'PLANNED',
  submittedAt: '2026-11-24T10:00:00+00:00',
  placedAt: null,
};

export const facts = (over: Partial<RequestFacts>): RequestFacts => ({ ...BASE, ...over });

/** £ to pence, so tables read in pounds. */
export const gbp = (pounds: number): number => Math.round(pounds * 100);

export const ids = (xs: { id: string }[]): string[] => xs.map((x) => x.id);
export const due = (o: RulesOutcome, id: string): string | undefined => o.deadlines.find((d) => d.id === id)?.dueDate;
