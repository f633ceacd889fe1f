import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { EventOrigin, Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { PrismaService, type Tx } from '../prisma.service.js';
import { asDate, dayOf, londonToday } from '@placewise/contracts/dates';
import { ForecastService } from '../forecast/forecast.service.js';
import { CouncilRepository, type CouncilFinanceSettings } from '../council/council.repository.js';
import { CommitmentsRepository, type CommitmentLine } from './commitments.repository.js';
import type { CommitmentCause } from '../../generated/client/index.js';
import { commitmentEnd, costedLines, financialYearLabel, lastDayBefore18, pence, type ContributionKind } from '../money.js';
import type { AddContribution, CommitmentQuery } from './commitments.dto.js';

export type Cause = CommitmentCause;

type Line = CommitmentLine;

/** The child's reference in an imported placement's key (`ssda903:<council>:<reference>:<start>`); null otherwise. */
export function childReferenceOf(importKey: string | null): string | null {
  const m = importKey ? /^ssda903:[^:]+:(.+):\d{4}-\d{2}-\d{2}$/.exec(importKey) : null;
  return m ? m[1]! : null;
}

@Injectable()
export class CommitmentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: CommitmentsRepository,
    private readonly council: CouncilRepository,
    private readonly forecast: ForecastService,
  ) {}

  /**
   * Costs a placement again from its terms and replaces the lines that changed: the old version is
   * marked superseded and a new version written, so every movement in a year can be explained. Then
   * the budget thresholds of the years touched are checked. Call inside the change's transaction.
   */
  async recompute(tx: Tx, localAuthority: string, placementId: string, cause: Cause, origin: EventOrigin): Promise<void> {
    await this.council.lockCouncil(localAuthority, tx);
    const p = await this.repo.placementTerms(localAuthority, placementId, tx);
    if (!p) throw new Error(`placement ${placementId} not found in ${localAuthority}`);
    const settings = await this.council.settings(localAuthority, tx);
    const start = dayOf(p.startDate)!;
    const end = commitmentEnd(
      {
        start,
        plannedEnd: dayOf(p.plannedEndDate),
        noticeEnd: dayOf(p.noticeEndDate),
        actualEnd: dayOf(p.endDate),
        childAge: p.childAge,
        openEndedTo: settings.openEndedTo,
      },
      londonToday(),
    );
    const prices = p.prices.map((x) => ({ from: dayOf(x.effectiveFrom)!, weeklyPence: x.weeklyCostPence }));
    const contributions = p.contributions.map((c) => ({
      kind: c.kind,
      from: dayOf(c.fromDate)!,
      to: dayOf(c.toDate),
      weeklyPence: c.weeklyPence,
      nightlyPence: c.nightlyPence,
    }));
    // An imported placement is committed from the later of its start and 1 April of the year it was
    // loaded in; one with no price yet commits nothing until it has one.
    const commitFrom = dayOf(p.commitFrom);
    const from = commitFrom && commitFrom > start ? commitFrom : start;
    const fresh = p.priceMissing || prices.length === 0 ? [] : costedLines(prices, from, end, contributions, settings.annualisation);
    const awaitingRatification = p.ratification === 'AWAITING';
    const all = await this.repo.lines(localAuthority, placementId, tx);
    const current = new Map(all.filter((l) => !l.supersededAt).map((l) => [l.financialYear, l]));
    const lastVersion = new Map<number, number>();
    for (const l of all) lastVersion.set(l.financialYear, Math.max(lastVersion.get(l.financialYear) ?? 0, l.version));

    const supersede: string[] = [];
    const create: Parameters<CommitmentsRepository['createCommitments']>[0] = [];
    const touched = new Set<number>();
    for (const l of fresh) {
      const old = current.get(l.financialYear);
      current.delete(l.financialYear);
      const same =
        old &&
        dayOf(old.fromDate) === l.from &&
        dayOf(old.toDate) === l.to &&
        old.weeklyCostPence === l.weeklyPence &&
        pence(old.grossPence) === l.grossPence &&
        pence(old.contributionsPence) === l.contributionsPence &&
        pence(old.incomePence) === l.incomePence &&
        old.category === p.category &&
        old.basis === settings.annualisation &&
        old.awaitingRatification === awaitingRatification;
      if (same) continue;
      if (old) supersede.push(old.id);
      touched.add(l.financialYear);
      create.push({
        id: randomUUID(),
        localAuthority,
        placementId,
        financialYear: l.financialYear,
        category: p.category,
        fromDate: asDate(l.from),
        toDate: asDate(l.to),
        days: l.days,
        weeklyCostPence: l.weeklyPence,
        grossPence: BigInt(l.grossPence),
        contributionsPence: BigInt(l.contributionsPence),
        incomePence: BigInt(l.incomePence),
        amountPence: BigInt(l.amountPence),
        basis: settings.annualisation,
        version: (lastVersion.get(l.financialYear) ?? 0) + 1,
        cause,
        awaitingRatification,
      });
    }
    // Years the placement no longer reaches (it ended, or notice was given): superseded with no successor.
    for (const old of current.values()) {
      supersede.push(old.id);
      touched.add(old.financialYear);
    }
    if (supersede.length) await this.repo.supersede(localAuthority, supersede, new Date(), tx);
    if (create.length) await this.repo.createCommitments(create, tx);
    for (const fy of [...touched].sort()) await this.forecast.checkThresholds(tx, localAuthority, fy, [p.category], origin, settings);
  }

  async placement(user: Principal, id: string) {
    const p = await this.repo.findPlacement(user.localAuthority, id);
    if (!p) throw new NotFoundException(`no placement ${id} in finance`);
    return {
      id: p.id,
      origin: p.origin,
      requestId: p.requestId,
      importKey: p.importKey,
      priceMissing: p.priceMissing,
      ratification: p.ratification,
      childId: p.childId,
      childAge: p.childAge,
      providerId: p.providerId,
      placementType: p.placementType,
      provision: p.provision,
      category: p.category,
      weeklyCostPence: p.weeklyCostPence,
      startDate: dayOf(p.startDate),
      plannedEndDate: dayOf(p.plannedEndDate),
      noticeEndDate: dayOf(p.noticeEndDate),
      endDate: dayOf(p.endDate),
      endReason: p.endReason,
      /** The last day the child can be in care before 18, derived from the age at the start. */
      lastDayBefore18: lastDayBefore18(dayOf(p.startDate)!, p.childAge),
      reviewDate: dayOf(p.reviewDate),
      status: p.status,
      correlationId: p.correlationId,
      prices: p.prices.map((x) => ({ effectiveFrom: dayOf(x.effectiveFrom), weeklyCostPence: x.weeklyCostPence, reason: x.reason })),
      contributions: p.contributions.map((c) => this.contributionView(c)),
      commitments: p.commitments.filter((c) => !c.supersededAt).map((c) => this.commitmentView(c)),
      commitmentHistory: p.commitments.map((c) => this.commitmentView(c)),
    };
  }

  async list(user: Principal, q: CommitmentQuery) {
    const rows = await this.repo.commitments(
      user.localAuthority,
      {
        ...(q.financialYear !== undefined ? { financialYear: q.financialYear } : {}),
        ...(q.placementId ? { placementId: q.placementId } : {}),
        ...(q.category ? { category: q.category } : {}),
        ...(q.provider ? { providerId: q.provider } : {}),
        ...(q.childRef !== undefined ? { childReference: q.childRef } : {}),
      },
      q.order,
      q.take,
      q.skip,
    );
    return rows.map((c) => ({
      ...this.commitmentView(c),
      placementType: c.placement.placementType,
      providerId: c.placement.providerId,
      childReference: childReferenceOf(c.placement.importKey),
      origin: c.placement.origin,
    }));
  }

  /** Partner contributions and income: recorded, then the placement's commitment is costed again. */
  async addContribution(user: Principal, placementId: string, input: AddContribution) {
    return this.prisma.$transaction(async (tx) => {
      const p = await this.repo.placementTerms(user.localAuthority, placementId, tx);
      if (!p) throw new NotFoundException(`no placement ${placementId} in finance`);
      if (input.toDate && input.toDate < input.fromDate) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: 'a contribution must end on or after it starts',
          errors: [{ field: 'toDate', reason: `must be on or after ${input.fromDate}` }],
        });
      }
      const c = await this.repo.addContribution(
        {
          id: randomUUID(),
          localAuthority: user.localAuthority,
          placementId,
          kind: input.kind,
          fromDate: asDate(input.fromDate),
          toDate: input.toDate ? asDate(input.toDate) : null,
          weeklyPence: input.kind === 'UASC_GRANT' ? null : input.weeklyPence!,
          nightlyPence: input.kind === 'UASC_GRANT' ? input.nightlyPence! : null,
          note: input.note ?? null,
          recordedBy: user.sub,
        },
        tx,
      );
      await this.recompute(tx, user.localAuthority, placementId, 'CONTRIBUTION', {
        localAuthority: user.localAuthority,
        correlationId: p.correlationId,
      });
      return this.contributionView(c);
    });
  }

  /**
   * The high-cost register: every placement running on `asOf` at or above the council's high-cost
   * line (default £10,000 a week), with its review date (overdue when it has passed, or missing).
   */
  async highCost(user: Principal, asOf: string = londonToday()) {
    const settings = await this.council.settings(user.localAuthority);
    const rows = await this.repo.highCost(user.localAuthority, settings.highCostWeeklyPence, asDate(asOf));
    return {
      asOf,
      highCostWeeklyPence: settings.highCostWeeklyPence,
      placements: rows.map((p) => ({
        placementId: p.id,
        requestId: p.requestId,
        childId: p.childId,
        childAge: p.childAge,
        providerId: p.providerId,
        placementType: p.placementType,
        category: p.category,
        weeklyCostPence: p.weeklyCostPence,
        startDate: dayOf(p.startDate),
        plannedEndDate: dayOf(p.plannedEndDate),
        noticeEndDate: dayOf(p.noticeEndDate),
        reviewDate: dayOf(p.reviewDate),
        reviewOverdue: !p.reviewDate || dayOf(p.reviewDate)! < asOf,
        status: p.status,
      })),
      total: { placements: rows.length, weeklyPence: rows.reduce((a, p) => a + p.weeklyCostPence, 0) },
    };
  }

  /**
   * Costs every placement that has not ended again, one transaction each: after the council changes
   * its settings, and at the start of a financial year, so open-ended placements commit into the new
   * year. Lines that come out the same are left alone; the others get a new version (cause RECOSTED).
   */
  async recostAll(user: Principal) {
    const la = user.localAuthority;
    let after: string | null = null;
    let placements = 0;
    let changed = 0;
    for (;;) {
      const batch = await this.repo.openPlacementIds(la, after, 500);
      if (batch.length === 0) break;
      for (const p of batch) {
        const moved = await this.prisma.$transaction(async (tx) => {
          const before = (await this.repo.lines(la, p.id, tx)).length;
          await this.recompute(tx, la, p.id, 'RECOSTED', { localAuthority: la, correlationId: p.correlationId });
          return (await this.repo.lines(la, p.id, tx)).length !== before;
        });
        placements++;
        if (moved) changed++;
      }
      after = batch[batch.length - 1]!.id;
    }
    return { placements, changed };
  }

  async setReviewDate(user: Principal, id: string, reviewDate: string) {
    await this.prisma.$transaction(async (tx) => {
      const p = await this.repo.placementTerms(user.localAuthority, id, tx);
      if (!p) throw new NotFoundException(`no placement ${id} in finance`);
      await this.repo.updatePlacement(user.localAuthority, id, { reviewDate: asDate(reviewDate) }, tx);
    });
    return this.placement(user, id);
  }

  settings(user: Principal) {
    return this.council.settings(user.localAuthority);
  }

  async saveSettings(user: Principal, input: Partial<CouncilFinanceSettings>) {
    await this.prisma.$transaction((tx) => this.council.saveSettings(user.localAuthority, input, tx));
    return this.council.settings(user.localAuthority);
  }

  /**
   * The year's movement: every version of every line, with its change from the version before, so a
   * finance officer can explain why the year's commitment moved (a start, an uplift, a notice, an end).
   */
  async movement(user: Principal, financialYear: number) {
    const lines = await this.repo.yearHistory(user.localAuthority, financialYear);
    const changes: {
      placementId: string;
      category: string;
      version: number;
      cause: string;
      at: string;
      fromPence: number;
      toPence: number;
      changePence: number;
    }[] = [];
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      const prev = lines[i - 1];
      const before = prev && prev.placementId === l.placementId ? pence(prev.amountPence) : 0;
      changes.push({
        placementId: l.placementId,
        category: l.category,
        version: l.version,
        cause: l.cause,
        at: l.createdAt.toISOString(),
        fromPence: before,
        toPence: pence(l.amountPence),
        changePence: pence(l.amountPence) - before,
      });
      const next = lines[i + 1];
      if (l.supersededAt && (!next || next.placementId !== l.placementId)) {
        // Superseded with no successor: the placement no longer reaches this year.
        changes.push({
          placementId: l.placementId,
          category: l.category,
          version: l.version + 1,
          cause: 'REMOVED',
          at: l.supersededAt.toISOString(),
          fromPence: pence(l.amountPence),
          toPence: 0,
          changePence: -pence(l.amountPence),
        });
      }
    }
    const byCause = new Map<string, number>();
    for (const c of changes) byCause.set(c.cause, (byCause.get(c.cause) ?? 0) + c.changePence);
    return {
      financialYear,
      label: financialYearLabel(financialYear),
      committedPence: changes.reduce((a, c) => a + c.changePence, 0),
      byCause: Object.fromEntries([...byCause].sort()),
      changes: changes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
    };
  }

  private contributionView(c: {
    id: string;
    kind: ContributionKind;
    fromDate: Date;
    toDate: Date | null;
    weeklyPence: number | null;
    nightlyPence: number | null;
    note: string | null;
    recordedBy: string;
    createdAt: Date;
  }) {
    return {
      id: c.id,
      kind: c.kind,
      fromDate: dayOf(c.fromDate),
      toDate: dayOf(c.toDate),
      weeklyPence: c.weeklyPence,
      nightlyPence: c.nightlyPence,
      note: c.note,
      recordedBy: c.recordedBy,
      recordedAt: c.createdAt.toISOString(),
    };
  }

  commitmentView(c: Line) {
    return {
      id: c.id,
      placementId: c.placementId,
      financialYear: c.financialYear,
      label: financialYearLabel(c.financialYear),
      category: c.category,
      from: dayOf(c.fromDate),
      to: dayOf(c.toDate),
      days: c.days,
      weeklyCostPence: c.weeklyCostPence,
      grossPence: pence(c.grossPence),
      contributionsPence: pence(c.contributionsPence),
      incomePence: pence(c.incomePence),
      amountPence: pence(c.amountPence),
      basis: c.basis,
      version: c.version,
      cause: c.cause,
      awaitingRatification: c.awaitingRatification,
      supersededAt: c.supersededAt?.toISOString() ?? null,
    };
  }
}
