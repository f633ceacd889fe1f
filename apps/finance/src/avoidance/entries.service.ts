import { Injectable, Logger } from '@nestjs/common';
import type { DecisionRecordedV1, EndReason, PayloadOf } from '@placewise/contracts';
import { addCalendarDays, asDate, dayOf, londonDate } from '@placewise/contracts/dates';
import { randomUUID } from 'node:crypto';
import { CouncilRepository } from '../council/council.repository.js';
import { priceOn } from '../money.js';
import type { Tx } from '../prisma.service.js';
import { AvoidanceRepository } from './avoidance.repository.js';
import { entryFigures, entryReason, type AvoidanceKind } from './entries.js';

const APPROVALS = new Set(['APPROVED', 'APPROVED_WITH_CONDITIONS']);
const prices = (p: { prices: { effectiveFrom: Date; weeklyCostPence: number }[] }) =>
  p.prices.map((x) => ({ from: dayOf(x.effectiveFrom), weeklyPence: x.weeklyCostPence }));

/**
 * Step-downs and exits from care recorded as cost avoidance, once each (the entry's source key is
 * unique): an exit (EXIT_FROM_CARE, AGE_18) avoids the placement's weekly cost for the rest of the
 * year; a step-down avoids the difference between the placement left and the cheaper one that
 * follows it, from the decision approving it (with both weekly costs) or, without one, from the
 * placements themselves.
 */
@Injectable()
export class AvoidanceEntries {
  private readonly log = new Logger('AvoidanceEntries');

  constructor(
    private readonly repo: AvoidanceRepository,
    private readonly council: CouncilRepository,
  ) {}

  /** A placement ended: an exit from care is an entry; a step-down is one once its cheaper successor is known. */
  async onEnded(tx: Tx, localAuthority: string, placementId: string, reason: EndReason): Promise<void> {
    if (reason === 'STEP_DOWN') {
      const p = await this.repo.placement(localAuthority, placementId, tx);
      if (p) await this.stepDowns(tx, localAuthority, p.childId);
      return;
    }
    if (reason !== 'EXIT_FROM_CARE' && reason !== 'AGE_18') return;
    const key = `placement:${placementId}`;
    if (await this.repo.entry(localAuthority, key, tx)) return;
    const p = await this.repo.placement(localAuthority, placementId, tx);
    const lastDay = dayOf(p?.endDate ?? null);
    if (!p || !lastDay) return;
    const weekly = priceOn(prices(p), lastDay);
    await this.record(tx, localAuthority, key, reason, weekly, lastDay, {
      childId: p.childId,
      placementId: p.id,
      reasonWeeks: { weeklyPence: weekly },
    });
  }

  /** A placement started: it may be the cheaper placement a step-down moved to. */
  async onStarted(tx: Tx, localAuthority: string, childId: string): Promise<void> {
    await this.stepDowns(tx, localAuthority, childId);
  }

  /**
   * An approved STEP_DOWN request with its weekly costs (the counterfactual, the placement stepped
   * down from, and the cost requested): the difference from the day it takes effect.
   */
  async onDecision(tx: Tx, localAuthority: string, d: PayloadOf<typeof DecisionRecordedV1>): Promise<void> {
    if (d.kind !== 'STEP_DOWN' || !APPROVALS.has(d.outcome) || !d.counterfactual || d.reapproval) return;
    const from = d.counterfactual.weeklyCostPence;
    const to = d.requestedWeeklyCostPence;
    if (to >= from) return;
    const key = `request:${d.requestId}`;
    if (await this.repo.entry(localAuthority, key, tx)) return;
    const effective = d.effectiveDate ?? londonDate(d.decidedAt);
    await this.record(tx, localAuthority, key, 'STEP_DOWN', from - to, addCalendarDays(effective, -1), {
      childId: d.childId,
      requestId: d.requestId,
      reasonWeeks: { weeklyPence: from - to, fromWeeklyPence: from, toWeeklyPence: to, description: d.counterfactual.description },
    });
  }

  /** Each of the child's step-downs not yet recorded whose next placement is known and cheaper. */
  private async stepDowns(tx: Tx, localAuthority: string, childId: string): Promise<void> {
    for (const old of await this.repo.endedStepDowns(localAuthority, childId, tx)) {
      const key = `placement:${old.id}`;
      const lastDay = dayOf(old.endDate);
      if (!lastDay || (await this.repo.entry(localAuthority, key, tx))) continue;
      const next = await this.repo.nextPlacement(localAuthority, childId, old.endDate!, tx);
      if (!next) continue;
      const fromWeekly = priceOn(prices(old), lastDay);
      const toWeekly = priceOn(prices(next), dayOf(next.startDate));
      // Recorded already from the decision that approved the step-down: not twice, but settled to
      // what happened (the day of the move and the placements' own prices), once.
      const approved = next.requestId ? await this.repo.entry(localAuthority, `request:${next.requestId}`, tx) : null;
      if (approved) {
        if (!approved.replacementPlacementId)
          await this.settle(tx, localAuthority, approved.id, old.id, next.id, fromWeekly, toWeekly, lastDay);
        continue;
      }
      if (toWeekly >= fromWeekly) continue;
      await this.record(tx, localAuthority, key, 'STEP_DOWN', fromWeekly - toWeekly, lastDay, {
        childId,
        placementId: old.id,
        replacementPlacementId: next.id,
        reasonWeeks: { weeklyPence: fromWeekly - toWeekly, fromWeeklyPence: fromWeekly, toWeeklyPence: toWeekly },
      });
    }
  }

  /** An entry recorded from a step-down's decision, made to match the placements: or removed when the new one costs no less. */
  private async settle(
    tx: Tx,
    localAuthority: string,
    id: string,
    placementId: string,
    replacementPlacementId: string,
    fromWeekly: number,
    toWeekly: number,
    lastDay: string,
  ): Promise<void> {
    const basis = await this.council.annualisation(localAuthority, tx);
    const f = entryFigures(fromWeekly - toWeekly, lastDay, basis);
    if (!f) {
      await this.repo.deleteEntry(localAuthority, id, tx);
      return;
    }
    await this.repo.updateEntry(
      localAuthority,
      id,
      {
        placementId,
        replacementPlacementId,
        financialYear: f.financialYear,
        fromDate: asDate(f.from),
        toDate: asDate(f.to),
        days: f.days,
        weeklyPence: fromWeekly - toWeekly,
        amountPence: BigInt(f.amountPence),
        basis,
        reason: entryReason('STEP_DOWN', f, { weeklyPence: fromWeekly - toWeekly, fromWeeklyPence: fromWeekly, toWeeklyPence: toWeekly }),
      },
      tx,
    );
  }

  private async record(
    tx: Tx,
    localAuthority: string,
    sourceKey: string,
    kind: AvoidanceKind,
    weeklyPence: number,
    lastDay: string,
    o: {
      childId: string;
      placementId?: string;
      replacementPlacementId?: string;
      requestId?: string;
      reasonWeeks: Parameters<typeof entryReason>[2];
    },
  ): Promise<void> {
    const basis = await this.council.annualisation(localAuthority, tx);
    const f = entryFigures(weeklyPence, lastDay, basis);
    if (!f) return;
    await this.repo.createEntry(
      {
        id: randomUUID(),
        localAuthority,
        sourceKey,
        kind,
        childId: o.childId,
        placementId: o.placementId ?? null,
        replacementPlacementId: o.replacementPlacementId ?? null,
        requestId: o.requestId ?? null,
        financialYear: f.financialYear,
        fromDate: asDate(f.from),
        toDate: asDate(f.to),
        days: f.days,
        weeklyPence,
        amountPence: BigInt(f.amountPence),
        basis,
        reason: entryReason(kind, f, o.reasonWeeks),
      },
      tx,
    );
    this.log.log({ msg: 'cost avoidance recorded', sourceKey, kind, financialYear: f.financialYear, amountPence: f.amountPence });
  }
}
