import type { ApproverTier, PanelType } from '@placewise/contracts';
import {
  addCalendarDays,
  addCalendarToInstant,
  addHours,
  addMonths,
  addWorkingDays,
  compareInstants,
  endOfLondonDay,
  isWorkingDay,
  londonClock,
  londonDate,
  startOfLondonDay,
  toLondonInstant,
  dayInWords,
} from '@placewise/contracts/dates';
import { RuleRunner } from './engine.js';
import { lookedAfterWorkingDays, startDayOf } from './facts.js';
import { DEFAULT_POLICY, policyHash, validatePolicy, type CouncilPolicy } from './policy.js';
import {
  bindRuleSet,
  DEADLINE_UNITS,
  getRuleSet,
  maxTier,
  RULE_SET_VERSION,
  upTier,
  type BoundRule,
  type DeadlineSpec,
  type DeadlineUnit,
} from './ruleset.js';
import { panelName, render, tierName, tierWords } from './text.js';
import {
  RequestFactsSchema,
  type EntryRoute,
  type OutcomeBlock,
  type OutcomeDeadline,
  type OutcomeEscalation,
  type OutcomeGate,
  type OutcomeSpecialApprover,
  type OutcomeWarning,
  type RequestFacts,
  type RulesOutcome,
} from './types.js';

export class FactsValidationError extends Error {
  override readonly name = 'FactsValidationError';
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`request facts invalid:\n${issues.map((i) => `- ${i.path}: ${i.message}`).join('\n')}`);
  }
}

export interface EvaluateOptions {
  /** Re-evaluate with a pinned rule-set version (defaults to the current RULE_SET_VERSION). */
  ruleSetVersion?: string;
  /**
   * Diagnostic: false runs every rule through json-rules-engine without the pre-filter on simple
   * top-level conditions. The outcome is the same either way; only the speed differs.
   */
  prefilter?: boolean;
}

interface Compiled {
  policy: CouncilPolicy;
  hash: string;
  runner: RuleRunner;
  byName: ReadonlyMap<string, BoundRule>;
}

const compiledByHash = new Map<string, Compiled>();
const compiledByObject = new WeakMap<object, Map<string, Compiled>>();
const MAX_COMPILED = 64;

function compile(policyInput: CouncilPolicy | undefined, version: string): Compiled {
  const given: object = policyInput ?? DEFAULT_POLICY;
  const frozen = Object.isFrozen(given);
  const cached = frozen ? compiledByObject.get(given)?.get(version) : undefined;
  if (cached) return cached;
  // Whoever built the policy, it is validated before use (validatePolicy returns a frozen copy).
  const policy = validatePolicy(given);
  const hash = policyHash(policy);
  const key = `${version}\u0000${hash}`;
  let compiled = compiledByHash.get(key);
  if (!compiled) {
    const bound = bindRuleSet(getRuleSet(version), policy);
    compiled = { policy, hash, runner: new RuleRunner(bound), byName: bound.byName };
    if (compiledByHash.size >= MAX_COMPILED) compiledByHash.delete(compiledByHash.keys().next().value!);
    compiledByHash.set(key, compiled);
  }
  if (frozen) {
    let m = compiledByObject.get(given);
    if (!m) compiledByObject.set(given, (m = new Map()));
    m.set(version, compiled);
  }
  return compiled;
}

type ParsedFacts = ReturnType<typeof RequestFactsSchema.parse>;

interface Anchor {
  date: string;
  instant: string;
}

function isOutOfHours(submittedAt: string, policy: CouncilPolicy): boolean {
  const { date, minutes } = londonClock(submittedAt);
  if (!isWorkingDay(date)) return true;
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  return minutes < toMin(policy.officeHours.start) || minutes >= toMin(policy.officeHours.end);
}

/** The facts the rules see: the request plus derived values; optional facts get safe defaults. */
export function deriveFacts(f: ParsedFacts, policy: CouncilPolicy): Record<string, unknown> {
  const gross = f.weeklyCostPence + (f.additionalServicesWeeklyPence ?? 0);
  const hasPrev = f.previousWeeklyCostPence !== undefined;
  const prev = f.previousWeeklyCostPence ?? 0;
  const increase = hasPrev ? gross - prev : 0;
  const increasePercent = !hasPrev ? 0 : prev > 0 ? (increase * 100) / prev : increase > 0 ? 1e9 : 0;
  const secureHoursUsed = f.secureHoursWithoutOrderLast28Days ?? 0;
  const isEmergency = f.urgency === 'EMERGENCY';
  const alreadyPlaced = f.placedAt !== null;
  // unknown (no record yet) counts as at least 20 working days: it never relaxes CPPCR reg 39(4)
  const lookedAfter = lookedAfterWorkingDays(f.lookedAfterSince, startDayOf(f));
  return {
    kind: f.kind,
    childAge: f.childAge,
    legalStatus: f.legalStatus,
    placementType: f.placementType,
    provision: f.provision,
    location: f.location,
    urgency: f.urgency,
    weeklyCostPence: f.weeklyCostPence,
    grossWeeklyCostPence: gross,
    isNewPlacement: f.kind === 'PLACEMENT' || f.kind === 'ENTRY_TO_CARE' || f.kind === 'STEP_DOWN',
    isEntryToCare: f.kind === 'ENTRY_TO_CARE',
    isVariation: f.kind === 'VARIATION',
    isExit: f.kind === 'EXIT',
    isCarerApprovalExtension: f.kind === 'CARER_APPROVAL_EXTENSION',
    hasPreviousCost: hasPrev,
    previousWeeklyCostPence: f.previousWeeklyCostPence,
    variationIncreasePence: increase,
    variationIncreasePercent: increasePercent,
    isEmergency,
    alreadyPlaced,
    emergencyOrPlaced: isEmergency || alreadyPlaced,
    outOfHours: f.outOfHours ?? isOutOfHours(f.submittedAt, policy),
    offFramework: f.offFramework ?? false,
    partnerContributionRequested: f.partnerContributionRequested ?? false,
    // typed on requests before 2026.12.0; now the child's key stage (from the date of birth) and whether the move disrupts education
    ks4EducationDisrupted: f.ks4EducationDisrupted ?? (f.keyStage4 === true && f.educationDisrupted === true),
    lookedAfter20WorkingDays: lookedAfter === null || lookedAfter >= 20,
    connectedPersonTempApproved: f.connectedPersonTempApprovedOn !== undefined,
    hasDolOrder: f.hasDolOrder ?? false,
    registrationApplied: f.registrationApplied ?? false,
    secureOrder: f.legalStatus === 'SECURE_S25' || f.legalStatus === 'REMAND_YDA' || f.hasSecureOrder === true,
    secureHoursUsed,
    secureHoursRemaining: Math.max(0, 72 - secureHoursUsed),
    secretaryOfStateApproval: f.secretaryOfStateApproval ?? false,
    connectedPersonTempApprovalWeeks: f.connectedPersonTempApprovalWeeks ?? 0,
    irmReviewPending: f.irmReviewPending ?? false,
    providerOfstedRating: f.providerOfstedRating ?? 'UNKNOWN',
    epoExtended: f.epoExtended ?? false,
    proceedingsIssuedKnown: f.proceedingsIssuedOn !== undefined,
    ntsTransfer: f.ntsTransfer ?? false,
    shortBreakMaxStayDays: f.shortBreakMaxStayDays ?? 0,
    shortBreakTotalDaysLast12Months: f.shortBreakTotalDaysLast12Months ?? 0,
    placementMovesLast12Months: f.placementMovesLast12Months ?? 0,
    iroAlertRaised: f.iroAlertRaisedAt !== undefined,
  };
}

function anchors(f: ParsedFacts): Record<string, Anchor> {
  const submitted: Anchor = { date: londonDate(f.submittedAt), instant: toLondonInstant(f.submittedAt) };
  const startDate = f.placedAt ?? f.plannedStartDate ?? f.effectiveDate ?? submitted.date;
  const startInstant = f.placementStartedAt
    ? toLondonInstant(f.placementStartedAt)
    : f.placedAt || f.plannedStartDate || f.effectiveDate
      ? startOfLondonDay(startDate)
      : submitted.instant;
  const placementStart: Anchor = { date: startDate, instant: startInstant };
  const protectionStart: Anchor = f.protectionStartedAt
    ? { date: londonDate(f.protectionStartedAt), instant: toLondonInstant(f.protectionStartedAt) }
    : placementStart;
  const issued = f.proceedingsIssuedOn ?? submitted.date;
  const nts = f.ntsReferralAt ?? f.submittedAt;
  return {
    submittedAt: submitted,
    placementStart,
    protectionStart,
    proceedingsIssued: { date: issued, instant: startOfLondonDay(issued) },
    ntsReferral: { date: londonDate(nts), instant: toLondonInstant(nts) },
    tempApprovalStart: f.connectedPersonTempApprovedOn
      ? { date: f.connectedPersonTempApprovedOn, instant: startOfLondonDay(f.connectedPersonTempApprovedOn) }
      : placementStart,
    ...(f.iroAlertRaisedAt ? { iroAlert: { date: londonDate(f.iroAlertRaisedAt), instant: toLondonInstant(f.iroAlertRaisedAt) } } : {}),
  };
}

const ANCHOR_LABEL: Record<string, string> = {
  submittedAt: 'submission',
  placementStart: 'placement start',
  protectionStart: 'start of police protection / EPO',
  proceedingsIssued: 'issue of proceedings',
  ntsReferral: 'NTS referral',
  iroAlert: 'the IRO alert',
  tempApprovalStart: 'the start of temporary approval',
};

const UNIT_LABEL: Record<DeadlineUnit, string> = {
  workingDays: 'working day',
  days: 'day',
  weeks: 'week',
  months: 'month',
  hours: 'hour',
};

/** Adds an amount to an anchor: working days count to the end of the day, hours are elapsed time. */
function addAmount(from: Anchor, unit: DeadlineUnit, n: number, exact: boolean, beginningWith = false): Anchor {
  if (beginningWith && (unit === 'days' || unit === 'weeks')) {
    // N days/weeks beginning with the anchor's day: that day is day 1, the last is day N (or 7N)
    const date = addCalendarDays(from.date, (unit === 'weeks' ? 7 * n : n) - 1);
    return { date, instant: endOfLondonDay(date) };
  }
  if (unit === 'hours') {
    const instant = addHours(from.instant, n);
    return { instant, date: londonDate(instant) };
  }
  if (exact) {
    const instant = addCalendarToInstant(from.instant, { [unit]: n });
    return { instant, date: londonDate(instant) };
  }
  const date =
    unit === 'workingDays'
      ? addWorkingDays(from.date, n)
      : unit === 'days'
        ? addCalendarDays(from.date, n)
        : unit === 'weeks'
          ? addCalendarDays(from.date, n * 7)
          : addMonths(from.date, n);
  return { date, instant: endOfLondonDay(date) };
}

function amountOf(spec: Partial<Record<DeadlineUnit, number>>): [DeadlineUnit, number] | null {
  for (const u of DEADLINE_UNITS) {
    const v = spec[u];
    if (typeof v === 'number') return [u, v];
  }
  return null;
}

export async function evaluate(facts: RequestFacts, policy?: CouncilPolicy, options: EvaluateOptions = {}): Promise<RulesOutcome> {
  const parsed = RequestFactsSchema.safeParse(facts);
  if (!parsed.success) {
    throw new FactsValidationError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const f = parsed.data;
  const version = options.ruleSetVersion ?? RULE_SET_VERSION;
  const compiled = compile(policy, version);
  const engineFacts = deriveFacts(f, compiled.policy);
  const result = await compiled.runner.run(engineFacts, { prefilter: options.prefilter !== false });

  const fired: BoundRule[] = [];
  for (const r of result.results) {
    const bound = compiled.byName.get(r.name as string);
    if (bound) fired.push(bound);
  }
  fired.sort((a, b) => a.index - b.index);
  return aggregate(f, engineFacts, fired, compiled, version);
}

function aggregate(
  f: ParsedFacts,
  engineFacts: Record<string, unknown>,
  fired: BoundRule[],
  compiled: Compiled,
  version: string,
): RulesOutcome {
  const { policy } = compiled;
  const txt = (s: string) => render(s, 'facts', engineFacts);
  /** A tier as this version's texts write it: with its code before 2026.12.1, in words alone from it. */
  const plainDates = getRuleSet(version).summaryRevision >= 3;
  const tier = plainDates ? tierWords : tierName;

  let approver: ApproverTier = 'SW';
  const approverBy: string[] = [];
  const raise = (t: ApproverTier, ruleId: string) => {
    if (t === approver) approverBy.push(ruleId);
    else if (maxTier(t, approver) === t) {
      approver = t;
      approverBy.length = 0;
      approverBy.push(ruleId);
    }
  };
  const panelsAsked = new Map<PanelType, string>();
  let costBand: string | null = null;
  let bandApprover: ApproverTier | null = null;
  let uplift: { steps: number; ruleId: string } | null = null;
  let entryRoute: EntryRoute | null = null;
  const reasons: { ruleId: string; text: string }[] = [];
  const blocks: OutcomeBlock[] = [];
  const gates: OutcomeGate[] = [];
  const warnings: OutcomeWarning[] = [];
  const specialApprovers: OutcomeSpecialApprover[] = [];
  const deadlineSpecs: { ruleId: string; spec: DeadlineSpec }[] = [];
  const seen = new Set<string>();
  const once = (kind: string, id: string) => {
    const k = `${kind}:${id}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };

  for (const rule of fired) {
    const p = rule.params;
    const ruleId = rule.name;
    reasons.push({ ruleId, text: txt(p.reason) });
    if (p.approver) raise(p.approver, ruleId);
    if (p.costBand) {
      costBand = p.costBand;
      bandApprover = p.approver ?? null;
    }
    if (typeof p.approverUpliftFromBand === 'number') uplift = { steps: p.approverUpliftFromBand, ruleId };
    if (p.panel) {
      if (!panelsAsked.has(p.panel)) panelsAsked.set(p.panel, ruleId);
    }
    if (p.entryRoute && !entryRoute) entryRoute = p.entryRoute;
    for (const s of p.specialApprovers ?? []) {
      if (!once('special', `${s.role}:${ruleId}`)) continue;
      specialApprovers.push({
        role: s.role,
        ruleId,
        tier: s.role === 'NOMINATED_OFFICER' ? (p.approver ?? policy.nominatedOfficer) : null,
        text: txt(s.text),
      });
    }
    for (const b of p.blocks ?? []) if (once('block', b.id)) blocks.push({ id: b.id, ruleId, regulation: b.regulation, text: txt(b.text) });
    for (const g of p.gates ?? []) {
      if (!once('gate', g.id)) continue;
      gates.push(
        g.regulation ? { id: g.id, ruleId, text: txt(g.text), regulation: g.regulation } : { id: g.id, ruleId, text: txt(g.text) },
      );
    }
    for (const w of p.warnings ?? []) if (once('warning', w.id)) warnings.push({ id: w.id, ruleId, text: txt(w.text) });
    for (const d of p.deadlines ?? []) deadlineSpecs.push({ ruleId, spec: d });
  }

  if (uplift && bandApprover) {
    const t = upTier(bandApprover, uplift.steps);
    raise(t, uplift.ruleId);
    reasons.push({
      ruleId: uplift.ruleId,
      text: `Off-framework: the band ${costBand} approver ${tier(bandApprover)} is raised to the ${tier(t)}.`,
    });
  }

  const panels = policy.panelPrecedence.filter((p) => panelsAsked.has(p));
  const panel = panels[0] ?? null;

  // deadlines, in rule order; a deadline may be counted from an earlier one
  const anchorMap = anchors(f);
  const deadlines: OutcomeDeadline[] = [];
  const escalations: OutcomeEscalation[] = [];
  const byId = new Map<string, OutcomeDeadline>();
  for (const { ruleId, spec } of deadlineSpecs) {
    let from: Anchor | undefined = anchorMap[spec.from];
    let fromLabel = ANCHOR_LABEL[spec.from] ?? spec.from;
    if (!from) {
      const prior = byId.get(spec.from);
      if (!prior) throw new Error(`${ruleId}: deadline ${spec.id} counts from unknown "${spec.from}"`);
      from = { date: prior.dueDate, instant: prior.due };
      fromLabel = `the ${spec.from.replace(/^deadline\./, '').replace(/_/g, ' ')} deadline`;
    }
    let amount = amountOf(spec);
    if (!amount && spec.hoursFromFact) amount = ['hours', Number(engineFacts[spec.hoursFromFact] ?? 0)];
    if (!amount) throw new Error(`${ruleId}: deadline ${spec.id} has no amount`);
    const [unit, n] = amount;
    const beginning = spec.beginningWith === true;
    const due = addAmount(from, unit, n, spec.exact === true, beginning);
    const basis = beginning
      ? `${n} ${UNIT_LABEL[unit]}${n === 1 ? '' : 's'} beginning with the day of ${fromLabel} (${from.date})`
      : `${n} ${UNIT_LABEL[unit]}${n === 1 ? '' : 's'} from ${fromLabel} (${from.date})`;
    const existing = byId.get(spec.id);
    if (existing) {
      // the same deadline from two rules: the earlier date wins
      if (compareInstants(existing.due, due.instant) <= 0) continue;
      deadlines.splice(deadlines.indexOf(existing), 1);
      for (let i = escalations.length - 1; i >= 0; i--) if (escalations[i]!.deadlineId === spec.id) escalations.splice(i, 1);
    }
    const d: OutcomeDeadline = {
      id: spec.id,
      ruleId,
      purpose: spec.purpose,
      due: due.instant,
      dueDate: due.date,
      basis,
      text: txt(spec.text),
      ...(spec.regulation ? { regulation: spec.regulation } : {}),
    };
    deadlines.push(d);
    byId.set(spec.id, d);
    const warnAmount = spec.warn ? amountOf(spec.warn) : null;
    if (warnAmount) {
      const [wu, wn] = warnAmount;
      // "week W" of a period beginning with a day starts 7(W-1) days after it (day W: W-1 days)
      const beginningAt =
        beginning && (wu === 'weeks' || wu === 'days') ? addCalendarDays(from.date, (wu === 'weeks' ? 7 : 1) * (wn - 1)) : null;
      const at = beginningAt ? { date: beginningAt, instant: startOfLondonDay(beginningAt) } : addAmount(from, wu, wn, spec.exact === true);
      escalations.push({
        id: `esc.${spec.id}.warning`,
        ruleId,
        deadlineId: spec.id,
        kind: 'WARNING',
        at: beginningAt || wu === 'workingDays' || (!spec.exact && wu !== 'hours') ? startOfLondonDay(at.date) : at.instant,
        notify: [...(spec.warnNotify ?? spec.notify)],
        text: `Due soon (${plainDates ? dayInWords(d.dueDate) : d.dueDate}): ${d.text}`,
      });
    }
    escalations.push({
      id: `esc.${spec.id}.breach`,
      ruleId,
      deadlineId: spec.id,
      kind: 'BREACH',
      at: d.due,
      notify: [...spec.notify],
      text: `Deadline passed: ${d.text}`,
    });
  }

  // chronological, for people; ties keep rule-set order (Array.prototype.sort is stable)
  deadlines.sort((a, b) => compareInstants(a.due, b.due));
  escalations.sort((a, b) => compareInstants(a.at, b.at));

  const revision = getRuleSet(version).summaryRevision;
  const summary =
    revision === 1
      ? summaryV1(approver, approverBy, panel, panels, blocks.length)
      : revision === 2
        ? summaryV2(approver, approverBy, panel, panels, blocks.length)
        : summaryV3(approver, approverBy, panel, panels, blocks.length);

  return {
    ruleSetVersion: version,
    policyHash: compiled.hash,
    approver,
    panel,
    panels,
    costBand,
    grossWeeklyCostPence: engineFacts.grossWeeklyCostPence as number,
    retrospective: f.placedAt !== null && f.kind !== 'EXIT',
    blocked: blocks.length > 0,
    blocks,
    gates,
    deadlines,
    escalations,
    specialApprovers,
    warnings,
    entryRoute,
    reasons: [...summary, ...reasons],
    firedRules: fired.map((r) => r.name),
  };
}

/** The summary as worded in 2026.11.0 (kept so that its stored outcomes re-evaluate identically). */
function summaryV1(approver: ApproverTier, approverBy: string[], panel: PanelType | null, panels: PanelType[], blockCount: number) {
  const summary: { ruleId: string; text: string }[] = [
    {
      ruleId: 'outcome.approver',
      text: `Approver: the ${tierName(approver)}, the highest tier required (by ${approverBy.join(', ') || 'no rule'}).`,
    },
    {
      ruleId: 'outcome.panel',
      text:
        panel === null
          ? 'No panel: the named approver decides alone.'
          : `Heard by the ${panelName(panel)}${panels.length > 1 ? ` (also asked for: ${panels.slice(1).map(panelName).join(', ')})` : ''}.`,
    },
  ];
  if (blockCount) {
    summary.push({
      ruleId: 'outcome.blocked',
      text: `Blocked: ${blockCount} legal or policy bar(s) must be removed before this can be approved.`,
    });
  }
  return summary;
}

/**
 * The summary from 2026.12.0: it never contradicts the outcome. A blocked request comes first and
 * is said to be approvable by no one until the bars are removed; "alone" is never said.
 */
function summaryV2(approver: ApproverTier, approverBy: string[], panel: PanelType | null, panels: PanelType[], blockCount: number) {
  const also = panels.length > 1 ? ` (also asked for: ${panels.slice(1).map(panelName).join(', ')})` : '';
  const by = approverBy.join(', ') || 'no rule';
  if (blockCount) {
    return [
      {
        ruleId: 'outcome.blocked',
        text: `Blocked: ${blockCount} legal or policy bar${blockCount === 1 ? '' : 's'} must be removed first; until then no one can approve this request.`,
      },
      {
        ruleId: 'outcome.approver',
        text: `Once the bar${blockCount === 1 ? ' is' : 's are'} removed, the approver would be the ${tierName(approver)}, the highest tier required (by ${by}).`,
      },
      {
        ruleId: 'outcome.panel',
        text: panel === null ? 'No panel would be needed.' : `It would be heard by the ${panelName(panel)}${also}.`,
      },
    ];
  }
  return [
    { ruleId: 'outcome.approver', text: `Approver: the ${tierName(approver)}, the highest tier required (by ${by}).` },
    {
      ruleId: 'outcome.panel',
      text:
        panel === null
          ? `No panel: the ${tierName(approver)} decides.`
          : `Heard by the ${panelName(panel)}${also}, with sign-off by the ${tierName(approver)}.`,
    },
  ];
}

/**
 * The summary from 2026.12.1: as 2026.12.0's, in words alone. The approver is named without the
 * tier's code, and instead of the ids of the rules that ask for it ("by local.band.C") it says how
 * many of the reasons below do; the ids stay in each reason's `ruleId` and in `firedRules`.
 */
function summaryV3(approver: ApproverTier, approverBy: string[], panel: PanelType | null, panels: PanelType[], blockCount: number) {
  const also = panels.length > 1 ? ` (also asked for: ${panels.slice(1).map(panelName).join(', ')})` : '';
  const n = approverBy.length;
  const by = n === 0 ? 'no reason below asks for more' : n === 1 ? 'as one of the reasons below asks' : `as ${n} of the reasons below ask`;
  const who = tierWords(approver);
  if (blockCount) {
    return [
      {
        ruleId: 'outcome.blocked',
        text: `Blocked: ${blockCount} legal or policy bar${blockCount === 1 ? '' : 's'} must be removed first; until then no one can approve this request.`,
      },
      {
        ruleId: 'outcome.approver',
        text: `Once the bar${blockCount === 1 ? ' is' : 's are'} removed, the approver would be the ${who}, the highest tier required (${by}).`,
      },
      {
        ruleId: 'outcome.panel',
        text: panel === null ? 'No panel would be needed.' : `It would be heard by the ${panelName(panel)}${also}.`,
      },
    ];
  }
  return [
    { ruleId: 'outcome.approver', text: `Approver: the ${who}, the highest tier required (${by}).` },
    {
      ruleId: 'outcome.panel',
      text: panel === null ? `No panel: the ${who} decides.` : `Heard by the ${panelName(panel)}${also}, with sign-off by the ${who}.`,
    },
  ];
}
