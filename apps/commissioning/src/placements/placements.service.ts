import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import {
  PlacementNoticeGivenV1,
  PlacementPriceChangedV1,
  ReapprovalRequestedV1,
  type DecisionRecordedV1,
  type PayloadOf,
} from '@placewise/contracts';
import { OutboxWriter, type Principal } from '@placewise/platform';
import { addCalendarDays, asDate, daysBetween, dayOf, londonToday } from '@placewise/contracts/dates';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { CouncilService } from '../council/council.service.js';
import { PrismaService, type Tx } from '../prisma.service.js';
import { SearchesRepository } from '../searches/searches.repository.js';
import { providerOf } from '../providers/provider-of.js';
import { SearchesService } from '../searches/searches.service.js';
import { PlacementsRepository } from './placements.repository.js';
import { PlacementEnding } from './placement-ending.js';
import { placementView } from './placements.view.js';
import type { EndPlacement, ListPlacements, Notice, PriceChange } from './placements.dto.js';

/** The day something is due on a placement: its next review, its notice's last day, or whichever is sooner. */
export function dueOn(
  p: { status: string; nextReviewDue: string | null; notice: { endDate: string | null } | null },
  due: 'review' | 'notice' | 'any',
): string | null {
  const notice = p.status === 'NOTICE_GIVEN' ? (p.notice?.endDate ?? null) : null;
  const review = p.status === 'ENDED' ? null : p.nextReviewDue;
  if (due === 'review') return review;
  if (due === 'notice') return notice;
  return [review, notice].filter((d): d is string => d !== null).sort()[0] ?? null;
}

/** Whether a rise needs re-approval under the council's limits (default: more than 5% or more than £250 a week). */
export function variationNeedsReapproval(
  previous: number,
  next: number,
  limits: { variationLimitBasisPoints: number; variationLimitPence: number },
): boolean {
  const rise = next - previous;
  if (rise <= 0) return false;
  return rise * 10_000 > previous * limits.variationLimitBasisPoints || rise > limits.variationLimitPence;
}

@Injectable()
export class PlacementsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly placements: PlacementsRepository,
    private readonly searchesRepo: SearchesRepository,
    private readonly searches: SearchesService,
    private readonly council: CouncilService,
    private readonly outbox: OutboxWriter,
    private readonly ending: PlacementEnding,
  ) {}

  async get(user: Principal, id: string) {
    const p = await this.placements.find(user.localAuthority, id);
    const forProvider = this.isProvider(user);
    if (!p || (forProvider && p.providerId !== providerOf(user))) throw new NotFoundException(`no placement ${id}`);
    return placementView(p, { forProvider });
  }

  /**
   * The council's placements (a provider: its own), newest first; or, with `due`, the running ones
   * whose next review or notice end falls within `within` days (overdue included), soonest first.
   */
  async list(user: Principal, q: z.infer<typeof ListPlacements>) {
    const forProvider = this.isProvider(user);
    const where = { ...(forProvider ? { providerId: providerOf(user) } : {}), ...(q.status ? { status: q.status } : {}) };
    if (!q.due)
      return (await this.placements.list(user.localAuthority, where, q.take, q.skip)).map((p) => placementView(p, { forProvider }));
    const today = londonToday();
    const horizon = addCalendarDays(today, q.within ?? 28);
    const due = q.due;
    return (await this.placements.running(user.localAuthority, where))
      .map((p) => placementView(p, { today, forProvider }))
      .map((v) => ({ v, on: dueOn(v, due) }))
      .filter((x): x is { v: typeof x.v; on: string } => x.on !== null && x.on <= horizon)
      .sort((a, b) => a.on.localeCompare(b.on) || a.v.id.localeCompare(b.v.id))
      .slice(q.skip, q.skip + q.take)
      .map((x) => x.v);
  }

  private isProvider(user: Principal) {
    return !user.roles.some((r) => r === 'commissioner' || r === 'finance' || r === 'auditor' || r === 'social-worker');
  }

  /**
   * A new weekly price. A rise above the council's limits is held and goes for re-approval
   * (`reapproval.requested`, PRICE_VARIATION); otherwise it applies and `placement.price-changed` is emitted.
   */
  async changePrice(user: Principal, id: string, input: z.infer<typeof PriceChange>) {
    return this.prisma.$transaction(async (tx) => {
      const p = await this.placements.lock(user.localAuthority, id, tx);
      if (!p) throw new NotFoundException(`no placement ${id}`);
      if (p.status === 'ENDED') throw new ConflictException(`placement ${id} has ended`);
      if (p.status === 'AWAITING_RATIFICATION')
        throw new ConflictException(`placement ${id} is waiting for retrospective approval: its price follows the decision`);
      const requestId = p.requestId;
      if (!requestId)
        throw new ConflictException({
          statusCode: 409,
          message: 'this placement came from the 903 return and has no approved request whose price could be varied',
          errors: [{ field: 'weeklyCostPence', reason: 'no approved request for this placement' }],
        });
      const start = dayOf(p.startDate);
      if (input.effectiveFrom < start)
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: 'a price change cannot take effect before the placement starts',
          errors: [{ field: 'effectiveFrom', reason: `must be on or after ${start}` }],
        });
      const pending = await this.placements.findPriceChanges(tx, user.localAuthority, id, { status: 'AWAITING_REAPPROVAL' });
      if (pending.length)
        throw new ConflictException({
          statusCode: 409,
          message: 'a price change for this placement is already waiting for re-approval',
          errors: [{ field: 'weeklyCostPence', reason: 'wait for the pending re-approval' }],
        });
      if (input.reason === 'ANNUAL_UPLIFT') {
        const same = await this.placements.findPriceChanges(tx, user.localAuthority, id, {
          reason: 'ANNUAL_UPLIFT',
          effectiveFrom: asDate(input.effectiveFrom),
          status: 'APPLIED',
        });
        if (same.length)
          throw new ConflictException({
            statusCode: 409,
            message: `the annual uplift from ${input.effectiveFrom} is already applied`,
            errors: [{ field: 'effectiveFrom', reason: 'one uplift a year' }],
          });
      }
      if (input.weeklyCostPence === p.weeklyCostPence)
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: 'the price is unchanged',
          errors: [{ field: 'weeklyCostPence', reason: `already ${p.weeklyCostPence}` }],
        });
      const limits = await this.council.settings(user.localAuthority, tx);
      const needsApproval = variationNeedsReapproval(p.weeklyCostPence, input.weeklyCostPence, limits);
      const searchId = p.searchId;
      if (needsApproval && !searchId)
        throw new ConflictException({
          statusCode: 409,
          message: 'this placement was not awarded from a search: a rise above the council limits cannot be sent for re-approval from here',
          errors: [{ field: 'weeklyCostPence', reason: 'above the council limits for a placement with no search' }],
        });
      const change = await this.placements.createPriceChange(tx, {
        id: randomUUID(),
        localAuthority: user.localAuthority,
        placementId: id,
        previousWeeklyPence: p.weeklyCostPence,
        weeklyCostPence: input.weeklyCostPence,
        effectiveFrom: asDate(input.effectiveFrom),
        reason: input.reason,
        status: needsApproval ? 'AWAITING_REAPPROVAL' : 'APPLIED',
        requestedBy: user.sub,
        ...(needsApproval ? {} : { decidedAt: new Date() }),
      });
      const origin = { localAuthority: user.localAuthority, correlationId: p.correlationId };
      if (needsApproval) {
        const e = await this.outbox.append(
          tx,
          ReapprovalRequestedV1,
          {
            link: {
              originalRequestId: requestId,
              searchId: searchId!,
              offerId: p.offerId,
              placementId: p.id,
              reason: 'PRICE_VARIATION',
            },
            reasons: ['PRICE_VARIATION'],
            childId: p.childId,
            childAge: p.childAge,
            placementType: p.placementType,
            provision: p.provision,
            location: p.location ?? 'IN_AREA',
            weeklyCostPence: input.weeklyCostPence,
            previousWeeklyCostPence: p.weeklyCostPence,
            requestedBy: user.sub,
          },
          origin,
        );
        return {
          status: 202 as const,
          body: {
            id: change.id,
            placementId: id,
            status: 'AWAITING_REAPPROVAL',
            previousWeeklyPence: p.weeklyCostPence,
            weeklyCostPence: input.weeklyCostPence,
            effectiveFrom: input.effectiveFrom,
            reason: input.reason,
            reapprovalEventId: e.id,
          },
        };
      }
      await this.apply(tx, { ...p, requestId }, change.id, input.weeklyCostPence, input.effectiveFrom, input.reason, origin, null);
      return {
        status: 201 as const,
        body: {
          id: change.id,
          placementId: id,
          status: 'APPLIED',
          previousWeeklyPence: p.weeklyCostPence,
          weeklyCostPence: input.weeklyCostPence,
          effectiveFrom: input.effectiveFrom,
          reason: input.reason,
        },
      };
    });
  }

  private async apply(
    tx: Tx,
    p: { id: string; requestId: string; childId: string; weeklyCostPence: number; approvedCeilingPence: number },
    changeId: string,
    weekly: number,
    effectiveFrom: string,
    reason: 'ANNUAL_UPLIFT' | 'VARIATION',
    origin: { localAuthority: string; correlationId: string; causationId?: string },
    approvedCeiling: number | null,
  ) {
    await this.placements.update(tx, origin.localAuthority, p.id, {
      weeklyCostPence: weekly,
      approvedCeilingPence: Math.max(approvedCeiling ?? p.approvedCeilingPence, weekly),
    });
    await this.placements.updatePriceChange(tx, origin.localAuthority, changeId, { status: 'APPLIED', decidedAt: new Date() });
    await this.outbox.append(
      tx,
      PlacementPriceChangedV1,
      {
        placementId: p.id,
        requestId: p.requestId,
        childId: p.childId,
        previousWeeklyCostPence: p.weeklyCostPence,
        weeklyCostPence: weekly,
        effectiveFrom,
        reason,
      },
      origin,
    );
  }

  /** The answer to a price variation's re-approval: approved applies it (and emits), declined leaves the price. */
  async onVariationReapproval(
    tx: Tx,
    localAuthority: string,
    d: PayloadOf<typeof DecisionRecordedV1>,
    causationId: string,
  ): Promise<'applied' | 'declined' | 'ignored'> {
    const link = d.reapproval!;
    if (!link.placementId || d.outcome === 'DEFERRED' || d.outcome === 'REFERRED_UP') return 'ignored';
    const p = await this.placements.lock(localAuthority, link.placementId, tx);
    if (!p?.requestId) return 'ignored';
    const requestId = p.requestId;
    const [change] = await this.placements.findPriceChanges(tx, localAuthority, p.id, { status: 'AWAITING_REAPPROVAL' });
    if (!change) return 'ignored';
    const ceiling = d.conditions.maxWeeklyCostPence ?? d.requestedWeeklyCostPence;
    if ((d.outcome === 'APPROVED' || d.outcome === 'APPROVED_WITH_CONDITIONS') && change.weeklyCostPence <= ceiling) {
      await this.apply(
        tx,
        { ...p, requestId },
        change.id,
        change.weeklyCostPence,
        dayOf(change.effectiveFrom),
        change.reason,
        { localAuthority, correlationId: p.correlationId, causationId },
        ceiling,
      );
      return 'applied';
    }
    await this.placements.updatePriceChange(tx, localAuthority, change.id, { status: 'DECLINED', decidedAt: new Date() });
    return 'declined';
  }

  /**
   * Notice to end the placement. A provider's notice (or the council's, when asked) opens a
   * replacement search at once, due before the notice ends; `placement.notice-given` carries its id.
   */
  async giveNotice(user: Principal, id: string, input: z.infer<typeof Notice>) {
    const byProvider = this.isProvider(user) || !user.roles.includes('commissioner');
    return this.prisma.$transaction(async (tx) => {
      const p = await this.placements.lock(user.localAuthority, id, tx);
      if (!p || (byProvider && p.providerId !== providerOf(user))) throw new NotFoundException(`no placement ${id}`);
      if (p.status !== 'ACTIVE') throw new ConflictException(`placement ${id} is ${p.status}`);
      const { requestId, searchId } = p;
      if (!requestId || !searchId)
        throw new ConflictException({
          statusCode: 409,
          message:
            p.origin === 'IMPORT'
              ? 'this placement came from the 903 return and has no approved request: end it with its date instead'
              : 'this placement was not awarded from a search: end it with its date instead',
          errors: [{ field: 'givenBy', reason: 'notice applies to a placement awarded from a search' }],
        });
      const givenBy = byProvider ? 'PROVIDER' : input.givenBy;
      const givenOn = input.givenOn ?? londonToday();
      const endDate = input.endDate ?? addCalendarDays(givenOn, p.noticeWeeks * 7);
      if (endDate <= givenOn)
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: 'the notice must end after it is given',
          errors: [{ field: 'endDate', reason: `must be after ${givenOn}` }],
        });
      const shortNotice = endDate < addCalendarDays(givenOn, p.noticeWeeks * 7);
      let replacementSearchId: string | null = null;
      if (givenBy === 'PROVIDER' || input.replace) {
        const original = await this.searchesRepo.find(user.localAuthority, searchId, tx);
        const daysLeft = daysBetween(londonToday(), endDate);
        const search = await this.searches.openSearch(tx, {
          id: randomUUID(),
          localAuthority: p.localAuthority,
          requestId,
          decisionId: original!.decisionId,
          replacesPlacementId: p.id,
          childId: p.childId,
          childAge: p.childAge,
          legalStatus: original!.legalStatus,
          placementType: original!.placementType,
          provision: original!.provision,
          location: original!.location,
          urgency: daysLeft <= 7 ? 'URGENT' : 'PLANNED',
          ceilingPence: p.approvedCeilingPence,
          fundingEndDate: original!.fundingEndDate,
          needs: original!.needs,
          siblings: original!.siblings,
          homeLatitude: original!.homeLatitude,
          homeLongitude: original!.homeLongitude,
          schoolLatitude: original!.schoolLatitude,
          schoolLongitude: original!.schoolLongitude,
          correlationId: p.correlationId,
        });
        // The replacement must be found before the notice ends.
        const due = asDate(endDate);
        if (due < search.deadline) await this.searchesRepo.update(tx, p.localAuthority, search.id, { deadline: due });
        replacementSearchId = search.id;
      }
      const updated = await this.placements.update(tx, user.localAuthority, id, {
        status: 'NOTICE_GIVEN',
        noticeGivenBy: givenBy,
        noticeGivenOn: asDate(givenOn),
        noticeEndDate: asDate(endDate),
        replacementSearchId,
      });
      await this.outbox.append(
        tx,
        PlacementNoticeGivenV1,
        { placementId: p.id, requestId, childId: p.childId, givenBy, givenOn, endDate, replacementSearchId },
        { localAuthority: p.localAuthority, correlationId: p.correlationId },
      );
      return { ...placementView(updated, { forProvider: byProvider }), shortNotice, reason: input.reason };
    });
  }

  /** Ends the placement (step-down, planned end, breakdown...): the vacancy goes back to the setting. */
  async end(user: Principal, id: string, input: z.infer<typeof EndPlacement>) {
    return this.prisma.$transaction(async (tx) => {
      const p = await this.placements.lock(user.localAuthority, id, tx);
      if (!p) throw new NotFoundException(`no placement ${id}`);
      return placementView(await this.ending.end(tx, p, input.endDate, input.reason));
    });
  }
}
