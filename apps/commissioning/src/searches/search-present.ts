import type { Provision } from '@placewise/contracts';
import { dayOf } from '@placewise/contracts/dates';
import type { Prisma } from '../../generated/client/index.js';
import type { CouncilSettings } from '../council/council.service.js';
import { checkGates } from '../matching/gates.js';
import { classifyLocation } from '../matching/location.js';
import type { Candidate } from '../matching/ranking.js';
import type { TypedOffer } from './stored-json.js';

/**
 * The rows a search, its offers and referrals are read as, and the answers built from them (the
 * shapes in searches.views.ts): shared by the searches, offers, referrals and awards features.
 */
export type SearchRow = Prisma.SearchGetPayload<object>;
export type SettingRow = Prisma.SettingGetPayload<{ include: { provider: true } }>;
export type OfferWithSetting = TypedOffer<Prisma.OfferGetPayload<{ include: { setting: { include: { provider: true } } } }>>;
export type OfferRow = TypedOffer<Prisma.OfferGetPayload<{ include: { search: true; setting: { include: { provider: true } } } }>>;

/** An in-house setting is the council's own: a shared provider's "in-house" homes are another council's. */
export const isOwnInHouse = (la: string, s: SettingRow) => s.provider.sector === 'IN_HOUSE' && s.provider.localAuthority === la;

export function provisionOf(la: string, setting: SettingRow): Provision {
  return isOwnInHouse(la, setting) ? 'IN_HOUSE' : 'EXTERNAL';
}

/** The hard gates for a setting against a search, where the council says the setting is. */
export function gatesFor(s: SearchRow, setting: SettingRow, council: CouncilSettings, exemption?: { by: string; reason: string } | null) {
  return checkGates({ search: s, setting, location: classifyLocation(council.area, setting.area), exemption });
}

export const point = (lat: number | null, lng: number | null) => (lat !== null && lng !== null ? { lat, lng } : null);

export function profileOf(s: SearchRow) {
  return {
    needs: s.needs,
    home: point(s.homeLatitude, s.homeLongitude),
    school: point(s.schoolLatitude, s.schoolLongitude),
    siblings: s.siblings,
  };
}

export function candidateOf(m: SettingRow | Prisma.SettingGetPayload<object>, totalWeeklyPence: number, eligible: boolean): Candidate {
  return {
    id: m.id,
    needsMet: m.needsMet,
    lat: m.latitude,
    lng: m.longitude,
    educationOnSite: m.educationOnSite,
    siblingPlaces: m.siblingPlaces,
    totalWeeklyPence,
    eligible,
  };
}

export function searchSummary(s: SearchRow) {
  return {
    id: s.id,
    requestId: s.requestId,
    generation: s.generation,
    replacesPlacementId: s.replacesPlacementId,
    childId: s.childId,
    childAge: s.childAge,
    placementType: s.placementType,
    location: s.location,
    urgency: s.urgency,
    ceilingPence: s.ceilingPence,
    fundingEndDate: dayOf(s.fundingEndDate),
    deadline: s.deadline.toISOString(),
    status: s.status,
    stage: s.stage,
    round: s.round,
    released: s.releasedAt ? { at: s.releasedAt.toISOString(), by: s.releasedBy, reason: s.releaseReason } : null,
    correlationId: s.correlationId,
    openedAt: s.openedAt.toISOString(),
  };
}

export function offerView(o: OfferWithSetting, s?: SearchRow, forProvider = false) {
  return {
    id: o.id,
    settingId: o.settingId,
    setting: o.setting.name,
    providerId: o.setting.providerId,
    provider: o.setting.provider.name,
    inHouse: o.setting.provider.sector === 'IN_HOUSE' && o.setting.provider.localAuthority === o.localAuthority,
    weeklyFeePence: o.weeklyFeePence,
    additionalServices: o.additionalServices,
    totalWeeklyPence: o.totalWeeklyPence,
    // The approved ceiling is the council's business, not the provider's.
    ...(s && !forProvider ? { withinCeiling: o.totalWeeklyPence <= s.ceilingPence } : {}),
    startDate: dayOf(o.startDate),
    notes: o.notes,
    location: o.location,
    gates: o.gates,
    exemption: o.exemptionBy ? { by: o.exemptionBy, reason: o.exemptionReason } : null,
    source: o.source,
    status: o.status,
    submittedAt: o.submittedAt.toISOString(),
    revisedAt: o.revisedAt?.toISOString() ?? null,
    withdrawal: o.withdrawnAt ? { at: o.withdrawnAt.toISOString(), reason: o.withdrawalReason ?? '' } : null,
  };
}

/** What a provider sees of a search: the child's age and needs, never who the child is or the council's ceiling. */
export function referralView(r: Prisma.ReferralGetPayload<{ include: { search: true } }>) {
  const s = r.search;
  return {
    id: r.id,
    searchId: r.searchId,
    providerId: r.providerId,
    round: r.round,
    route: r.route,
    status: r.status,
    declineReason: r.declineReason,
    sentAt: r.sentAt.toISOString(),
    search: {
      childAge: s.childAge,
      placementType: s.placementType,
      needs: s.needs,
      siblings: s.siblings,
      urgency: s.urgency,
      location: s.location,
      deadline: s.deadline.toISOString(),
      open: s.status === 'OPEN',
    },
  };
}
