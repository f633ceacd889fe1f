import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { addMonths, asDate, dayInWords, dayOf, londonToday } from '@placewise/contracts/dates';
import { inSentence, REQUEST_KIND_WORDS, type RequestKind } from '@placewise/contracts';
import { PrismaService } from '../prisma.service.js';
import { Prisma } from '../../generated/client/index.js';
import { ChildrenRepository } from '../children/children.repository.js';
import { childScope } from '../children/child-access.js';
import { RequestsRepository } from '../requests/requests.repository.js';
import { ExitsRepository } from './exits.repository.js';
import { exitDateMoves, reEntered } from './exit-history.js';
import { keptOutOfCare, milestoneCounts, type CarePeriod } from './edge-of-care.js';
import {
  STAGE_ORDER,
  type AddExitStep,
  type AdvanceReunification,
  type Cohort,
  type RecordEdgeOfCare,
  type SetCarePlan,
  type SetStepDown,
  type StartReunification,
} from './exits.dto.js';

const monthOf = (date: string) => date.slice(0, 7);

/** A reunification's stages in words, for the reasons a refusal gives. */
const STAGE_WORDS: Record<(typeof STAGE_ORDER)[number], string> = {
  ASSESSMENT: 'assessment',
  PLAN: 'reunification plan',
  TRIAL_AT_HOME: 'trial at home',
  DISCHARGED: 'care order discharged',
};

const RESIDENTIAL = new Set([
  'LA_CHILDRENS_HOME',
  'PRIVATE_CHILDRENS_HOME',
  'VOL_CHILDRENS_HOME',
  'UNREGISTERED_CHILDRENS_HOME',
  'RESIDENTIAL_SCHOOL',
  'SECURE_CHILDRENS_HOME',
]);

/**
 * The way out of care: care plan summaries (exit route, estimated exit date and its history),
 * discharge planning, reunification, residential step-down, edge of care, and the oversight view.
 */
@Injectable()
export class ExitsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly exits: ExitsRepository,
    private readonly children: ChildrenRepository,
    private readonly requests: RequestsRepository,
  ) {}

  /**
   * The child, if this person may read them (childScope: a child outside their work does not exist for
   * them, as in the children's routes); a child's way out of care is theirs to read only with the child.
   */
  private async child(user: Principal, childId: string) {
    const c = await this.children.find(user.localAuthority, childId);
    if (!c || !(await this.mayRead(user, childId))) throw new NotFoundException("no such child in this council's records");
    return c;
  }

  /** Whether this person may read the child (one of their council's, as the caller has found it). */
  private async mayRead(user: Principal, childId: string): Promise<boolean> {
    const scope = childScope(user);
    return !scope || this.children.visible(user.localAuthority, childId, scope);
  }

  /** Of a list's rows, those about children this person may read (the list's totals stay the council's). */
  private async readable<T extends { childId: string }>(user: Principal, rows: T[]): Promise<T[]> {
    const ok = await this.children.visibleAmong(
      user.localAuthority,
      rows.map((r) => r.childId),
      childScope(user),
    );
    return rows.filter((r) => ok.has(r.childId));
  }

  async getCarePlan(user: Principal, childId: string) {
    await this.child(user, childId);
    const plan = await this.exits.carePlan(user.localAuthority, childId);
    if (!plan) throw new NotFoundException('the child has no care plan summary yet');
    const { moves, slipping } = exitDateMoves(plan.changes);
    return {
      childId,
      permanencePlan: plan.permanencePlan,
      exitRoute: plan.exitRoute,
      estimatedExitDate: dayOf(plan.estimatedExitDate),
      exitDateMoves: moves,
      slipping,
      dischargeCohortFrom: dayOf(plan.dischargeCohortFrom),
      stepDown: plan.stepDownTo
        ? { to: plan.stepDownTo, readyFrom: dayOf(plan.stepDownReadyFrom), weeklyCostPence: plan.stepDownWeeklyPence }
        : null,
      changes: plan.changes.map((c) => ({
        field: c.field,
        from: c.fromValue,
        to: c.toValue,
        reason: c.reason,
        by: c.changedBy,
        at: c.changedAt.toISOString(),
      })),
    };
  }

  /** Creates or changes the summary; each changed field is kept with who, when and why. A moved date is never overwritten. */
  async setCarePlan(user: Principal, childId: string, input: z.infer<typeof SetCarePlan>) {
    await this.child(user, childId);
    await this.prisma.$transaction(async (tx) => {
      const plan = await this.exits.carePlan(user.localAuthority, childId, tx);
      const next = {
        permanencePlan: input.permanencePlan ?? plan?.permanencePlan,
        exitRoute: input.exitRoute ?? plan?.exitRoute,
        estimatedExitDate: input.estimatedExitDate === undefined ? dayOf(plan?.estimatedExitDate) : input.estimatedExitDate,
      };
      if (!next.permanencePlan || !next.exitRoute) {
        throw new BadRequestException({
          statusCode: 400,
          message: 'a new care plan summary needs a permanence plan and an exit route',
          errors: [{ field: next.permanencePlan ? 'exitRoute' : 'permanencePlan', reason: 'is required for a new care plan summary' }],
        });
      }
      const before = {
        permanencePlan: plan?.permanencePlan ?? null,
        exitRoute: plan?.exitRoute ?? null,
        estimatedExitDate: dayOf(plan?.estimatedExitDate),
      };
      const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => (next[k] ?? null) !== before[k]);
      if (plan && changed.length === 0) return;
      const data = {
        permanencePlan: next.permanencePlan,
        exitRoute: next.exitRoute,
        estimatedExitDate: next.estimatedExitDate ? asDate(next.estimatedExitDate) : null,
        updatedBy: user.sub,
      };
      if (plan) await this.exits.updateCarePlan(user.localAuthority, childId, data, tx);
      else await this.exits.createCarePlan({ childId, localAuthority: user.localAuthority, ...data }, tx);
      await this.exits.recordChanges(
        changed.map((field) => ({
          childId,
          localAuthority: user.localAuthority,
          field,
          fromValue: before[field],
          toValue: next[field] ?? null,
          reason: input.reason,
          changedBy: user.sub,
        })),
        tx,
      );
    });
    return this.getCarePlan(user, childId);
  }

  async setStepDown(user: Principal, childId: string, input: z.infer<typeof SetStepDown>) {
    await this.child(user, childId);
    await this.prisma.$transaction(async (tx) => {
      const plan = await this.exits.carePlan(user.localAuthority, childId, tx);
      if (!plan) throw new ConflictException('record the care plan summary (permanence plan and exit route) before a step-down plan');
      await this.exits.updateCarePlan(
        user.localAuthority,
        childId,
        {
          stepDownTo: input.to,
          stepDownReadyFrom: asDate(input.readyFrom),
          stepDownWeeklyPence: input.weeklyCostPence,
          updatedBy: user.sub,
        },
        tx,
      );
      await this.exits.recordChanges(
        [
          {
            childId,
            localAuthority: user.localAuthority,
            field: 'stepDown',
            fromValue: plan.stepDownTo ? `${plan.stepDownTo} from ${dayOf(plan.stepDownReadyFrom)} at ${plan.stepDownWeeklyPence}p` : null,
            toValue: `${input.to} from ${input.readyFrom} at ${input.weeklyCostPence}p`,
            reason: input.reason,
            changedBy: user.sub,
          },
        ],
        tx,
      );
    });
    return this.getCarePlan(user, childId);
  }

  async setCohort(user: Principal, childId: string, input: z.infer<typeof Cohort>) {
    await this.child(user, childId);
    await this.prisma.$transaction(async (tx) => {
      const plan = await this.exits.carePlan(user.localAuthority, childId, tx);
      if (!plan) throw new ConflictException('record the care plan summary before adding the child to the discharge cohort');
      const from = input.inCohort ? (plan.dischargeCohortFrom ?? asDate(londonToday())) : null;
      if (dayOf(from) === dayOf(plan.dischargeCohortFrom)) return;
      await this.exits.updateCarePlan(user.localAuthority, childId, { dischargeCohortFrom: from, updatedBy: user.sub }, tx);
      await this.exits.recordChanges(
        [
          {
            childId,
            localAuthority: user.localAuthority,
            field: 'dischargeCohort',
            fromValue: dayOf(plan.dischargeCohortFrom),
            toValue: dayOf(from),
            reason: input.reason,
            changedBy: user.sub,
          },
        ],
        tx,
      );
    });
    return this.getCarePlan(user, childId);
  }

  async addStep(user: Principal, childId: string, input: z.infer<typeof AddExitStep>) {
    await this.child(user, childId);
    const s = await this.exits.addStep({
      id: randomUUID(),
      childId,
      localAuthority: user.localAuthority,
      kind: input.kind,
      description: input.description,
      owner: input.owner,
      dueDate: asDate(input.dueDate),
      createdBy: user.sub,
    });
    return { id: s.id, childId, kind: s.kind, description: s.description, owner: s.owner, dueDate: dayOf(s.dueDate), doneAt: null };
  }

  async completeStep(user: Principal, id: string) {
    const s = await this.exits.findStep(user.localAuthority, id);
    if (!s || !(await this.mayRead(user, s.childId))) throw new NotFoundException('no such step to leave care');
    if (s.doneAt) throw new ConflictException(`step ${id} was done on ${s.doneAt.toISOString()}`);
    const doneAt = new Date();
    await this.exits.completeStep(user.localAuthority, id, doneAt);
    return { id, doneAt: doneAt.toISOString() };
  }

  async setTarget(user: Principal, month: string, exits: number) {
    await this.exits.setTarget(user.localAuthority, asDate(`${month}-01`), exits, user.sub);
    return { month, exits };
  }

  /** The discharge cohort with each child's steps, and exits achieved this month against the target. */
  async dischargePlanning(user: Principal, month = monthOf(londonToday())) {
    const la = user.localAuthority;
    const plans = (await this.exits.carePlans(la)).filter((p) => p.dischargeCohortFrom);
    const steps = await this.exits.steps(
      la,
      plans.map((p) => p.childId),
    );
    const exits = await this.exitsByMonth(la, asDate(`${month}-01`));
    const target = await this.exits.target(la, asDate(`${month}-01`));
    const now = londonToday();
    return {
      month,
      target: target?.exits ?? null,
      exitsAchieved: exits.get(month)?.size ?? 0,
      cohort: (await this.readable(user, plans)).map((p) => {
        const mine = steps.filter((s) => s.childId === p.childId);
        return {
          childId: p.childId,
          exitRoute: p.exitRoute,
          estimatedExitDate: dayOf(p.estimatedExitDate),
          inCohortFrom: dayOf(p.dischargeCohortFrom),
          steps: mine.map((s) => ({
            id: s.id,
            kind: s.kind,
            description: s.description,
            owner: s.owner,
            dueDate: dayOf(s.dueDate),
            done: !!s.doneAt,
            overdue: !s.doneAt && dayOf(s.dueDate)! < now,
          })),
          stepsDone: mine.filter((s) => s.doneAt).length,
          stepsOverdue: mine.filter((s) => !s.doneAt && dayOf(s.dueDate)! < now).length,
        };
      }),
    };
  }

  async startReunification(user: Principal, childId: string, input: z.infer<typeof StartReunification>) {
    await this.child(user, childId);
    const r = await this.prisma.$transaction(async (tx) => {
      const open = (await this.exits.reunificationsOf(user.localAuthority, childId, tx)).find((x) => x.stage !== 'DISCHARGED');
      if (open)
        throw new ConflictException({
          statusCode: 409,
          message: `this child's reunification is already under way (at the ${STAGE_WORDS[open.stage]} stage): move that one on`,
          errors: [{ field: 'childId', reason: `already has a reunification at the ${STAGE_WORDS[open.stage]} stage` }],
        });
      return this.exits.startReunification(
        {
          id: randomUUID(),
          childId,
          localAuthority: user.localAuthority,
          stage: 'ASSESSMENT',
          withParentsUnderOrder: input.withParentsUnderOrder,
        },
        { on: asDate(londonToday()), note: input.note ?? null, by: user.sub },
        tx,
      );
    });
    return this.reunificationView(user, r.id);
  }

  /** Moves a reunification on, one stage at a time (assessment, plan, trial at home, care order discharged). */
  async advanceReunification(user: Principal, id: string, input: z.infer<typeof AdvanceReunification>) {
    await this.prisma.$transaction(async (tx) => {
      const r = await this.exits.reunification(user.localAuthority, id, tx);
      if (!r || !(await this.mayRead(user, r.childId))) throw new NotFoundException('no such reunification');
      const at = STAGE_ORDER.indexOf(r.stage);
      if (STAGE_ORDER.indexOf(input.stage) !== at + 1) {
        const next = STAGE_ORDER[at + 1];
        throw new ConflictException({
          statusCode: 409,
          message: next
            ? `a reunification at ${STAGE_WORDS[r.stage]} moves next to ${STAGE_WORDS[next]}`
            : 'this reunification is complete',
          errors: [{ field: 'stage', reason: `cannot go from ${STAGE_WORDS[r.stage]} to ${STAGE_WORDS[input.stage]}` }],
        });
      }
      const last = r.stages.at(-1)!;
      if (input.on < dayOf(last.on)!)
        throw new BadRequestException({
          statusCode: 400,
          message: 'stages move forward in time',
          errors: [{ field: 'on', reason: `is before the ${STAGE_WORDS[last.stage]} stage began (${dayInWords(dayOf(last.on)!)})` }],
        });
      await this.exits.advanceReunification(tx, user.localAuthority, id, input.stage, asDate(input.on), input.note ?? null, user.sub);
    });
    return this.reunificationView(user, id);
  }

  async reunificationView(user: Principal, id: string) {
    const r = await this.exits.reunification(user.localAuthority, id);
    if (!r || !(await this.mayRead(user, r.childId))) throw new NotFoundException('no such reunification');
    return this.reunificationOf(r, await this.exits.placementsOf(user.localAuthority, [r.childId]));
  }

  /** A reunification in words, with its breakdown (a return to care within 12 months of discharge) from the child's placements. */
  private reunificationOf(
    r: NonNullable<Awaited<ReturnType<ExitsRepository['reunification']>>>,
    placements: Awaited<ReturnType<ExitsRepository['placementsOf']>>,
  ) {
    const discharged = dayOf(r.dischargedOn);
    const returned = discharged
      ? reEntered(
          placements.filter((p) => p.childId === r.childId),
          discharged,
          12,
        )
      : null;
    return {
      id: r.id,
      childId: r.childId,
      stage: r.stage,
      withParentsUnderOrder: r.withParentsUnderOrder,
      dischargedOn: discharged,
      returnedToCareOn: returned,
      breakdown: returned !== null,
      stages: r.stages.map((s) => ({ stage: s.stage, on: dayOf(s.on), note: s.note, by: s.by })),
    };
  }

  /** Reunifications by stage, and breakdowns: a return to care within 12 months of discharge. */
  async reunifications(user: Principal) {
    const rows = await this.exits.reunifications(user.localAuthority);
    const placements = await this.exits.placementsOf(
      user.localAuthority,
      rows.map((r) => r.childId),
    );
    const all = rows.map((r) => this.reunificationOf(r, placements));
    const byStage = Object.fromEntries(STAGE_ORDER.map((s) => [s, all.filter((r) => r.stage === s).length]));
    return {
      byStage,
      discharged: all.filter((r) => r.dischargedOn).length,
      breakdowns: all.filter((r) => r.breakdown).length,
      reunifications: await this.readable(user, all),
    };
  }

  /** What was used instead of care for an entry-to-care request that was declined or diverted. */
  async recordEdgeOfCare(user: Principal, requestId: string, input: z.infer<typeof RecordEdgeOfCare>) {
    const r = await this.requests.find(user.localAuthority, requestId);
    if (!r || !(await this.mayRead(user, r.childId))) throw new NotFoundException('no such request');
    if (r.kind !== 'ENTRY_TO_CARE')
      throw new ConflictException({
        statusCode: 409,
        message: 'only a request to bring a child into care can be diverted',
        errors: [
          {
            field: 'requestId',
            reason: `asks for ${inSentence(REQUEST_KIND_WORDS[r.kind as RequestKind] ?? 'something else')}, not entry to care`,
          },
        ],
      });
    if (r.status === 'PLACED' || r.status === 'ENDED')
      throw new ConflictException('this request led to a placement: the child entered care');
    const today = londonToday();
    const divertedOn = input.divertedOn ?? today;
    if (divertedOn > today)
      throw new BadRequestException({
        statusCode: 400,
        message: 'a diversion is recorded once it has happened',
        errors: [{ field: 'divertedOn', reason: `is after today (${dayInWords(today)})` }],
      });
    try {
      await this.exits.recordEdgeOfCare({
        requestId,
        childId: r.childId,
        localAuthority: user.localAuthority,
        alternative: input.alternative,
        divertedOn: asDate(divertedOn),
        recordedBy: user.sub,
      });
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')
        throw new ConflictException('this request already has its diversion from care recorded');
      throw e;
    }
    return (await this.edgeOfCare(user)).entries.find((e) => e.requestId === requestId);
  }

  /**
   * Diversions from care and whether each child was kept out of care at 3, 6 and 12 months: in care
   * means a looked-after episode in the record or an entry request's placement; a milestone still to
   * come is not yet known (a diversion is not counted as kept out on the day it is recorded).
   */
  async edgeOfCare(user: Principal) {
    const la = user.localAuthority;
    const asOf = londonToday();
    const rows = await this.exits.edgeOfCare(la);
    const childIds = [...new Set(rows.map((r) => r.childId))];
    const [placements, episodes] = await Promise.all([this.exits.placementsOf(la, childIds), this.exits.episodesOf(la, childIds)]);
    const periods = (childId: string): CarePeriod[] => [
      ...placements.filter((p) => p.childId === childId).map((p) => ({ from: dayOf(p.placedFrom)!, until: dayOf(p.placedUntil) })),
      ...episodes.filter((e) => e.childId === childId).map((e) => ({ from: dayOf(e.decom)!, until: dayOf(e.dec) })),
    ];
    const entries = rows.map((r) => {
      const divertedOn = dayOf(r.divertedOn)!;
      const { enteredCareOn, milestones } = keptOutOfCare(divertedOn, periods(r.childId), asOf);
      return { requestId: r.requestId, childId: r.childId, alternative: r.alternative, divertedOn, enteredCareOn, milestones };
    });
    const alternatives = [...new Set(entries.map((e) => e.alternative))];
    const byAlternative = Object.fromEntries(
      alternatives.map((a) => {
        const mine = entries.filter((e) => e.alternative === a);
        return [a, { diverted: mine.length, milestones: milestoneCounts(mine) }];
      }),
    );
    return {
      asOf,
      diverted: entries.length,
      milestones: milestoneCounts(entries),
      byAlternative,
      entries: await this.readable(user, entries),
    };
  }

  /** Children exiting care per month (placement ended by exit or at 18, or a reunification discharged). */
  private async exitsByMonth(la: string, from: Date): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    const add = (d: Date | null, child: string) => {
      if (!d) return;
      const m = monthOf(dayOf(d)!);
      out.set(m, (out.get(m) ?? new Set()).add(child));
    };
    for (const e of await this.exits.exitsSince(la, from)) add(e.placedUntil, e.childId);
    for (const d of await this.exits.dischargesSince(la, from)) add(d.dischargedOn, d.childId);
    return out;
  }

  /** The manager's view: exits due and overdue, slipping dates, gaps in plans, and the monthly trajectory. */
  async oversight(user: Principal) {
    const la = user.localAuthority;
    const now = londonToday();
    const thisMonth = monthOf(now);
    const [placed, plans] = await Promise.all([this.exits.placedNow(la), this.exits.carePlans(la)]);
    const inCare = new Map(placed.map((p) => [p.childId, p]));
    const planOf = new Map(plans.map((p) => [p.childId, p]));
    const inCarePlans = plans.filter((p) => inCare.has(p.childId));
    const due = inCarePlans.filter((p) => p.estimatedExitDate && monthOf(dayOf(p.estimatedExitDate)!) === thisMonth);
    const overdue = inCarePlans.filter((p) => p.estimatedExitDate && dayOf(p.estimatedExitDate)! < now);
    const movedTwice = plans.filter((p) => exitDateMoves(p.changes).moves > 1);
    const slipping = plans.filter((p) => exitDateMoves(p.changes).slipping);
    const withoutPlan = [...inCare.keys()].filter((c) => !planOf.has(c));
    const residential = placed.filter((p) => p.placedType && RESIDENTIAL.has(p.placedType));
    const residentialWithoutStepDown = residential.filter((p) => !planOf.get(p.childId)?.stepDownTo);
    const stepDownPipeline = residential
      .filter((p) => planOf.get(p.childId)?.stepDownTo)
      .map((p) => {
        const plan = planOf.get(p.childId)!;
        const saving =
          p.placedWeeklyCostPence !== null && plan.stepDownWeeklyPence !== null ? p.placedWeeklyCostPence - plan.stepDownWeeklyPence : null;
        return {
          childId: p.childId,
          currentType: p.placedType,
          currentWeeklyCostPence: p.placedWeeklyCostPence,
          stepDownTo: plan.stepDownTo,
          readyFrom: dayOf(plan.stepDownReadyFrom),
          ready: dayOf(plan.stepDownReadyFrom)! <= now,
          weeklySavingPence: saving,
        };
      });

    // Entries and exits per month for the last 12 months, beside the 12 before.
    const from = asDate(`${addMonths(`${thisMonth}-01`, -23)}`);
    const entries = new Map<string, Set<string>>();
    for (const e of await this.exits.entriesSince(la, from)) {
      const m = monthOf(dayOf(e.placedFrom)!);
      entries.set(m, (entries.get(m) ?? new Set()).add(e.childId));
    }
    const exits = await this.exitsByMonth(la, from);
    const trajectory = Array.from({ length: 12 }, (_, i) => {
      const m = monthOf(addMonths(`${thisMonth}-01`, i - 11));
      const prev = monthOf(addMonths(`${m}-01`, -12));
      return {
        month: m,
        entries: entries.get(m)?.size ?? 0,
        exits: exits.get(m)?.size ?? 0,
        entriesYearBefore: entries.get(prev)?.size ?? 0,
        exitsYearBefore: exits.get(prev)?.size ?? 0,
      };
    });
    const ids = (xs: { childId: string }[]) => xs.map((x) => x.childId);
    return {
      childrenInCare: inCare.size,
      exitsDueThisMonth: ids(due),
      exitsOverdue: ids(overdue),
      exitDatesSlipping: ids(slipping),
      exitDatesMovedMoreThanOnce: ids(movedTwice),
      childrenWithoutExitPlan: withoutPlan,
      residentialWithoutStepDownPlan: ids(residentialWithoutStepDown),
      stepDownPipeline,
      trajectory,
    };
  }
}
