import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { PlacementStartedV1, type PlacementType, type Provision } from '@placewise/contracts';
import { OutboxWriter, type Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { Prisma } from '../../generated/client/index.js';
import { PrismaService } from '../prisma.service.js';
import { ProvidersRepository } from '../providers/providers.repository.js';
import { checkGates, typesMeeting, type GateResult } from './gates.js';
import { SearchesRepository } from './searches.repository.js';
import type { AwardOffer, ListSearches, SubmitOffer } from './searches.dto.js';

const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

@Injectable()
export class SearchesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly searches: SearchesRepository,
    private readonly providers: ProvidersRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /** A search with its offers (gates shown), and the in-house vacancies that could meet it, listed first. */
  async get(user: Principal, id: string) {
    const s = await this.searches.find(user.localAuthority, id);
    if (!s) throw new NotFoundException(`no search ${id}`);
    const inHouse = await this.providers.inHouseVacancies(user.localAuthority, [...typesMeeting(s.placementType)], s.childAge);
    return {
      id: s.id,
      requestId: s.requestId,
      childId: s.childId,
      childAge: s.childAge,
      placementType: s.placementType,
      location: s.location,
      urgency: s.urgency,
      ceilingPence: s.ceilingPence,
      fundingEndDate: day(s.fundingEndDate),
      status: s.status,
      correlationId: s.correlationId,
      openedAt: s.openedAt.toISOString(),
      inHouseMatches: inHouse.map((m) => ({ settingId: m.id, name: m.name, provider: m.provider.name, placementType: m.placementType, vacancies: m.vacancies, weeklyPricePence: m.weeklyPricePence })),
      offers: s.offers.map((o) => ({
        id: o.id,
        settingId: o.settingId,
        setting: o.setting.name,
        provider: o.setting.provider.name,
        inHouse: o.setting.provider.sector === 'IN_HOUSE',
        weeklyFeePence: o.weeklyFeePence,
        withinCeiling: o.weeklyFeePence <= s.ceilingPence,
        startDate: day(o.startDate),
        gates: o.gates,
        status: o.status,
      })),
    };
  }

  async list(user: Principal, q: ListSearches) {
    const rows = await this.searches.list(user.localAuthority, { ...(q.status ? { status: q.status } : {}), ...(q.requestId ? { requestId: q.requestId } : {}) }, q.take, q.skip);
    return rows.map((s) => ({ id: s.id, requestId: s.requestId, placementType: s.placementType, urgency: s.urgency, ceilingPence: s.ceilingPence, status: s.status, openedAt: s.openedAt.toISOString() }));
  }

  async submitOffer(user: Principal, searchId: string, input: SubmitOffer) {
    const s = await this.searches.find(user.localAuthority, searchId);
    if (!s) throw new NotFoundException(`no search ${searchId}`);
    if (s.status !== 'OPEN') throw new ConflictException(`search ${searchId} is ${s.status}`);
    const setting = await this.providers.findSetting(user.localAuthority, input.settingId);
    if (!setting) throw new NotFoundException({ statusCode: 404, message: `no setting ${input.settingId}`, errors: [{ field: 'settingId', reason: 'no such setting in your council' }] });
    const gates = checkGates({ search: s, setting });
    try {
      const o = await this.searches.createOffer({
        id: randomUUID(),
        localAuthority: user.localAuthority,
        searchId,
        settingId: setting.id,
        weeklyFeePence: input.weeklyFeePence,
        startDate: new Date(`${input.startDate}T00:00:00Z`),
        notes: input.notes ?? null,
        gates: gates as object[],
        status: 'SUBMITTED',
        submittedBy: user.sub,
      });
      return { id: o.id, searchId, settingId: o.settingId, weeklyFeePence: o.weeklyFeePence, startDate: input.startDate, gates, withinCeiling: o.weeklyFeePence <= s.ceilingPence, status: o.status };
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
        throw new ConflictException({ statusCode: 409, message: 'this setting has already offered for this search', errors: [{ field: 'settingId', reason: 'already offered' }] });
      }
      throw e;
    }
  }

  /**
   * Awards an offer: the placement agreement is recorded and placement.started emitted, in one
   * transaction. An offer that fails a gate, or costs more than the approval allows, is refused.
   */
  async award(user: Principal, offerId: string, input: AwardOffer, correlationId: string) {
    return this.prisma.$transaction(async (tx) => {
      const offer = await this.searches.lockOffer(user.localAuthority, offerId, tx);
      if (!offer) throw new NotFoundException(`no offer ${offerId}`);
      const s = offer.search;
      if (s.status !== 'OPEN') throw new ConflictException(`search ${s.id} is already ${s.status}`);
      const failed = (offer.gates as unknown as GateResult[]).filter((g) => !g.passed);
      if (failed.length) throw new UnprocessableEntityException({ statusCode: 422, message: 'the offer fails hard gates', gates: failed });
      if (offer.weeklyFeePence > s.ceilingPence) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: `the offer (${offer.weeklyFeePence}p a week) exceeds the approved ceiling (${s.ceilingPence}p): it needs re-approval`,
          errors: [{ field: 'weeklyFeePence', reason: 'above the approved ceiling' }],
        });
      }
      const startDate = day(offer.startDate)!;
      if (input.plannedEndDate && input.plannedEndDate <= startDate) {
        throw new UnprocessableEntityException({ statusCode: 422, message: 'planned end must follow the start', errors: [{ field: 'plannedEndDate', reason: `must be after ${startDate}` }] });
      }
      const fundingEnd = day(s.fundingEndDate);
      if (!input.plannedEndDate && fundingEnd && fundingEnd <= startDate) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: `the approval funds this placement only until ${fundingEnd}, before it would start: it needs re-approval`,
          errors: [{ field: 'startDate', reason: `after the approved funding end date ${fundingEnd}` }],
        });
      }
      const plannedEnd = input.plannedEndDate ?? fundingEnd;
      if (!(await this.providers.takeVacancy(tx, offer.settingId))) throw new ConflictException('the setting has no vacancy left');
      await this.searches.award(tx, offer.id, s.id);
      const provision: Provision = offer.setting.provider.sector === 'IN_HOUSE' ? 'IN_HOUSE' : 'EXTERNAL';
      const placement = await this.searches.createPlacement(
        {
          id: randomUUID(),
          localAuthority: user.localAuthority,
          requestId: s.requestId,
          searchId: s.id,
          offerId: offer.id,
          childId: s.childId,
          settingId: offer.settingId,
          providerId: offer.setting.providerId,
          placementType: offer.setting.placementType,
          provision,
          weeklyCostPence: offer.weeklyFeePence,
          startDate: offer.startDate,
          plannedEndDate: plannedEnd ? new Date(`${plannedEnd}T00:00:00Z`) : null,
          noticeWeeks: input.noticeWeeks,
          status: 'ACTIVE',
          awardedBy: user.sub,
          correlationId: s.correlationId,
        },
        tx,
      );
      await this.outbox.append(
        tx,
        PlacementStartedV1,
        {
          placementId: placement.id,
          requestId: s.requestId,
          childId: s.childId,
          childAge: s.childAge,
          providerId: offer.setting.providerId,
          settingId: offer.settingId,
          placementType: offer.setting.placementType as PlacementType,
          provision,
          weeklyCostPence: offer.weeklyFeePence,
          startDate,
          plannedEndDate: plannedEnd,
        },
        // The journey keeps the correlation id of the request that started it.
        { localAuthority: user.localAuthority, correlationId: s.correlationId },
      );
      return placementView(placement);
    });
  }

  async getPlacement(user: Principal, id: string) {
    const p = await this.searches.findPlacement(user.localAuthority, id);
    if (!p) throw new NotFoundException(`no placement ${id}`);
    return placementView(p);
  }

  async listPlacements(user: Principal, take: number, skip: number) {
    return (await this.searches.listPlacements(user.localAuthority, take, skip)).map(placementView);
  }
}

export function placementView(p: Prisma.PlacementGetPayload<object>) {
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
    weeklyCostPence: p.weeklyCostPence,
    startDate: day(p.startDate),
    plannedEndDate: day(p.plannedEndDate),
    noticeWeeks: p.noticeWeeks,
    status: p.status,
    correlationId: p.correlationId,
  };
}
