import fc from 'fast-check';
import {
  APPROVER_ORDER,
  ApproverTier,
  LegalStatus,
  Location,
  PanelType,
  PlacementType,
  Provision,
  RequestKind,
  Urgency,
} from '@placewise/contracts';
import { fromDayNumber } from '@placewise/contracts/dates';
import { getRuleSet, OfstedRating, type RequestFacts } from '../src/index.js';

const DAY = 86_400_000;
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2028, 11, 31);

const isoDate = fc.integer({ min: FROM / DAY, max: TO / DAY }).map((d) => fromDayNumber(d));
const offsets = ['Z', '+00:00', '+01:00', '-05:00'] as const;
/** An instant written with one of several offsets. */
const isoInstant = fc.tuple(fc.integer({ min: FROM, max: TO }), fc.constantFrom(...offsets)).map(([ms, off]) => {
  const shift = off === '+01:00' ? 3_600_000 : off === '-05:00' ? -5 * 3_600_000 : 0;
  return new Date(ms + shift).toISOString().replace(/\.\d{3}Z$/, off);
});

const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

export const factsArb: fc.Arbitrary<RequestFacts> = fc
  .record({
    kind: fc.constantFrom(...RequestKind.options),
    childAge: fc.integer({ min: 0, max: 19 }),
    legalStatus: fc.constantFrom(...LegalStatus.options),
    placementType: fc.constantFrom(...PlacementType.options),
    provision: fc.constantFrom(...Provision.options),
    weeklyCostPence: fc.integer({ min: 0, max: 3_000_000 }),
    location: fc.constantFrom(...Location.options),
    urgency: fc.constantFrom(...Urgency.options),
    submittedAt: isoInstant,
    placedAt: fc.option(isoDate, { nil: null }),
    additionalServicesWeeklyPence: optional(fc.integer({ min: 0, max: 500_000 })),
    offFramework: optional(fc.boolean()),
    partnerContributionRequested: optional(fc.boolean()),
    ks4EducationDisrupted: optional(fc.boolean()),
    hasDolOrder: optional(fc.boolean()),
    registrationApplied: optional(fc.boolean()),
    hasSecureOrder: optional(fc.boolean()),
    secureHoursWithoutOrderLast28Days: optional(fc.integer({ min: 0, max: 100 })),
    secretaryOfStateApproval: optional(fc.boolean()),
    connectedPersonTempApprovalWeeks: optional(fc.integer({ min: 0, max: 30 })),
    irmReviewPending: optional(fc.boolean()),
    previousWeeklyCostPence: optional(fc.integer({ min: 0, max: 2_000_000 })),
    outOfHours: optional(fc.boolean()),
    providerOfstedRating: optional(fc.constantFrom(...OfstedRating.options)),
    plannedStartDate: optional(isoDate),
    placementStartedAt: optional(isoInstant),
    protectionStartedAt: optional(isoInstant),
    epoExtended: optional(fc.boolean()),
    proceedingsIssuedOn: optional(isoDate),
    ntsTransfer: optional(fc.boolean()),
    ntsReferralAt: optional(isoInstant),
    shortBreakMaxStayDays: optional(fc.integer({ min: 0, max: 30 })),
    shortBreakTotalDaysLast12Months: optional(fc.integer({ min: 0, max: 120 })),
    placementMovesLast12Months: optional(fc.integer({ min: 0, max: 6 })),
    iroAlertRaisedAt: optional(isoInstant),
    educationDisrupted: optional(fc.boolean()),
    keyStage4: optional(fc.boolean()),
    effectiveDate: optional(isoDate),
    connectedPersonTempApprovedOn: optional(isoDate),
    lookedAfterSince: optional(isoDate),
  })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as RequestFacts);

const tier = fc.constantFrom(...ApproverTier.options);
const seniorTier = fc.constantFrom<ApproverTier>('HOS', 'AD', 'DCS');
const panelOrNull = fc.option(fc.constantFrom(...PanelType.options), { nil: null });
const rank = (t: ApproverTier) => APPROVER_ORDER.indexOf(t);

const rs = getRuleSet();
const optionalLocal = rs.local.rules.filter((r) => !r.required).map((r) => r.name);
// a block bars the request whoever approves, so an approver override keyed to one is refused
const statutoryApproverRules = rs.statutory.rules.filter((r) => !(r.event.params.blocks ?? []).length).map((r) => r.name);
const statutoryDeadlines = new Map<string, number>();
for (const r of rs.statutory.rules) {
  for (const d of r.event.params.deadlines ?? []) {
    if (d.fixed) continue;
    const n = d.workingDays ?? d.days ?? d.weeks ?? d.months ?? d.hours;
    if (typeof n === 'number') statutoryDeadlines.set(d.id, Math.min(n, statutoryDeadlines.get(d.id) ?? n));
  }
}

/** Any council policy that validatePolicy should accept (a partial policy over the defaults). */
export const policyArb: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    bands: fc
      .uniqueArray(fc.integer({ min: 10_000, max: 2_000_000 }), { minLength: 3, maxLength: 3 })
      .map((xs) => [...xs].sort((a, b) => a - b)),
    tiers: fc.array(tier, { minLength: 4, maxLength: 4 }).map((xs) => [...xs].sort((a, b) => rank(a) - rank(b))),
    inHouse: tier,
    panels: fc.array(panelOrNull, { minLength: 5, maxLength: 5 }),
    nominatedOfficer: seniorTier,
    pwp: seniorTier,
    uplift: fc.integer({ min: 0, max: 3 }),
    variation: fc.record({
      percentThreshold: fc.integer({ min: 0, max: 50 }),
      amountThresholdPence: fc.integer({ min: 0, max: 100_000 }),
      minorApprover: tier,
    }),
    minimumApprover: tier,
    disabled: fc.subarray(optionalLocal),
    ratification: fc.record({ workingDays: fc.integer({ min: 1, max: 30 }), entryPanel: panelOrNull, placementPanel: panelOrNull }),
    inadequate: fc.constantFrom('WARN', 'BLOCK'),
    precedence: fc.shuffledSubarray([...PanelType.options], { minLength: 4, maxLength: 4 }),
    overrides: fc.subarray(statutoryApproverRules, { maxLength: 4 }),
    tighten: fc.subarray([...statutoryDeadlines.keys()], { maxLength: 4 }),
    tightenBy: fc.double({ min: 0.2, max: 1, noNaN: true }),
    officeStart: fc.integer({ min: 6, max: 10 }),
    officeEnd: fc.integer({ min: 15, max: 20 }),
  })
  .map((g) => {
    // the in-house band A approver must not exceed band B's
    const inHouse = rank(g.inHouse) <= rank(g.tiers[1]!) ? g.inHouse : g.tiers[1]!;
    return {
      name: 'generated',
      costBands: { aMaxWeeklyPence: g.bands[0], bMaxWeeklyPence: g.bands[1], cMaxWeeklyPence: g.bands[2] },
      bandRoutes: {
        A_IN_HOUSE: { approver: inHouse, panel: g.panels[0] },
        A_EXTERNAL: { approver: g.tiers[0], panel: g.panels[1] },
        B: { approver: g.tiers[1], panel: g.panels[2] },
        C: { approver: g.tiers[2], panel: g.panels[3] },
        D: { approver: g.tiers[3], panel: g.panels[4] },
      },
      nominatedOfficer: g.nominatedOfficer,
      placementWithParentsApprover: g.pwp,
      offFramework: { tierUplift: g.uplift },
      variation: g.variation,
      minimumApprover: g.minimumApprover,
      disabledRules: g.disabled,
      ratification: g.ratification,
      inadequateProvider: { mode: g.inadequate, exemptionApprover: 'HOS' },
      panelPrecedence: g.precedence,
      statutoryApproverOverrides: Object.fromEntries(g.overrides.map((id) => [id, 'DCS'])),
      tightenedDeadlines: Object.fromEntries(
        g.tighten.map((id) => [id, Math.max(1, Math.floor(statutoryDeadlines.get(id)! * g.tightenBy))]),
      ),
      officeHours: { start: `${String(g.officeStart).padStart(2, '0')}:00`, end: `${g.officeEnd}:00` },
    };
  });
