import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { OfferReceivedV1 } from '@placewise/contracts';
import { OutboxWriter, type Principal } from '@placewise/platform';
import { CouncilService } from '../council/council.service.js';
import { OffersRepository } from '../offers/offers.repository.js';
import { OffersService } from '../offers/offers.service.js';
import { PrismaService } from '../prisma.service.js';
import { providerOf } from '../providers/provider-of.js';
import { ProvidersRepository } from '../providers/providers.repository.js';
import { offerView, referralView } from '../searches/search-present.js';
import type { SubmitOffer } from '../searches/searches.dto.js';
import { SearchesRepository } from '../searches/searches.repository.js';
import { SearchesService } from '../searches/searches.service.js';

/** The provider's side of a search: the referrals it was sent, its offers against them, and its declines. */
@Injectable()
export class ReferralsService {
  private readonly log = new Logger('ReferralsService');

  constructor(
    private readonly prisma: PrismaService,
    private readonly searches: SearchesRepository,
    private readonly offers: OffersRepository,
    private readonly providers: ProvidersRepository,
    private readonly council: CouncilService,
    private readonly offerService: OffersService,
    private readonly searchService: SearchesService,
    private readonly outbox: OutboxWriter,
  ) {}

  async listReferrals(user: Principal, take: number, skip: number, searchId?: string) {
    const own = user.roles.includes('commissioner') ? {} : { providerId: providerOf(user) };
    const rows = await this.searches.listReferrals(user.localAuthority, { ...own, ...(searchId ? { searchId } : {}) }, take, skip);
    return rows.map(referralView);
  }

  async getReferral(user: Principal, id: string) {
    const commissioner = user.roles.includes('commissioner');
    const r = await this.searches.findReferral(user.localAuthority, id, commissioner ? undefined : providerOf(user));
    if (!r) throw new NotFoundException(`no referral ${id}`);
    const offers = await this.offers.list(user.localAuthority, { searchId: r.searchId, providerId: r.providerId }, 50, 0);
    return { ...referralView(r), offers: offers.map((o) => offerView(o, r.search, true)) };
  }

  async declineReferral(user: Principal, id: string, reason: string) {
    const providerId = providerOf(user);
    return this.prisma.$transaction(async (tx) => {
      const r = await this.searches.findReferral(user.localAuthority, id, providerId);
      if (!r) throw new NotFoundException(`no referral ${id}`);
      const s = await this.searches.lock(user.localAuthority, r.searchId, tx);
      if (r.status !== 'SENT') throw new ConflictException(`referral ${id} is ${r.status}`);
      await this.searches.updateReferral(tx, user.localAuthority, r.searchId, providerId, { status: 'DECLINED', declineReason: reason });
      // When every provider of the latest round has declined, the search cascades to the next round.
      if (
        s &&
        s.status === 'OPEN' &&
        s.stage !== 'IN_HOUSE' &&
        r.round === s.round &&
        (await this.searches.countLiveReferrals(tx, user.localAuthority, s.id, s.round)) === 0
      ) {
        const next = await this.searchService.sendNextRound(tx, s);
        this.log.log({ msg: 'every provider of the round declined', searchId: s.id, round: s.round, nextRound: next?.round ?? null });
      }
      return { id, status: 'DECLINED', declineReason: reason };
    });
  }

  /** A provider offers one of its own settings against a referral it was sent. */
  async submitProviderOffer(user: Principal, referralId: string, input: SubmitOffer) {
    const providerId = providerOf(user);
    return this.prisma.$transaction(async (tx) => {
      const referral = await this.searches.findReferral(user.localAuthority, referralId, providerId);
      if (!referral) throw new NotFoundException(`no referral ${referralId}`);
      const s = await this.searches.lock(user.localAuthority, referral.searchId, tx);
      if (referral.status === 'DECLINED') throw new ConflictException('you declined this referral');
      const council = await this.council.settings(user.localAuthority, tx);
      const setting = await this.providers.findSetting(user.localAuthority, council.region, input.settingId, tx);
      if (!setting || setting.providerId !== providerId)
        throw new NotFoundException({
          statusCode: 404,
          message: `no setting ${input.settingId}`,
          errors: [{ field: 'settingId', reason: 'not one of your settings' }],
        });
      const o = await this.offerService.createOffer(tx, user, s!, setting, council, input, 'PROVIDER');
      // The council's commissioners are told there is an offer to weigh (with the offer, in its transaction).
      await this.outbox.append(
        tx,
        OfferReceivedV1,
        {
          offerId: o.id,
          searchId: s!.id,
          requestId: s!.requestId,
          providerId,
          settingId: setting.id,
          settingLabel: setting.name,
          providerLabel: setting.provider.name,
          placementType: setting.placementType,
          totalWeeklyPence: o.totalWeeklyPence,
          startDate: o.startDate,
          withinCeiling: o.withinCeiling,
          gatesPassed: o.gates.every((g) => g.passed),
          receivedAt: new Date().toISOString(),
        },
        { localAuthority: user.localAuthority, correlationId: s!.correlationId },
      );
      return {
        id: o.id,
        referralId,
        settingId: o.settingId,
        weeklyFeePence: o.weeklyFeePence,
        additionalServices: o.additionalServices,
        totalWeeklyPence: o.totalWeeklyPence,
        startDate: o.startDate,
        location: o.location,
        status: o.status,
        gates: o.gates,
      };
    });
  }
}
