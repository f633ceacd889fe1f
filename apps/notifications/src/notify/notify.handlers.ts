import { Injectable } from '@nestjs/common';
import {
  BudgetThresholdCrossedV1,
  CaseDeferredV1,
  CaseEscalatedV1,
  CaseListedV1,
  ClockEscalatedV1,
  ClockRemindedV1,
  DecisionRecordedV1,
  OfferDecidedV1,
  OfferReceivedV1,
  PlacementNoticeGivenV1,
  PlacementStartedV1,
  PlacementStartedV2,
  ReapprovalRequestedV1,
  ReferralSentV1,
  RequestSubmittedV1,
  RequestSubmittedV2,
  Role,
  type EventEnvelope,
  type PayloadOf,
} from '@placewise/contracts';
import { HandlesEvent, type EventContext } from '@placewise/platform';
import type { Tx } from '../prisma.service.js';
import { NotifyRepository } from './notify.repository.js';
import { NotifyService } from './notify.service.js';
import {
  CLOCK_PURPOSES,
  CLOCK_ROLES,
  OUTCOMES,
  PANELS,
  PLACEMENT_TYPES,
  REAPPROVAL_REASONS,
  TIERS,
  URGENCIES,
  dayWords,
  financialYear,
  instantDayWords,
  londonTimeWords,
  pounds,
  sentence,
  word,
} from './words.js';

const PANEL_PEOPLE = ['panel-member', 'panel-chair'];
/** The role that decides at a tier (a social-worker decision is the submitter's own). */
const tierRole = (tier: string) => `approver:${tier}`;
const childWords = (age: number, type: string) => `a child aged ${age}, ${word(PLACEMENT_TYPES, type)}`;

/**
 * The inbox: each event the journey publishes becomes notifications for the people it concerns.
 * Exactly once per person per event: the platform's inbox row (event id) and each notification's
 * unique key (event, person, kind) are written in the event's transaction.
 */
@Injectable()
export class NotifyHandlers {
  constructor(
    private readonly notifications: NotifyService,
    private readonly repo: NotifyRepository,
  ) {}

  @HandlesEvent(RequestSubmittedV2)
  onSubmittedV2(p: PayloadOf<typeof RequestSubmittedV2>, ctx: EventContext<Tx>): Promise<void> {
    const decision = p.outcome.deadlines.find((d) => d.purpose === 'DECISION');
    return this.submitted(p, decision?.due ?? null, ctx);
  }

  @HandlesEvent(RequestSubmittedV1)
  onSubmittedV1(p: PayloadOf<typeof RequestSubmittedV1>, ctx: EventContext<Tx>): Promise<void> {
    return this.submitted(p, null, ctx);
  }

  /** Remembers who submitted the request and who decides it; tells the approver or the panel's people. */
  private async submitted(p: PayloadOf<typeof RequestSubmittedV1>, due: string | null, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const la = envelope.localAuthority;
    const { approver, panel } = p.outcome;
    await this.repo.saveRoute(
      { requestId: p.requestId, localAuthority: la, submittedBy: p.submittedBy, approverTier: approver, panel },
      tx,
    );
    const what = `A request for ${childWords(p.childAge, p.placementType)}, at ${pounds(p.weeklyCostPence)} a week.`;
    const by = due ? [`The decision is due by ${instantDayWords(due)}.`] : [];
    if (panel) {
      const people = await this.notifications.holdersOf(la, PANEL_PEOPLE, tx);
      await this.notifications.notify(
        envelope,
        'DECISION_DUE',
        people,
        {
          title: `A request comes to the ${word(PANELS, panel)}`,
          lines: [what, 'It will be listed at the panel’s next sitting.', ...by],
          link: '/sittings',
        },
        tx,
      );
      return;
    }
    const deciders = approver === 'SW' ? [p.submittedBy] : await this.notifications.holdersOf(la, [tierRole(approver)], tx);
    await this.notifications.notify(
      envelope,
      'DECISION_DUE',
      deciders,
      {
        title: 'A request waits for your decision',
        lines: [what, `It needs a ${word(TIERS, approver)}’s decision.`, ...by],
        link: '/queue',
      },
      tx,
    );
  }

  /** The social worker who submitted the request learns the decision and its conditions. */
  @HandlesEvent(DecisionRecordedV1)
  async onDecision(p: PayloadOf<typeof DecisionRecordedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const route = await this.repo.route(envelope.localAuthority, p.requestId, tx);
    if (!route) return; // a request submitted before notifications listened: nobody known to tell
    const c = p.conditions;
    const conditions = [
      c.maxWeeklyCostPence !== undefined ? `The weekly cost may be at most ${pounds(c.maxWeeklyCostPence)}.` : null,
      c.fundingEndDate ? `Funding ends on ${dayWords(c.fundingEndDate)}.` : null,
      c.reviewDate ? `It is reviewed by ${dayWords(c.reviewDate)}.` : null,
    ].filter((l): l is string => l !== null);
    await this.notifications.notify(
      envelope,
      'DECISION_RECORDED',
      [route.submittedBy],
      {
        title: `Decision on your request: ${word(OUTCOMES, p.outcome)}`,
        lines: [
          `The ${word(TIERS, p.decidedByTier)} decided on ${instantDayWords(p.decidedAt)} on the request for ${childWords(p.childAge, p.placementType)}: ${word(OUTCOMES, p.outcome)}.`,
          ...conditions,
        ],
        privateLines: [...c.notes.map((n) => `Condition: ${n}`), ...(p.reason ? [`Reason: ${p.reason}`] : [])],
        link: `/requests/${p.requestId}`,
      },
      tx,
    );
  }

  /** The social worker is told what the panel needs before it hears the request again. */
  @HandlesEvent(CaseDeferredV1)
  async onDeferred(p: PayloadOf<typeof CaseDeferredV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const route = await this.repo.route(envelope.localAuthority, p.requestId, tx);
    if (!route) return;
    const n = p.informationRequested.length;
    await this.notifications.notify(
      envelope,
      'CASE_DEFERRED',
      [route.submittedBy],
      {
        title: 'Your request is deferred for more information',
        lines: [
          `The panel deferred your request on ${instantDayWords(p.deferredAt)} and asks for ${n} ${n === 1 ? 'item' : 'items'} of information.`,
          ...(p.returnBy ? [`It needs them by ${dayWords(p.returnBy)}.`] : []),
        ],
        privateLines: p.informationRequested.map((i) => `Needed: ${i}`),
        link: `/requests/${p.requestId}`,
      },
      tx,
    );
  }

  /** A reminder goes to the approver it waits for; an escalation to the next tier (and whoever panels names). */
  @HandlesEvent(CaseEscalatedV1)
  async onEscalated(p: PayloadOf<typeof CaseEscalatedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const la = envelope.localAuthority;
    const link = `/cases/${p.caseId}`;
    if (p.kind === 'REMINDER') {
      const people = await this.notifications.holdersOf(la, [tierRole(p.fromTier)], tx);
      await this.notifications.notify(
        envelope,
        'DECISION_REMINDER',
        people,
        {
          title: `A decision is due by ${instantDayWords(p.deadline)}`,
          lines: [`A case waits for a ${word(TIERS, p.fromTier)}’s decision.`],
          link,
        },
        tx,
      );
      return;
    }
    const named = p.notify.map((n) => (Role.safeParse(n).success ? n : tierRole(n)));
    const people = await this.notifications.holdersOf(la, [...new Set([tierRole(p.toTier), ...named])], tx);
    const late = p.kind === 'RETROSPECTIVE_OVERDUE' ? 'Its retrospective approval' : 'Its decision';
    await this.notifications.notify(
      envelope,
      'ESCALATED_TO_YOU',
      people,
      {
        title: `A case is escalated to the ${word(TIERS, p.toTier)}`,
        lines: [
          `${late} was due by ${instantDayWords(p.deadline)} from the ${word(TIERS, p.fromTier)}; it now needs a ${word(TIERS, p.toTier)}.`,
        ],
        link,
      },
      tx,
    );
  }

  /** The council's commissioners learn that an award or a variation waits for re-approval. */
  @HandlesEvent(ReapprovalRequestedV1)
  async onReapproval(p: PayloadOf<typeof ReapprovalRequestedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const people = await this.notifications.holdersOf(envelope.localAuthority, ['commissioner'], tx);
    const reasons = (p.reasons ?? [p.link.reason]).map((r) => word(REAPPROVAL_REASONS, r));
    await this.notifications.notify(
      envelope,
      'AWARD_HELD',
      people,
      {
        title: 'An award is held for re-approval',
        lines: [
          `The award for ${childWords(p.childAge, p.placementType)}, at ${pounds(p.weeklyCostPence)} a week, goes back for approval because ${reasons.join(' and ')}.`,
        ],
        link: `/searches/${p.link.searchId}`,
      },
      tx,
    );
  }

  /** Commissioners and the request's social worker learn that the placement started. */
  /** Version 2 (with the setting's URN and postcode): told the same. */
  @HandlesEvent(PlacementStartedV2)
  onStartedV2(p: PayloadOf<typeof PlacementStartedV2>, ctx: EventContext<Tx>): Promise<void> {
    return this.onStarted(p, ctx);
  }

  @HandlesEvent(PlacementStartedV1)
  async onStarted(p: PayloadOf<typeof PlacementStartedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const people = await this.placementPeople(envelope, p.requestId, tx);
    await this.notifications.notify(
      envelope,
      'PLACEMENT_STARTED',
      people,
      {
        title: `A placement started on ${dayWords(p.startDate)}`,
        lines: [
          `The placement for ${childWords(p.childAge, p.placementType)} started on ${dayWords(p.startDate)} at ${pounds(p.weeklyCostPence)} a week.`,
        ],
        link: `/placements/${p.placementId}`,
      },
      tx,
    );
  }

  /** Commissioners and the request's social worker learn of a provider's (or the council's) notice. */
  @HandlesEvent(PlacementNoticeGivenV1)
  async onNotice(p: PayloadOf<typeof PlacementNoticeGivenV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const people = await this.placementPeople(envelope, p.requestId, tx);
    const who = p.givenBy === 'PROVIDER' ? 'The provider' : 'The council';
    await this.notifications.notify(
      envelope,
      'PLACEMENT_NOTICE',
      people,
      {
        title: `Notice given: a placement ends on ${dayWords(p.endDate)}`,
        lines: [
          `${who} gave notice on ${dayWords(p.givenOn)}; the placement ends on ${dayWords(p.endDate)}.`,
          ...(p.replacementSearchId ? ['A search for a new placement is open.'] : []),
        ],
        link: `/placements/${p.placementId}`,
      },
      tx,
    );
  }

  /** The council's finance people learn that a category's forecast crossed a threshold of its budget. */
  @HandlesEvent(BudgetThresholdCrossedV1)
  async onBudget(p: PayloadOf<typeof BudgetThresholdCrossedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const people = await this.notifications.holdersOf(envelope.localAuthority, ['finance'], tx);
    const category = word({}, p.category);
    await this.notifications.notify(
      envelope,
      'BUDGET_THRESHOLD',
      people,
      {
        title: `Budget: ${category} is at ${p.thresholdPercent}% for ${financialYear(p.financialYear)}`,
        lines: [
          `The forecast for ${category} in ${financialYear(p.financialYear)} is ${pounds(p.forecastPence)} against a budget of ${pounds(p.budgetPence)}.`,
        ],
        link: '/finance',
      },
      tx,
    );
  }

  /** A statutory clock is nearly due: its owner is told (the request's social worker, or the council's holders of the owning role). */
  @HandlesEvent(ClockRemindedV1)
  async onClockReminded(p: PayloadOf<typeof ClockRemindedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const people = await this.clockPeople(envelope, p.requestId, p.owner, tx);
    const review = p.purpose === 'REVIEW' && p.reviewNumber ? ` (review ${p.reviewNumber})` : '';
    await this.notifications.notify(
      envelope,
      'CLOCK_REMINDER',
      people,
      {
        title: `Due by ${instantDayWords(p.dueAt)}: ${word(CLOCK_PURPOSES, p.purpose)}`,
        lines: [
          `${sentence(word(CLOCK_PURPOSES, p.purpose))}${review} is due by ${instantDayWords(p.dueAt)}; the ${word(CLOCK_ROLES, p.owner)} owns it.`,
          'Record it as done on the request once it is.',
        ],
        link: `/requests/${p.requestId}`,
      },
      tx,
    );
  }

  /** A statutory clock is late: the next tier is told (it cannot be switched off), and the owner learns it went up. */
  @HandlesEvent(ClockEscalatedV1)
  async onClockEscalated(p: PayloadOf<typeof ClockEscalatedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const people = await this.clockPeople(envelope, p.requestId, p.to, tx);
    const review = p.purpose === 'REVIEW' && p.reviewNumber ? ` (review ${p.reviewNumber})` : '';
    await this.notifications.notify(
      envelope,
      'CLOCK_ESCALATED',
      people,
      {
        title: `Late: ${word(CLOCK_PURPOSES, p.purpose)}`,
        lines: [
          `${sentence(word(CLOCK_PURPOSES, p.purpose))}${review} was due by ${instantDayWords(p.dueAt)} and is not recorded as done.`,
          `It is escalated from the ${word(CLOCK_ROLES, p.from)} to the ${word(CLOCK_ROLES, p.to)}.`,
        ],
        link: `/requests/${p.requestId}`,
      },
      tx,
    );
  }

  /** The panel's members learn that a case is listed at a sitting, with its date: its papers are ready to read. */
  @HandlesEvent(CaseListedV1)
  async onListed(p: PayloadOf<typeof CaseListedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    await this.notifications.notify(
      envelope,
      'CASE_LISTED',
      p.memberIds,
      {
        title: `A case is listed for the ${word(PANELS, p.panelType)} on ${instantDayWords(p.startsAt)}`,
        lines: [
          `A case is on the agenda of the ${word(PANELS, p.panelType)} sitting on ${instantDayWords(p.startsAt)} at ${londonTimeWords(p.startsAt)}.`,
          'Its papers are ready to read before the sitting.',
        ],
        link: `/sittings/${p.sittingId}`,
      },
      tx,
    );
  }

  /** The council's commissioners learn that a provider made an offer against a search. */
  @HandlesEvent(OfferReceivedV1)
  async onOfferReceived(p: PayloadOf<typeof OfferReceivedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const people = await this.notifications.holdersOf(envelope.localAuthority, ['commissioner'], tx);
    await this.notifications.notify(
      envelope,
      'OFFER_RECEIVED',
      people,
      {
        title: `An offer from ${p.providerLabel}`,
        lines: [
          `${p.providerLabel} offers ${p.settingLabel} (${word(PLACEMENT_TYPES, p.placementType)}) at ${pounds(p.totalWeeklyPence)} a week from ${dayWords(p.startDate)}.`,
          p.withinCeiling
            ? 'It is within the approved weekly ceiling.'
            : 'It is above the approved weekly ceiling: awarding it needs re-approval.',
          ...(p.gatesPassed ? [] : ['A hard gate is not passed: see the offer before awarding it.']),
        ],
        link: `/searches/${p.searchId}`,
      },
      tx,
    );
  }

  /** Each provider's staff learn that a referral was sent to their provider: the child's age, the type and urgency, and when it is needed by. */
  @HandlesEvent(ReferralSentV1)
  async onReferralSent(p: PayloadOf<typeof ReferralSentV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const la = envelope.localAuthority;
    const staffOf = await this.notifications.staffOfEach(
      la,
      p.referrals.map((r) => r.providerId),
      tx,
    );
    for (const r of p.referrals) {
      const staff = staffOf.get(r.providerId);
      if (!staff) continue; // no one of that provider's in the directory
      await this.notifications.notify(
        envelope,
        'REFERRAL_SENT',
        staff,
        {
          title: `A referral for ${word(PLACEMENT_TYPES, p.placementType)}, needed by ${instantDayWords(p.respondBy)}`,
          lines: [
            `The council asks whether you can offer ${childWords(p.childAge, p.placementType)} (${word(URGENCIES, p.urgency)}).`,
            `It needs the placement found by ${instantDayWords(p.respondBy)}: offer one of your settings, or decline with your reason.`,
          ],
          link: `/provider/referrals/${r.referralId}`,
        },
        tx,
      );
    }
  }

  /** The provider's staff learn the council's answer to their offer: accepted (the placement starts), or declined and why. */
  @HandlesEvent(OfferDecidedV1)
  async onOfferDecided(p: PayloadOf<typeof OfferDecidedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const staff = await this.notifications.staffOf(envelope.localAuthority, p.providerId, tx);
    const terms = `${p.settingLabel} at ${pounds(p.totalWeeklyPence)} a week from ${dayWords(p.startDate)}`;
    const why =
      p.declinedBecause === 'REAPPROVAL_DECLINED'
        ? 'Its cost or terms needed the council’s approval again, and that approval was not given.'
        : 'The council accepted another offer for this child.';
    await this.notifications.notify(
      envelope,
      'OFFER_DECIDED',
      staff,
      p.outcome === 'ACCEPTED'
        ? {
            title: `Your offer of ${p.settingLabel} is accepted`,
            lines: [`The council accepted your offer of ${terms}: the placement starts then.`],
            link: '/placements',
          }
        : {
            title: `Your offer of ${p.settingLabel} is not accepted`,
            lines: [`The council did not accept your offer of ${terms}.`, why],
            link: '/provider/offers',
          },
      tx,
    );
  }

  /** Who holds a clock's role for its request: the social worker who submitted it, else the council's holders of the role. */
  private async clockPeople(envelope: EventEnvelope, requestId: string, role: string, tx: Tx): Promise<string[]> {
    if (role === 'social-worker') {
      const route = await this.repo.route(envelope.localAuthority, requestId, tx);
      if (route) return [route.submittedBy];
    }
    return this.notifications.holdersOf(envelope.localAuthority, [role], tx);
  }

  private async placementPeople(envelope: EventEnvelope, requestId: string, tx: Tx): Promise<string[]> {
    const route = await this.repo.route(envelope.localAuthority, requestId, tx);
    const commissioners = await this.notifications.holdersOf(envelope.localAuthority, ['commissioner'], tx);
    return route ? [...commissioners, route.submittedBy] : commissioners;
  }
}
