import { z } from 'zod';
import { EXIT_ROUTES } from './indicators.js';

/**
 * The shapes the indicators' routes answer with, for the OpenAPI document; the integration tests
 * parse real answers with them. Figures carry counts only: the children behind a figure are at
 * GET /indicators/children, for the roles that may see children.
 */
const Proportion = z.object({ cohort: z.number().int(), count: z.number().int(), percent: z.number().nullable() });

export const SnapshotView = z.object({
  at: z.string(),
  inCare: z.number().int(),
  inCareUasc: z.number().int(),
  population: z.number().int().nullable(),
  ratePer10k: z.number().nullable(),
  threeOrMorePlacements: Proportion,
  longTermStability: Proportion,
  distance: z.object({ cohort: z.number().int(), outOfArea: z.number().int(), over20Miles: z.number().int(), unknown: z.number().int() }),
});

const ByRoute = z.object(
  Object.fromEntries(EXIT_ROUTES.map((r) => [r, z.number().int()])) as Record<(typeof EXIT_ROUTES)[number], z.ZodNumber>,
);

const FlowsView = {
  entries: z.number().int(),
  entriesUasc: z.number().int(),
  exits: z.number().int(),
  exitsUasc: z.number().int(),
  byRoute: ByRoute,
  entryTarget: z.number().int().nullable(),
  exitTarget: z.number().int().nullable(),
};

const Rates = z.object({ entriesPerDay: z.number(), exitRatePerDay: z.number(), startStock: z.number().int() });

export const IndicatorsView = z.object({
  from: z.string(),
  to: z.string(),
  ...FlowsView,
  end: SnapshotView,
  comparators: z.array(z.object({ name: z.string(), ratePer10k: z.number(), year: z.number().int() })),
  months: z.array(
    z.object({
      month: z.string(),
      ...FlowsView,
      end: SnapshotView,
      projected: z.object({ others: z.number(), uasc: z.number() }).nullable(),
    }),
  ),
  projection: z.object({ referenceFrom: z.string(), referenceTo: z.string(), uasc: Rates, others: Rates }),
  /** Whether the caller may list the children behind the figures. */
  drillDown: z.boolean(),
});

export const ChildrenView = z.object({
  measure: z.string(),
  from: z.string(),
  to: z.string(),
  month: z.string().nullable(),
  count: z.number().int(),
  /** The council's reference of each child (a child keyed in Placewise without one: "no reference"). */
  children: z.array(z.object({ reference: z.string() })),
});

export const SettingsView = z.object({
  population: z.array(z.object({ year: z.number().int(), children: z.number().int(), setBy: z.string() })),
  comparators: z.array(z.object({ year: z.number().int(), name: z.string(), ratePer10k: z.number(), setBy: z.string() })),
  entryTargets: z.array(z.object({ month: z.string(), entries: z.number().int(), setBy: z.string() })),
  exitTargets: z.array(z.object({ month: z.string(), exits: z.number().int(), setBy: z.string() })),
  area: z.object({ laCodes: z.array(z.string()), setBy: z.string() }).nullable(),
  changes: z.array(
    z.object({
      setting: z.string(),
      key: z.string(),
      before: z.unknown(),
      after: z.unknown(),
      reason: z.string().nullable(),
      by: z.string(),
      at: z.string(),
    }),
  ),
});
