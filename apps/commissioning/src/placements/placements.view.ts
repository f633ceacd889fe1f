import type { Prisma } from '../../generated/client/index.js';
import type { AdditionalService } from '../searches/searches.dto.js';
import { dayOf, londonToday } from '@placewise/contracts/dates';
import { nextReview } from './reviews.js';

/** A placement row as read, with its setting's and provider's names. */
export type PlacementRow = Omit<Prisma.PlacementGetPayload<object>, 'additionalServices'> & {
  additionalServices: AdditionalService[];
  setting: SettingNames;
  priceChanges?: Prisma.PriceChangeGetPayload<object>[];
};
export interface SettingNames {
  name: string;
  provider: { name: string };
}

export interface ViewOptions {
  /** Today in London, for the next review (default: now). */
  today?: string;
  /** A provider's own view: the council's approved ceiling is not the provider's business. */
  forProvider?: boolean;
}

/** A placement with its individual placement agreement (fee, services, start, notice terms) and its next statutory review. */
export function placementView(p: PlacementRow, o: ViewOptions = {}) {
  const review = nextReview(
    { startDate: dayOf(p.startDate), status: p.status, noticeEndDate: dayOf(p.noticeEndDate) },
    o.today ?? londonToday(),
  );
  return {
    id: p.id,
    origin: p.origin,
    requestId: p.requestId,
    searchId: p.searchId,
    offerId: p.offerId,
    importKey: p.importKey,
    childId: p.childId,
    childAge: p.childAge,
    settingId: p.settingId,
    setting: p.setting.name,
    providerId: p.providerId,
    provider: p.setting.provider.name,
    placementType: p.placementType,
    provision: p.provision,
    location: p.location,
    weeklyCostPence: p.weeklyCostPence,
    approvedCeilingPence: o.forProvider ? null : p.approvedCeilingPence,
    startDate: dayOf(p.startDate),
    plannedEndDate: dayOf(p.plannedEndDate),
    noticeWeeks: p.noticeWeeks,
    agreement: {
      weeklyFeePence: p.weeklyFeePence,
      additionalServices: p.additionalServices,
      weeklyTotalPence: p.weeklyCostPence,
      startDate: dayOf(p.startDate),
      noticeWeeks: p.noticeWeeks,
      /** National contract terms: the provider may not move the child without the council's prior written approval. */
      moveNeedsPurchaserApproval: true,
    },
    status: p.status,
    notice: p.noticeGivenOn
      ? {
          givenBy: p.noticeGivenBy,
          givenOn: dayOf(p.noticeGivenOn),
          endDate: dayOf(p.noticeEndDate),
          replacementSearchId: p.replacementSearchId,
        }
      : null,
    endDate: dayOf(p.endDate),
    endReason: p.endReason,
    nextReviewDue: review?.due ?? null,
    nextReview: review,
    priceChanges: p.priceChanges?.map((c) => ({
      id: c.id,
      previousWeeklyPence: c.previousWeeklyPence,
      weeklyCostPence: c.weeklyCostPence,
      effectiveFrom: dayOf(c.effectiveFrom),
      reason: c.reason,
      status: c.status,
    })),
    correlationId: p.correlationId,
  };
}
