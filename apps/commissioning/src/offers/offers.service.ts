import { ConflictException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { asDate, dayOf } from '@placewise/contracts/dates';
import type { Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { Prisma } from '../../generated/client/index.js';
import { CouncilService, type CouncilSettings } from '../council/council.service.js';
import { classifyLocation } from '../matching/location.js';
import { PrismaService, type Tx } from '../prisma.service.js';
import { providerOf } from '../providers/provider-of.js';
import { ProvidersRepository } from '../providers/providers.repository.js';
import { gatesFor, offerView, type SearchRow, type SettingRow } from '../searches/search-present.js';
import type { ReviseOffer, SubmitOffer } from '../searches/searches.dto.js';
import { SearchesRepository } from '../searches/searches.repository.js';
import { OffersRepository } from './offers.repository.js';

/** Offers against a search: entered by a commissioner (or, through a referral, by the provider), exempted, listed. */
@Injectable()
export class OffersService {
  private readonly log = new Logger('OffersService');

  constructor(
    private readonly prisma: PrismaService,
    private readonly offers: OffersRepository,
    private readonly searches: SearchesRepository,
    private readonly providers: ProvidersRepository,
    private readonly council: CouncilService,
  ) {}

  /** A commissioner enters an offer for a provider (e.g. one received by phone or through a portal). */
  async submitOffer(user: Principal, searchId: string, input: SubmitOffer) {
    return this.prisma.$transaction(async (tx) => {
      const s = await this.searches.lock(user.localAuthority, searchId, tx);
      if (!s) throw new NotFoundException(`no search ${searchId}`);
      const council = await this.council.settings(user.localAuthority, tx);
      const setting = await this.providers.findSetting(user.localAuthority, council.region, input.settingId, tx);
      if (!setting)
        throw new NotFoundException({
          statusCode: 404,
          message: `no setting ${input.settingId}`,
          errors: [{ field: 'settingId', reason: 'no such setting in your council or region' }],
        });
      return this.createOffer(tx, user, s, setting, council, input, 'COMMISSIONER');
    });
  }

  async createOffer(
    tx: Tx,
    user: Principal,
    s: SearchRow,
    setting: SettingRow,
    council: CouncilSettings,
    input: SubmitOffer,
    source: 'PROVIDER' | 'COMMISSIONER',
  ) {
    if (s.status !== 'OPEN') throw new ConflictException(`search ${s.id} is ${s.status}`);
    const gates = gatesFor(s, setting, council);
    const location = classifyLocation(council.area, setting.area);
    const total = input.weeklyFeePence + input.additionalServices.reduce((sum, x) => sum + x.weeklyPence, 0);
    try {
      const o = await this.offers.create(
        {
          id: randomUUID(),
          localAuthority: user.localAuthority,
          searchId: s.id,
          settingId: setting.id,
          providerId: setting.providerId,
          weeklyFeePence: input.weeklyFeePence,
          additionalServices: input.additionalServices,
          totalWeeklyPence: total,
          startDate: asDate(input.startDate),
          notes: input.notes ?? null,
          gates,
          location,
          status: 'SUBMITTED',
          source,
          submittedBy: user.sub,
        },
        tx,
      );
      await this.searches.updateReferral(tx, user.localAuthority, s.id, setting.providerId, { status: 'OFFERED' });
      return {
        id: o.id,
        searchId: s.id,
        settingId: o.settingId,
        weeklyFeePence: o.weeklyFeePence,
        additionalServices: input.additionalServices,
        totalWeeklyPence: total,
        startDate: input.startDate,
        location,
        gates,
        withinCeiling: total <= s.ceilingPence,
        status: o.status,
        source,
      };
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
        throw new ConflictException({
          statusCode: 409,
          message: 'this setting has already offered for this search',
          errors: [{ field: 'settingId', reason: 'already offered' }],
        });
      }
      throw e;
    }
  }

  /** A head of service (or above) exempts an offer from a setting rated Inadequate, with the reason. */
  async exempt(user: Principal, offerId: string, reason: string) {
    return this.prisma.$transaction(async (tx) => {
      const offer = await this.offers.lock(user.localAuthority, offerId, tx);
      if (!offer) throw new NotFoundException(`no offer ${offerId}`);
      if (offer.status !== 'SUBMITTED') throw new ConflictException(`offer ${offerId} is ${offer.status}`);
      if (offer.setting.ofstedRating !== 'INADEQUATE')
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: 'only a setting rated Inadequate needs an exemption',
          errors: [{ field: 'offerId', reason: `rated ${offer.setting.ofstedRating}` }],
        });
      const council = await this.council.settings(user.localAuthority, tx);
      const gates = gatesFor(offer.search, offer.setting, council, { by: user.sub, reason });
      await this.offers.update(tx, user.localAuthority, offerId, {
        exemptionBy: user.sub,
        exemptionReason: reason,
        gates,
      });
      return { id: offerId, exemptionBy: user.sub, exemptionReason: reason, gates };
    });
  }

  /**
   * The provider's own offer, locked with its search, while it can still change: waiting for the
   * council (SUBMITTED) on a search still open. Once chosen (awarded, or held for re-approval), not
   * chosen or withdrawn, it is the council's record and stays as it is (409).
   */
  private async changeable(tx: Tx, user: Principal, offerId: string) {
    const offer = await this.offers.lock(user.localAuthority, offerId, tx);
    if (!offer || offer.providerId !== providerOf(user)) throw new NotFoundException(`no offer ${offerId}`);
    if (offer.status !== 'SUBMITTED')
      throw new ConflictException({
        statusCode: 409,
        message: `this offer can no longer change: it is ${OFFER_STATE[offer.status]}`,
        reasons: [`The offer is ${OFFER_STATE[offer.status]}.`],
      });
    if (offer.search.status !== 'OPEN')
      throw new ConflictException({
        statusCode: 409,
        message: 'this offer can no longer change: the search has closed',
        reasons: ['The council has closed the search.'],
      });
    return offer;
  }

  /** A provider revises its own offer's price, additional services, start or notes before the council awards. */
  async reviseOffer(user: Principal, offerId: string, input: ReviseOffer) {
    return this.prisma.$transaction(async (tx) => {
      const offer = await this.changeable(tx, user, offerId);
      if (input.startDate < dayOf(new Date()) && input.startDate !== dayOf(offer.startDate))
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: 'the start cannot move into the past',
          errors: [{ field: 'startDate', reason: 'before today' }],
        });
      const total = input.weeklyFeePence + input.additionalServices.reduce((sum, x) => sum + x.weeklyPence, 0);
      const at = new Date();
      await this.offers.update(tx, user.localAuthority, offerId, {
        weeklyFeePence: input.weeklyFeePence,
        additionalServices: input.additionalServices,
        totalWeeklyPence: total,
        startDate: asDate(input.startDate),
        notes: input.notes ?? null,
        revisedBy: user.sub,
        revisedAt: at,
      });
      this.log.log({ msg: 'offer revised', offerId, searchId: offer.searchId, from: offer.totalWeeklyPence, to: total });
      return {
        id: offerId,
        status: 'SUBMITTED' as const,
        weeklyFeePence: input.weeklyFeePence,
        additionalServices: input.additionalServices,
        totalWeeklyPence: total,
        startDate: input.startDate,
        notes: input.notes ?? null,
        revisedAt: at.toISOString(),
        withdrawal: null,
      };
    });
  }

  /**
   * A provider withdraws its own offer before the council awards, saying why. When it leaves the
   * provider no offer waiting on the search, its referral reads as declined, with that reason.
   */
  async withdrawOffer(user: Principal, offerId: string, reason: string) {
    return this.prisma.$transaction(async (tx) => {
      const offer = await this.changeable(tx, user, offerId);
      const at = new Date();
      await this.offers.update(tx, user.localAuthority, offerId, {
        status: 'WITHDRAWN',
        withdrawnBy: user.sub,
        withdrawnAt: at,
        withdrawalReason: reason,
      });
      const others = await this.offers.countWaiting(tx, user.localAuthority, offer.searchId, offer.providerId!);
      if (others === 0)
        await this.searches.updateReferral(tx, user.localAuthority, offer.searchId, offer.providerId!, {
          status: 'DECLINED',
          declineReason: `Offer withdrawn: ${reason}`,
        });
      this.log.log({ msg: 'offer withdrawn', offerId, searchId: offer.searchId });
      return {
        id: offerId,
        status: 'WITHDRAWN' as const,
        weeklyFeePence: offer.weeklyFeePence,
        additionalServices: offer.additionalServices,
        totalWeeklyPence: offer.totalWeeklyPence,
        startDate: dayOf(offer.startDate),
        notes: offer.notes,
        revisedAt: offer.revisedAt?.toISOString() ?? null,
        withdrawal: { at: at.toISOString(), reason },
      };
    });
  }

  /** A provider's own offers (a commissioner sees the council's). */
  async listOffers(user: Principal, take: number, skip: number) {
    const own = user.roles.includes('commissioner') ? {} : { providerId: providerOf(user) };
    const rows = await this.offers.list(user.localAuthority, own, take, skip);
    return rows.map((o) => ({ ...offerView(o, undefined, !user.roles.includes('commissioner')), searchId: o.searchId }));
  }
}

/** An offer's state in the words of a refusal. */
const OFFER_STATE: Record<string, string> = {
  SUBMITTED: 'waiting for the council',
  AWAITING_REAPPROVAL: 'chosen by the council and waiting for re-approval',
  AWARDED: 'awarded',
  NOT_AWARDED: 'not chosen',
  REAPPROVAL_DECLINED: 'chosen, but its re-approval was declined',
  WITHDRAWN: 'withdrawn',
};
