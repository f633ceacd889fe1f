import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import { CouncilService } from '../council/council.service.js';
import { failedGates, typesMeeting } from '../matching/gates.js';
import { classifyLocation } from '../matching/location.js';
import { rank } from '../matching/ranking.js';
import { ProvidersRepository } from '../providers/providers.repository.js';
import { candidateOf, gatesFor, isOwnInHouse, offerView, point, profileOf, searchSummary } from './search-present.js';
import type { ListSearches } from './searches.dto.js';
import { SearchesRepository } from './searches.repository.js';

/** What a commissioner reads of searches: the list, a search with its offers ranked, and every setting that could meet it. */
@Injectable()
export class SearchViewsService {
  constructor(
    private readonly searches: SearchesRepository,
    private readonly providers: ProvidersRepository,
    private readonly council: CouncilService,
  ) {}

  /** A search with its offers ranked (gates and the score's parts shown) and in-house vacancies listed first. */
  async get(user: Principal, id: string) {
    const s = await this.searches.find(user.localAuthority, id);
    if (!s) throw new NotFoundException(`no search ${id}`);
    const council = await this.council.settings(user.localAuthority);
    const inHouse = await this.providers.inHouseVacancies(user.localAuthority, [...typesMeeting(s.placementType)], s.childAge);
    const inHouseRanked = rank(
      inHouse.map((m) => candidateOf(m, m.weeklyPricePence, failedGates(gatesFor(s, m, council), 'BLOCK').length === 0)),
      profileOf(s),
      council.weights,
    );
    const offersById = new Map(s.offers.map((o) => [o.id, o]));
    const ranked = rank(
      s.offers.map((o) => ({
        ...candidateOf(
          o.setting,
          o.totalWeeklyPence,
          failedGates(o.gates, 'BLOCK').length === 0 && !['NOT_AWARDED', 'REAPPROVAL_DECLINED', 'WITHDRAWN'].includes(o.status),
        ),
        id: o.id,
      })),
      profileOf(s),
      council.weights,
    );
    return {
      ...searchSummary(s),
      profile: {
        needs: s.needs,
        home: point(s.homeLatitude, s.homeLongitude),
        school: point(s.schoolLatitude, s.schoolLongitude),
        siblings: s.siblings,
      },
      weights: council.weights,
      inHouseMatches: inHouseRanked.map((r) => {
        const m = inHouse.find((x) => x.id === r.candidate.id)!;
        return {
          settingId: m.id,
          name: m.name,
          provider: m.provider.name,
          placementType: m.placementType,
          vacancies: m.vacancies,
          weeklyPricePence: m.weeklyPricePence,
          location: classifyLocation(council.area, m.area),
          rank: r.rank,
          score: r.score,
          parts: r.parts,
        };
      }),
      referrals: s.referrals.map((r) => ({
        id: r.id,
        providerId: r.providerId,
        round: r.round,
        route: r.route,
        status: r.status,
        declineReason: r.declineReason,
        sentAt: r.sentAt.toISOString(),
      })),
      offers: ranked.map((r) => {
        const o = offersById.get(r.candidate.id)!;
        return { ...offerView(o, s), rank: r.rank, score: r.score, distanceKm: r.distanceKm, parts: r.parts };
      }),
    };
  }

  /** Every setting the council could use for this search, gated and ranked (the best first). */
  async matches(user: Principal, id: string, take: number) {
    const s = await this.searches.find(user.localAuthority, id);
    if (!s) throw new NotFoundException(`no search ${id}`);
    const council = await this.council.settings(user.localAuthority);
    const settings = await this.providers.candidates(user.localAuthority, council.region, [...typesMeeting(s.placementType)], s.childAge);
    const gates = new Map(settings.map((m) => [m.id, gatesFor(s, m, council)]));
    const byId = new Map(settings.map((m) => [m.id, m]));
    const ranked = rank(
      settings.map((m) => candidateOf(m, m.weeklyPricePence, failedGates(gates.get(m.id)!, 'BLOCK').length === 0)),
      profileOf(s),
      council.weights,
      take,
    );
    return {
      searchId: s.id,
      total: settings.length,
      matches: ranked.slice(0, take).map((r) => {
        const m = byId.get(r.candidate.id)!;
        return {
          rank: r.rank,
          score: r.score,
          distanceKm: r.distanceKm,
          parts: r.parts,
          settingId: m.id,
          name: m.name,
          provider: m.provider.name,
          inHouse: isOwnInHouse(user.localAuthority, m),
          procurementRoute: m.procurementRoute,
          placementType: m.placementType,
          weeklyPricePence: m.weeklyPricePence,
          vacancies: m.vacancies,
          location: classifyLocation(council.area, m.area),
          failedGates: failedGates(gates.get(m.id)!).map((g) => g.id),
        };
      }),
    };
  }

  async list(user: Principal, q: ListSearches) {
    const rows = await this.searches.list(
      user.localAuthority,
      { ...(q.status ? { status: q.status } : {}), ...(q.requestId ? { requestId: q.requestId } : {}) },
      q.take,
      q.skip,
    );
    return rows.map(searchSummary);
  }
}
