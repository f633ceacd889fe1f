import type { Prisma } from '../../generated/client/index.js';

const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

type PlacementRow = Prisma.PlacementGetPayload<object> & { priceChanges?: Prisma.PriceChangeGetPayload<object>[] };

/** A placement with its individual placement agreement (fee, services, start, notice terms). */
export function placementView(p: PlacementRow) {
  return {
    id: p.id,
    requestId: p.requestId,
    searchId: p.searchId,
    offerId: p.offerId,
    childId: p.childId,
    settingId: p.settingId,
    providerId: p.providerId,
    placementType: p.placementType,
    provision: p.provision,
    location: p.location,
    weeklyCostPence: p.weeklyCostPence,
    approvedCeilingPence: p.approvedCeilingPence,
    startDate: day(p.startDate),
    plannedEndDate: day(p.plannedEndDate),
    noticeWeeks: p.noticeWeeks,
    agreement: {
      weeklyFeePence: p.weeklyFeePence,
      additionalServices: p.additionalServices,
      weeklyTotalPence: p.weeklyCostPence,
      startDate: day(p.startDate),
      noticeWeeks: p.noticeWeeks,
      /** National contract terms: the provider may not move the child without the council's prior written approval. */
      moveNeedsPurchaserApproval: true,
    },
    status: p.status,
    notice: p.noticeGivenOn ? { givenBy: p.noticeGivenBy, givenOn: day(p.noticeGivenOn), endDate: day(p.noticeEndDate), replacementSearchId: p.replacementSearchId } : null,
    endDate: day(p.endDate),
    endReason: p.endReason,
    priceChanges: p.priceChanges?.map((c) => ({ id: c.id, previousWeeklyPence: c.previousWeeklyPence, weeklyCostPence: c.weeklyCostPence, effectiveFrom: day(c.effectiveFrom), reason: c.reason, status: c.status })),
    correlationId: p.correlationId,
  };
}
