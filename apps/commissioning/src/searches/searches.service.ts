import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { ReferralSentV1, Urgency } from '@placewise/contracts';
import { OutboxWriter, type Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Prisma } from '../../generated/client/index.js';
import { CouncilService } from '../council/council.service.js';
import { typesMeeting } from '../matching/gates.js';
import { isSpot, roundsFor } from '../matching/rounds.js';
import { PrismaService, type Tx } from '../prisma.service.js';
import { ProvidersRepository } from '../providers/providers.repository.js';
import { searchDeadline } from './deadline.js';
import type { SearchRow } from './search-present.js';
import { SearchViewsService } from './search-views.service.js';
import type { SearchProfile } from './searches.dto.js';
import { SearchesRepository } from './searches.repository.js';

export type OpenSearch = Omit<Prisma.SearchUncheckedCreateInput, 'stage' | 'round' | 'deadline' | 'generation' | 'status'>;

/** Searches opened, sent out round by round (in-house first), released and widened, and their matching profile. */
@Injectable()
export class SearchesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly searches: SearchesRepository,
    private readonly providers: ProvidersRepository,
    private readonly council: CouncilService,
    private readonly views: SearchViewsService,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * Opens a search. In-house first: if the council has a matching vacancy of its own the search
   * stays with the commissioner until released; otherwise it goes out to the first round at once.
   */
  async openSearch(tx: Tx, data: OpenSearch) {
    const openedAt = new Date();
    const generation = await this.searches.nextGeneration(data.localAuthority, data.requestId, tx);
    const search = await this.searches.open(
      { ...data, generation, status: 'OPEN', stage: 'IN_HOUSE', round: 0, openedAt, deadline: searchDeadline(data.urgency, openedAt) },
      tx,
    );
    const inHouse = await this.providers.inHouseVacancies(data.localAuthority, [...typesMeeting(data.placementType)], data.childAge, tx);
    if (inHouse.length > 0) return search;
    await this.searches.update(tx, search.localAuthority, search.id, { stage: 'EXTERNAL' });
    await this.sendNextRound(tx, { ...search, stage: 'EXTERNAL' });
    return search;
  }

  /** Sends the referral to every provider of the next round; null when there is no round left. */
  async sendNextRound(tx: Tx, search: SearchRow) {
    const council = await this.council.settings(search.localAuthority, tx);
    const candidates = await this.providers.externalCandidates(
      search.localAuthority,
      council.region,
      [...typesMeeting(search.placementType)],
      search.childAge,
      tx,
    );
    const rounds = roundsFor(
      search.urgency,
      candidates.map((c) => c.procurementRoute),
    );
    const round = search.round + 1;
    const routes = rounds[round - 1];
    if (!routes) return null;
    const providerRoute = new Map<string, string>();
    for (const c of candidates)
      if (routes.includes(c.procurementRoute) && !providerRoute.has(c.providerId)) providerRoute.set(c.providerId, c.procurementRoute);
    const sent = await this.searches.createReferrals(
      tx,
      [...providerRoute].map(([providerId, route]) => ({
        id: randomUUID(),
        localAuthority: search.localAuthority,
        searchId: search.id,
        providerId,
        round,
        route,
        status: 'SENT',
      })),
    );
    await this.searches.markAnswered(tx, search.localAuthority, search.id);
    await this.searches.update(tx, search.localAuthority, search.id, { round, stage: routes.some(isSpot) ? 'SPOT' : 'EXTERNAL' });
    // The providers' staff are told of their referral (with it, in its transaction).
    if (sent.length)
      await this.outbox.append(
        tx,
        ReferralSentV1,
        {
          searchId: search.id,
          requestId: search.requestId,
          round,
          referrals: sent.map((r) => ({ referralId: r.id, providerId: r.providerId })),
          childAge: search.childAge,
          placementType: search.placementType,
          urgency: Urgency.parse(search.urgency),
          respondBy: search.deadline.toISOString(),
          sentAt: new Date().toISOString(),
        },
        { localAuthority: search.localAuthority, correlationId: search.correlationId },
      );
    return { round, routes, providersSent: sent.length, roundsLeft: rounds.length - round };
  }

  /** The commissioner releases a search to external providers, saying why the in-house options will not do. */
  async release(user: Principal, id: string, reason: string) {
    const sent = await this.prisma.$transaction(async (tx) => {
      const s = await this.searches.lock(user.localAuthority, id, tx);
      if (!s) throw new NotFoundException(`no search ${id}`);
      if (s.status !== 'OPEN') throw new ConflictException(`search ${id} is ${s.status}`);
      if (s.stage !== 'IN_HOUSE') throw new ConflictException(`search ${id} has already gone out to external providers`);
      await this.searches.update(tx, user.localAuthority, id, {
        stage: 'EXTERNAL',
        releasedAt: new Date(),
        releasedBy: user.sub,
        releaseReason: reason,
      });
      return this.sendNextRound(tx, { ...s, stage: 'EXTERNAL' });
    });
    return { ...(await this.views.get(user, id)), sent };
  }

  /** Sends the search to the next round (the next framework tier, the DPS, then spot). */
  async widen(user: Principal, id: string) {
    const sent = await this.prisma.$transaction(async (tx) => {
      const s = await this.searches.lock(user.localAuthority, id, tx);
      if (!s) throw new NotFoundException(`no search ${id}`);
      if (s.status !== 'OPEN') throw new ConflictException(`search ${id} is ${s.status}`);
      if (s.stage === 'IN_HOUSE')
        throw new ConflictException({
          statusCode: 409,
          message: 'in-house first: release the search (POST /searches/{id}/release with the reason) before it goes out',
        });
      const r = await this.sendNextRound(tx, s);
      if (!r) throw new ConflictException({ statusCode: 409, message: 'no further providers to send this search to' });
      return r;
    });
    return { ...(await this.views.get(user, id)), sent };
  }

  async setProfile(user: Principal, id: string, p: z.infer<typeof SearchProfile>) {
    await this.prisma.$transaction(async (tx) => {
      const s = await this.searches.lock(user.localAuthority, id, tx);
      if (!s) throw new NotFoundException(`no search ${id}`);
      await this.searches.update(tx, user.localAuthority, id, {
        needs: p.needs,
        siblings: p.siblings,
        homeLatitude: p.home?.lat ?? null,
        homeLongitude: p.home?.lng ?? null,
        schoolLatitude: p.school?.lat ?? null,
        schoolLongitude: p.school?.lng ?? null,
      });
    });
    return this.views.get(user, id);
  }
}
