import { createHash } from 'node:crypto';
import { z } from 'zod';
import { APPROVER_ORDER, ApproverTier, PanelType } from '@placewise/contracts';
import { EscalationRecipient } from './types.js';
import { deepFreeze, getRuleSet, statutoryIndex } from './ruleset.js';

const pence = z.number().int().nonnegative().max(100_000_000_00);
const route = z.strictObject({ approver: ApproverTier, panel: PanelType.nullable() });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour clock)');

/**
 * A council's policy: the parameters of the local rules. Statutory rules cannot be switched off
 * or lowered; the fields that touch them (statutoryApproverOverrides, tightenedDeadlines,
 * nominatedOfficer) may only make them stricter.
 */
export const CouncilPolicySchema = z.strictObject({
  name: z.string().min(1),
  /** Lowest approver for any request. */
  minimumApprover: ApproverTier,
  /** The tier that holds the nominated officer role (CPPCR reg 2: a senior officer nominated by the DCS). */
  nominatedOfficer: ApproverTier,
  /** Nominated officer for placement with parents (regs 15-19); Leeds uses the head of service. */
  placementWithParentsApprover: ApproverTier,
  /** Upper bounds of bands A, B and C in pence a week (inclusive); band D is above C. */
  costBands: z.strictObject({ aMaxWeeklyPence: pence, bMaxWeeklyPence: pence, cMaxWeeklyPence: pence }),
  bandRoutes: z.strictObject({ A_IN_HOUSE: route, A_EXTERNAL: route, B: route, C: route, D: route }),
  /** Funding review interval per band, in months. */
  bandReviewMonths: z.strictObject({
    B: z.number().int().min(1).max(12),
    C: z.number().int().min(1).max(12),
    D: z.number().int().min(1).max(12),
  }),
  offFramework: z.strictObject({ tierUplift: z.number().int().min(0).max(5) }),
  variation: z.strictObject({
    percentThreshold: z.number().min(0).max(100),
    amountThresholdPence: pence,
    minorApprover: ApproverTier,
  }),
  jointFundingPanel: PanelType,
  entryRoutes: z.strictObject({
    PLANNED_S20: route,
    EMERGENCY_S20_IN_HOURS: route,
    EMERGENCY_S20_OUT_OF_HOURS: route,
    POLICE_PROTECTION_OR_EPO: route,
    CARE_PROCEEDINGS: route,
    COURT_ORDER: route,
    REMAND: route,
    UASC: route,
    SECURE_WELFARE: route,
    DEPRIVATION_OF_LIBERTY: route,
    SHORT_BREAKS: route,
  }),
  ratification: z.strictObject({
    workingDays: z.number().int().min(1).max(30),
    entryPanel: PanelType.nullable(),
    placementPanel: PanelType.nullable(),
  }),
  deadlines: z.strictObject({
    emergencyReviewHours: z.number().int().min(1).max(168),
    placementPlanWarnWorkingDays: z.number().int().min(1).max(4),
    careProceedingsWarnWeek: z.number().int().min(1).max(25),
    iroAlertResponseWorkingDays: z.number().int().min(1).max(20),
  }),
  exitApprover: ApproverTier,
  inadequateProvider: z.strictObject({ mode: z.enum(['WARN', 'BLOCK']), exemptionApprover: ApproverTier }),
  /** Placement moves in 12 months that send a new move to the stability review. */
  stabilityReviewMoves: z.number().int().min(1).max(20),
  officeHours: z.strictObject({ start: hhmm, end: hhmm }),
  /** When several panels are asked for, the first in this order hears the request. */
  panelPrecedence: z.array(PanelType),
  /** Local rules switched off. Statutory rules cannot be. */
  disabledRules: z.array(z.string()),
  /** Raise the approver a statutory rule requires (never lower it). */
  statutoryApproverOverrides: z.record(z.string(), ApproverTier),
  /** Shorten a statutory deadline, in the unit the law uses (never lengthen it). */
  tightenedDeadlines: z.record(z.string(), z.number().int().positive()),
  /** Who is told when a deadline passes (replaces the rule set's list). */
  escalations: z.record(z.string(), z.array(EscalationRecipient).min(1)),
});

export type CouncilPolicy = z.infer<typeof CouncilPolicySchema>;

const DEFAULT_POLICY_DATA: CouncilPolicy = {
  name: 'Default approval matrix (law-practice-costs section 6)',
  minimumApprover: 'TM',
  nominatedOfficer: 'AD',
  placementWithParentsApprover: 'HOS',
  costBands: { aMaxWeeklyPence: 100_000, bMaxWeeklyPence: 500_000, cMaxWeeklyPence: 999_999 },
  bandRoutes: {
    A_IN_HOUSE: { approver: 'SM', panel: null },
    A_EXTERNAL: { approver: 'HOS', panel: null },
    B: { approver: 'HOS', panel: 'PLACEMENT_RESOURCES' },
    C: { approver: 'AD', panel: 'PLACEMENT_RESOURCES' },
    D: { approver: 'DCS', panel: 'HIGH_COST' },
  },
  bandReviewMonths: { B: 6, C: 3, D: 1 },
  offFramework: { tierUplift: 1 },
  variation: { percentThreshold: 5, amountThresholdPence: 25_000, minorApprover: 'SM' },
  jointFundingPanel: 'JOINT_FUNDING',
  entryRoutes: {
    PLANNED_S20: { approver: 'HOS', panel: 'GATEWAY' },
    EMERGENCY_S20_IN_HOURS: { approver: 'HOS', panel: null },
    EMERGENCY_S20_OUT_OF_HOURS: { approver: 'SM', panel: null },
    POLICE_PROTECTION_OR_EPO: { approver: 'HOS', panel: null },
    CARE_PROCEEDINGS: { approver: 'HOS', panel: 'GATEWAY' },
    COURT_ORDER: { approver: 'HOS', panel: 'GATEWAY' },
    REMAND: { approver: 'SM', panel: null },
    UASC: { approver: 'HOS', panel: null },
    SECURE_WELFARE: { approver: 'AD', panel: 'GATEWAY' },
    DEPRIVATION_OF_LIBERTY: { approver: 'AD', panel: 'GATEWAY' },
    SHORT_BREAKS: { approver: 'SM', panel: null },
  },
  ratification: { workingDays: 10, entryPanel: 'GATEWAY', placementPanel: 'PLACEMENT_RESOURCES' },
  deadlines: { emergencyReviewHours: 72, placementPlanWarnWorkingDays: 3, careProceedingsWarnWeek: 20, iroAlertResponseWorkingDays: 10 },
  exitApprover: 'SM',
  inadequateProvider: { mode: 'WARN', exemptionApprover: 'HOS' },
  stabilityReviewMoves: 2,
  officeHours: { start: '09:00', end: '17:00' },
  panelPrecedence: ['GATEWAY', 'HIGH_COST', 'JOINT_FUNDING', 'PLACEMENT_RESOURCES'],
  disabledRules: [],
  statutoryApproverOverrides: {},
  tightenedDeadlines: {},
  escalations: {},
};

export interface PolicyIssue {
  /** Dotted path of the offending setting ('' for the whole policy). */
  path: string;
  /** INVALID: malformed or inconsistent. WEAKENS_LAW: it would switch off or lower a statutory rule. */
  code: 'INVALID' | 'WEAKENS_LAW';
  message: string;
}

export class PolicyValidationError extends Error {
  override readonly name = 'PolicyValidationError';
  constructor(readonly issues: PolicyIssue[]) {
    super(`council policy refused:\n${issues.map((i) => `- [${i.code}] ${i.path || '(policy)'}: ${i.message}`).join('\n')}`);
  }
  get weakensLaw(): boolean {
    return this.issues.some((i) => i.code === 'WEAKENS_LAW');
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Objects merge key by key; arrays and scalars in the override replace the default. */
function deepMerge(base: unknown, over: unknown): unknown {
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k in base ? deepMerge(base[k], v) : v;
    return out;
  }
  return over === undefined ? base : over;
}

/** JSON with object keys sorted at every level: the same policy always gives the same text. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export function policyHash(policy: CouncilPolicy): string {
  return createHash('sha256').update(canonicalJson(policy)).digest('hex');
}

const rank = (t: ApproverTier) => APPROVER_ORDER.indexOf(t);

function semanticIssues(p: CouncilPolicy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const idx = statutoryIndex(getRuleSet());
  const invalid = (path: string, message: string) => issues.push({ path, code: 'INVALID', message });
  const weakens = (path: string, message: string) => issues.push({ path, code: 'WEAKENS_LAW', message });

  const { aMaxWeeklyPence: a, bMaxWeeklyPence: b, cMaxWeeklyPence: c } = p.costBands;
  if (!(a < b && b < c)) invalid('costBands', `band limits must rise: A (${a}) < B (${b}) < C (${c}) pence a week`);

  const r = p.bandRoutes;
  const chain: [string, ApproverTier][] = [
    ['A_EXTERNAL', r.A_EXTERNAL.approver],
    ['B', r.B.approver],
    ['C', r.C.approver],
    ['D', r.D.approver],
  ];
  for (let i = 1; i < chain.length; i++) {
    const [pn, pt] = chain[i - 1]!;
    const [n, t] = chain[i]!;
    if (rank(t) < rank(pt)) {
      invalid(
        `bandRoutes.${n}.approver`,
        `band ${n} approver ${t} is below band ${pn}'s ${pt}: a higher cost must never lower the approver`,
      );
    }
  }
  if (rank(r.B.approver) < rank(r.A_IN_HOUSE.approver)) {
    invalid(
      'bandRoutes.B.approver',
      `band B approver ${r.B.approver} is below band A in-house's ${r.A_IN_HOUSE.approver}: a higher cost must never lower the approver`,
    );
  }

  const senior = rank('HOS');
  if (rank(p.nominatedOfficer) < senior) {
    weakens(
      'nominatedOfficer',
      `the nominated officer must be a senior officer nominated by the Director (CPPCR reg 2): head of service or above, not ${p.nominatedOfficer}`,
    );
  }
  if (rank(p.placementWithParentsApprover) < senior) {
    weakens(
      'placementWithParentsApprover',
      `placement with parents needs the nominated officer (CPPCR reg 17): head of service or above, not ${p.placementWithParentsApprover}`,
    );
  }

  const panels = PanelType.options;
  const prec = p.panelPrecedence;
  if (prec.length !== panels.length || new Set(prec).size !== prec.length || !panels.every((x) => prec.includes(x))) {
    invalid('panelPrecedence', `must list each panel exactly once: ${panels.join(', ')}`);
  }

  p.disabledRules.forEach((id, i) => {
    if (idx.ruleIds.has(id)) weakens(`disabledRules.${i}`, `"${id}" is a statutory rule and cannot be switched off`);
    else if (!idx.localRuleIds.has(id)) invalid(`disabledRules.${i}`, `no local rule "${id}"`);
    else if (idx.requiredLocalRuleIds.has(id)) {
      invalid(
        `disabledRules.${i}`,
        `"${id}" cannot be switched off (cost bands and the minimum approver keep the approver rising with cost); change its settings instead`,
      );
    }
  });

  const statRules = getRuleSet().statutory.rules;
  for (const [id, tier] of Object.entries(p.statutoryApproverOverrides)) {
    const rule = statRules.find((x) => x.name === id);
    if (!rule) {
      invalid(`statutoryApproverOverrides.${id}`, `no statutory rule "${id}"`);
      continue;
    }
    if ((rule.event.params.blocks ?? []).length > 0) {
      invalid(
        `statutoryApproverOverrides.${id}`,
        `"${id}" is a statutory block: the law bars the request whoever approves it, so no approver can be set for it`,
      );
      continue;
    }
    const lawApprover = rule.event.params.approver as unknown;
    let law: ApproverTier | undefined;
    if (typeof lawApprover === 'string') law = lawApprover as ApproverTier;
    else if (isPlainObject(lawApprover) && typeof lawApprover.param === 'string') {
      law = (p as unknown as Record<string, ApproverTier>)[lawApprover.param];
    }
    if (law && rank(tier) < rank(law)) {
      weakens(`statutoryApproverOverrides.${id}`, `"${id}" requires at least ${law}; ${tier} would lower it`);
    }
  }

  for (const [id, value] of Object.entries(p.tightenedDeadlines)) {
    const law = idx.deadlines.get(id);
    if (!law) {
      invalid(
        `tightenedDeadlines.${id}`,
        idx.fixedDeadlineIds.has(id)
          ? `"${id}" is set by statute or the court and cannot be changed by a council`
          : idx.allDeadlineIds.has(id)
            ? `"${id}" is not a statutory deadline with a set length (local deadlines have their own settings)`
            : `no deadline "${id}"`,
      );
      continue;
    }
    if (value > law.value) {
      weakens(
        `tightenedDeadlines.${id}`,
        `the law allows at most ${law.value} ${law.unit} for "${id}" (${law.ruleId}); ${value} would extend it`,
      );
    }
  }

  for (const id of Object.keys(p.escalations)) {
    if (!idx.allDeadlineIds.has(id)) invalid(`escalations.${id}`, `no deadline "${id}"`);
  }

  if (p.officeHours.start >= p.officeHours.end) invalid('officeHours', 'start must be before end');
  return issues;
}

/**
 * Validates a council policy (a partial policy is laid over the defaults) and returns the full
 * policy. Throws PolicyValidationError listing every reason when it is malformed or would weaken
 * the law.
 */
export function validatePolicy(input: unknown): CouncilPolicy {
  if (!isPlainObject(input)) {
    throw new PolicyValidationError([{ path: '', code: 'INVALID', message: 'a policy must be a JSON object' }]);
  }
  const merged = deepMerge(DEFAULT_POLICY_DATA, input);
  const parsed = CouncilPolicySchema.safeParse(merged);
  if (!parsed.success) {
    throw new PolicyValidationError(
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: 'INVALID' as const, message: i.message })),
    );
  }
  const issues = semanticIssues(parsed.data);
  if (issues.length) throw new PolicyValidationError(issues);
  return deepFreeze(parsed.data);
}

export const DEFAULT_POLICY: CouncilPolicy = validatePolicy(DEFAULT_POLICY_DATA);
