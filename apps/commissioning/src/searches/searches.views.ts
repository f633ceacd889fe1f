import { z } from 'zod';

/**
 * The shapes commissioning answers with for searches, offers, awards and placements, for its
 * OpenAPI document (and so for the typed clients generated from it). searches.service.ts
 * (searchSummary, get, offerView, matches, submitOffer, holdForReapproval) and
 * placements/placements.view.ts build them; the integration tests parse real responses with them.
 */
/** IN_AREA, OUT_OF_AREA_ADJOINING or OUT_OF_AREA_AT_DISTANCE; null while the council has not set its area. */
const Location = z.string().nullable();
const Point = z.object({ lat: z.number(), lng: z.number() });

export const GateResultView = z.object({
  id: z.string(),
  /** Absent on results stored before it existed: those applied. */
  applies: z.boolean().optional().describe('false: the gate does not apply to this child and setting (it is not a pass)'),
  passed: z.boolean(),
  effect: z.enum(['BLOCK', 'REAPPROVAL']),
  text: z.string(),
  regulation: z.string().optional(),
});
export const ScorePartView = z.object({ factor: z.string(), weight: z.number(), value: z.number(), points: z.number(), note: z.string() });
const AdditionalService = z.looseObject({ kind: z.string(), weeklyPence: z.number().int() });

export const SearchSummaryView = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  generation: z.number().int(),
  replacesPlacementId: z.uuid().nullable(),
  childId: z.uuid(),
  childAge: z.number().int(),
  placementType: z.string(),
  location: Location,
  urgency: z.string(),
  ceilingPence: z.number().int(),
  fundingEndDate: z.string().nullable(),
  deadline: z.string(),
  status: z.enum(['OPEN', 'AWAITING_REAPPROVAL', 'AWARDED', 'CLOSED']),
  stage: z.enum(['IN_HOUSE', 'EXTERNAL', 'SPOT']),
  round: z.number().int(),
  released: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string().nullable() }).nullable(),
  correlationId: z.string(),
  openedAt: z.string(),
});

/** An offer's state: WITHDRAWN by the provider before an award. */
export const OfferStatusView = z.enum(['SUBMITTED', 'AWAITING_REAPPROVAL', 'AWARDED', 'NOT_AWARDED', 'REAPPROVAL_DECLINED', 'WITHDRAWN']);

export const OfferView = z.object({
  id: z.uuid(),
  settingId: z.uuid(),
  setting: z.string(),
  providerId: z.uuid(),
  provider: z.string(),
  inHouse: z.boolean(),
  weeklyFeePence: z.number().int(),
  additionalServices: z.array(AdditionalService),
  totalWeeklyPence: z.number().int(),
  withinCeiling: z.boolean().optional(),
  startDate: z.string(),
  notes: z.string().nullable(),
  location: Location,
  gates: z.array(GateResultView),
  exemption: z.object({ by: z.string(), reason: z.string().nullable() }).nullable(),
  source: z.string(),
  status: OfferStatusView,
  submittedAt: z.string(),
  /** When the provider last revised it, if it has. */
  revisedAt: z.string().nullable(),
  /** The provider's reason, once withdrawn. */
  withdrawal: z.object({ at: z.string(), reason: z.string() }).nullable(),
});

export const SearchDetailView = SearchSummaryView.extend({
  profile: z.object({ needs: z.array(z.string()), home: Point.nullable(), school: Point.nullable(), siblings: z.number().int() }),
  weights: z.record(z.string(), z.number()),
  inHouseMatches: z.array(
    z.object({
      settingId: z.uuid(),
      name: z.string(),
      provider: z.string(),
      placementType: z.string(),
      vacancies: z.number().int(),
      weeklyPricePence: z.number().int(),
      location: Location,
      rank: z.number().int(),
      score: z.number(),
      parts: z.array(ScorePartView),
    }),
  ),
  referrals: z.array(
    z.object({
      id: z.uuid(),
      providerId: z.uuid(),
      round: z.number().int(),
      route: z.string(),
      status: z.string(),
      declineReason: z.string().nullable(),
      sentAt: z.string(),
    }),
  ),
  offers: z.array(
    OfferView.extend({ rank: z.number().int(), score: z.number(), distanceKm: z.number().nullable(), parts: z.array(ScorePartView) }),
  ),
});

/** A release or a widening: the search, and the round it was sent in (null when no round was left). */
export const SearchSentView = SearchDetailView.extend({
  sent: z
    .object({ round: z.number().int(), routes: z.array(z.string()), providersSent: z.number().int(), roundsLeft: z.number().int() })
    .nullable(),
});

export const MatchesView = z.object({
  searchId: z.uuid(),
  total: z.number().int(),
  matches: z.array(
    z.object({
      rank: z.number().int(),
      score: z.number(),
      distanceKm: z.number().nullable(),
      parts: z.array(ScorePartView),
      settingId: z.uuid(),
      name: z.string(),
      provider: z.string(),
      inHouse: z.boolean(),
      procurementRoute: z.string(),
      placementType: z.string(),
      weeklyPricePence: z.number().int(),
      vacancies: z.number().int(),
      location: Location,
      failedGates: z.array(z.string()),
    }),
  ),
});

/** What every offer says when it is entered: the setting, the price, the start and the gates it passes. */
const OfferEntered = z.object({
  id: z.uuid(),
  settingId: z.uuid(),
  weeklyFeePence: z.number().int(),
  additionalServices: z.array(AdditionalService),
  totalWeeklyPence: z.number().int(),
  startDate: z.string(),
  location: Location,
  status: z.string(),
  gates: z.array(GateResultView),
});

/** A provider's offer after a revision or a withdrawal. */
export const OfferChangedView = z.object({
  id: z.uuid(),
  status: OfferStatusView,
  weeklyFeePence: z.number().int(),
  additionalServices: z.array(AdditionalService),
  totalWeeklyPence: z.number().int(),
  startDate: z.string(),
  notes: z.string().nullable(),
  revisedAt: z.string().nullable(),
  withdrawal: z.object({ at: z.string(), reason: z.string() }).nullable(),
});

/** An offer as entered (by a commissioner for a provider, or by the provider). */
export const OfferCreatedView = OfferEntered.extend({ searchId: z.uuid(), withinCeiling: z.boolean(), source: z.string() });

/** The next statutory review of the child's case (CPPCR 2010 reg 33; before the placement ends, regs 14(1) and 32(2)). */
export const NextReviewView = z.object({
  due: z.string(),
  kind: z.enum(['FIRST', 'SECOND', 'SUBSEQUENT', 'BEFORE_END']),
  number: z.number().int().nullable(),
  regulation: z.string(),
});

export const PlacementView = z.object({
  id: z.uuid(),
  /** AWARD (an offer awarded on a search), IMPORT (the council's SSDA903 return) or EMERGENCY (placed before its approval). */
  origin: z.enum(['AWARD', 'IMPORT', 'EMERGENCY']),
  /** Null for a placement imported from the 903 return. */
  requestId: z.uuid().nullable(),
  /** Null unless the placement was awarded on a search. */
  searchId: z.uuid().nullable(),
  offerId: z.uuid().nullable(),
  /** The import's key, for a placement from the 903 return. */
  importKey: z.string().nullable(),
  childId: z.uuid(),
  /** The child's age when the placement was made. */
  childAge: z.number().int(),
  /** Null for an emergency placement whose setting is not recorded yet. */
  settingId: z.uuid().nullable(),
  setting: z.string(),
  providerId: z.uuid().nullable(),
  provider: z.string(),
  placementType: z.string(),
  provision: z.enum(['IN_HOUSE', 'EXTERNAL']),
  location: Location,
  weeklyCostPence: z.number().int(),
  /** The most the approvals allow a week; null for a provider (the council's business). */
  approvedCeilingPence: z.number().int().nullable(),
  startDate: z.string(),
  plannedEndDate: z.string().nullable(),
  noticeWeeks: z.number().int(),
  agreement: z.object({
    weeklyFeePence: z.number().int(),
    additionalServices: z.unknown(),
    weeklyTotalPence: z.number().int(),
    startDate: z.string(),
    noticeWeeks: z.number().int(),
    moveNeedsPurchaserApproval: z.boolean(),
  }),
  status: z.enum(['ACTIVE', 'NOTICE_GIVEN', 'ENDED', 'AWAITING_RATIFICATION']),
  notice: z
    .object({
      givenBy: z.string().nullable(),
      givenOn: z.string().nullable(),
      endDate: z.string().nullable(),
      replacementSearchId: z.uuid().nullable(),
    })
    .nullable(),
  endDate: z.string().nullable(),
  endReason: z.string().nullable(),
  /** The last day the next review of the child's case may be held on; null once ended. */
  nextReviewDue: z.string().nullable(),
  nextReview: NextReviewView.nullable(),
  priceChanges: z
    .array(
      z.object({
        id: z.uuid(),
        previousWeeklyPence: z.number().int(),
        weeklyCostPence: z.number().int(),
        effectiveFrom: z.string().nullable(),
        reason: z.string(),
        status: z.string(),
      }),
    )
    .optional(),
  correlationId: z.string(),
});

/** 202: the award waits for re-approval (above the ceiling, another type, further away); the bed is held. */
export const HeldForReapprovalView = z.object({
  status: z.literal('AWAITING_REAPPROVAL'),
  offerId: z.uuid(),
  searchId: z.uuid(),
  reasons: z.array(z.enum(['ABOVE_CEILING', 'CHANGED_TYPE', 'CHANGED_LOCATION'])),
  weeklyCostPence: z.number().int(),
  ceilingPence: z.number().int(),
  reapprovalEventId: z.uuid(),
});

/** What a provider is sent: the child's age and needs, never who the child is or the council's ceiling. */
export const ReferralView = z.object({
  id: z.uuid(),
  searchId: z.uuid(),
  providerId: z.uuid(),
  round: z.number().int(),
  route: z.string(),
  status: z.enum(['SENT', 'OFFERED', 'DECLINED', 'CLOSED']),
  declineReason: z.string().nullable(),
  sentAt: z.string(),
  search: z.object({
    childAge: z.number().int(),
    placementType: z.string(),
    needs: z.array(z.string()),
    siblings: z.number().int(),
    urgency: z.string(),
    location: Location,
    deadline: z.string(),
    open: z.boolean(),
  }),
});

/** A referral with the offers the provider has made against it. */
export const ReferralDetailView = ReferralView.extend({ offers: z.array(OfferView) });

/** An offer in a list (a provider's own, or the council's), with its search. */
export const OfferListItemView = OfferView.extend({ searchId: z.uuid() });

/** An offer a provider made against a referral. */
export const ProviderOfferCreatedView = OfferEntered.extend({ referralId: z.uuid() });

export const ReferralDeclinedView = z.object({ id: z.uuid(), status: z.literal('DECLINED'), declineReason: z.string() });

/** A head of service's (or above) exemption for an offer from a setting rated Inadequate, and the gates it now passes. */
export const ExemptionView = z.object({
  id: z.uuid(),
  exemptionBy: z.string(),
  exemptionReason: z.string(),
  gates: z.array(GateResultView),
});

/** A price change: 201 applied, or 202 held for re-approval (with the event that asked for it). */
export const PriceChangeResultView = z.object({
  id: z.uuid(),
  placementId: z.uuid(),
  status: z.enum(['APPLIED', 'AWAITING_REAPPROVAL']),
  previousWeeklyPence: z.number().int(),
  weeklyCostPence: z.number().int(),
  effectiveFrom: z.string(),
  reason: z.enum(['ANNUAL_UPLIFT', 'VARIATION']),
  reapprovalEventId: z.uuid().optional(),
});

/** Notice given: the placement, whether the notice is shorter than the agreement's, and the reason. */
export const NoticeGivenView = PlacementView.extend({ shortNotice: z.boolean(), reason: z.string() });
