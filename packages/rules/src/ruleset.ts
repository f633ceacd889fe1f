import type { RuleProperties, TopLevelCondition } from 'json-rules-engine';
import { APPROVER_ORDER, type ApproverTier, type DeadlinePurpose, type PanelType } from '@placewise/contracts';
import statutory202611 from './rulesets/2026.11.0/statutory.json' with { type: 'json' };
import local202611 from './rulesets/2026.11.0/local.json' with { type: 'json' };
import statutory202612 from './rulesets/2026.12.0/statutory.json' with { type: 'json' };
import local202612 from './rulesets/2026.12.0/local.json' with { type: 'json' };
import type { CouncilPolicy } from './policy.js';
import type { EntryRoute, EscalationRecipient, RuleLayer, SpecialApprover } from './types.js';
import { getPath, render } from './text.js';

/**
 * The version of the rule sets (statutory + local) and the calendar they use. Every version that
 * an outcome may name is kept, so a stored outcome re-evaluates identically under its own version.
 */
export const RULE_SET_VERSION = '2026.12.1';

export type DeadlineAnchor =
  'submittedAt' | 'placementStart' | 'protectionStart' | 'proceedingsIssued' | 'ntsReferral' | 'iroAlert' | 'tempApprovalStart';
export const DEADLINE_UNITS = ['workingDays', 'days', 'weeks', 'months', 'hours'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

type Amounts = Partial<Record<DeadlineUnit, number>>;

/** A deadline as written in a rule set (after binding: every amount is a number). */
export interface DeadlineSpec extends Amounts {
  id: string;
  /** What the deadline is for (a decision, a ratification, a visit, a review, ...). */
  purpose: DeadlinePurpose;
  /** An anchor, or the id of an earlier deadline in the same outcome. */
  from: DeadlineAnchor | string;
  /** Hours taken from a fact at run time (e.g. the hours of secure accommodation left). */
  hoursFromFact?: string;
  /** Days/weeks/months from the exact instant rather than to the end of the day. */
  exact?: boolean;
  /**
   * A period of N days or weeks "beginning with" the anchor's day: the anchor's day is day 1, so it
   * ends at the end of the day before the same weekday N weeks later; a warning of W weeks falls at
   * the start of week W (and W days, on day W).
   */
  beginningWith?: boolean;
  /** Set by statute or the court (orders, proceedings): a council policy cannot change it. */
  fixed?: boolean;
  regulation?: string;
  text: string;
  warn?: Amounts;
  notify: EscalationRecipient[];
  warnNotify?: EscalationRecipient[];
}

/** What a rule requires when it fires (json-rules-engine event params). */
export interface Requirement {
  reason: string;
  approver?: ApproverTier;
  approverUpliftFromBand?: number;
  panel?: PanelType | null;
  costBand?: string;
  entryRoute?: EntryRoute;
  specialApprovers?: { role: SpecialApprover; text: string }[];
  gates?: { id: string; text: string; regulation?: string }[];
  blocks?: { id: string; regulation: string; text: string }[];
  warnings?: { id: string; text: string }[];
  deadlines?: DeadlineSpec[];
}

export interface RuleDef {
  name: string;
  priority?: number;
  /** A local rule the policy may re-parameterise but not switch off (cost bands, the minimum approver). */
  required?: boolean;
  enabledWhen?: { param: string; equals: unknown };
  conditions: TopLevelCondition;
  event: { type: string; params: Requirement };
}

export interface RuleFile {
  layer: RuleLayer;
  description: string;
  conditions: Record<string, TopLevelCondition>;
  rules: RuleDef[];
}

export interface RuleSetDefinition {
  version: string;
  /**
   * How the outcome's summary is worded. 1 (2026.11.0): as first released. 2: the summary never
   * contradicts the outcome (no "alone" next to a higher approver or a block). 3 (2026.12.1, the same
   * rules): every text a person reads is in words: tiers without their codes, and the summary says
   * how many of the reasons ask for the approver instead of listing the rules' ids (which stay in
   * each reason's `ruleId` and the outcome's `firedRules`).
   */
  summaryRevision: 1 | 2 | 3;
  statutory: RuleFile;
  local: RuleFile;
}

export const RULE_SETS: Readonly<Record<string, RuleSetDefinition>> = deepFreeze({
  '2026.11.0': {
    version: '2026.11.0',
    summaryRevision: 1,
    statutory: statutory202611 as unknown as RuleFile,
    local: local202611 as unknown as RuleFile,
  },
  '2026.12.0': {
    version: '2026.12.0',
    summaryRevision: 2,
    statutory: statutory202612 as unknown as RuleFile,
    local: local202612 as unknown as RuleFile,
  },
  '2026.12.1': {
    version: '2026.12.1',
    summaryRevision: 3,
    statutory: statutory202612 as unknown as RuleFile,
    local: local202612 as unknown as RuleFile,
  },
});

export function getRuleSet(version: string = RULE_SET_VERSION): RuleSetDefinition {
  const rs = RULE_SETS[version];
  if (!rs) throw new Error(`unknown rule set version "${version}" (known: ${Object.keys(RULE_SETS).join(', ')})`);
  return rs;
}

/**
 * What a deadline is for, by its id, from the rule sets that contain it (every version kept): for
 * outcomes made before deadlines carried their purpose. Undefined for an id no rule set has.
 */
export function deadlinePurposeOf(id: string, version?: string): DeadlinePurpose | undefined {
  const sets = version && RULE_SETS[version] ? [RULE_SETS[version]] : Object.values(RULE_SETS);
  for (const rs of sets)
    for (const file of [rs.statutory, rs.local])
      for (const r of file.rules) for (const d of r.event.params.deadlines ?? []) if (d.id === id) return d.purpose;
  return undefined;
}

export interface BoundRule {
  name: string;
  layer: RuleLayer;
  index: number;
  params: Requirement;
}

export interface BoundRuleSet {
  version: string;
  /** json-rules-engine rule properties, parameters filled in, frozen. */
  rules: RuleProperties[];
  conditions: Record<string, TopLevelCondition>;
  /** By rule name. */
  byName: ReadonlyMap<string, BoundRule>;
}

function isParamRef(v: unknown): v is { param: string } {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    Object.keys(v).length === 1 &&
    typeof (v as { param?: unknown }).param === 'string'
  );
}

/** Replaces {"param": path} with the policy's value and renders {{policy.*}} placeholders. */
function bindValue(v: unknown, policy: CouncilPolicy, where: string, plain: boolean): unknown {
  if (isParamRef(v)) {
    const value = getPath(policy, v.param);
    if (value === undefined) throw new Error(`${where}: policy has no parameter "${v.param}"`);
    return structuredClone(value);
  }
  if (typeof v === 'string') return render(v, 'policy', policy, plain);
  if (Array.isArray(v)) return v.map((x) => bindValue(x, policy, where, plain));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = bindValue(x, policy, where, plain);
    return out;
  }
  return v;
}

export function maxTier(a: ApproverTier, b: ApproverTier): ApproverTier {
  return APPROVER_ORDER.indexOf(a) >= APPROVER_ORDER.indexOf(b) ? a : b;
}

export function upTier(t: ApproverTier, steps: number): ApproverTier {
  const i = Math.min(APPROVER_ORDER.length - 1, APPROVER_ORDER.indexOf(t) + Math.max(0, steps));
  return APPROVER_ORDER[i]!;
}

export function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** Binds a rule set to a (validated) council policy. Pure; the result is frozen. */
export function bindRuleSet(def: RuleSetDefinition, policy: CouncilPolicy): BoundRuleSet {
  const rules: RuleProperties[] = [];
  const byName = new Map<string, BoundRule>();
  const conditions: Record<string, TopLevelCondition> = {};
  const plain = def.summaryRevision >= 3;
  let index = 0;
  for (const file of [def.statutory, def.local]) {
    for (const [name, cond] of Object.entries(file.conditions)) {
      conditions[name] = bindValue(cond, policy, `condition ${name}`, plain) as TopLevelCondition;
    }
    for (const rule of file.rules) {
      const i = index++;
      if (file.layer === 'local') {
        if (policy.disabledRules.includes(rule.name)) continue;
        if (rule.enabledWhen && getPath(policy, rule.enabledWhen.param) !== rule.enabledWhen.equals) continue;
      }
      const conds = bindValue(rule.conditions, policy, rule.name, plain) as TopLevelCondition;
      const params = bindValue(rule.event.params, policy, rule.name, plain) as Requirement;
      if (file.layer === 'statutory') {
        const floor = policy.statutoryApproverOverrides[rule.name];
        if (floor) params.approver = params.approver ? maxTier(params.approver, floor) : floor;
      }
      for (const d of params.deadlines ?? []) {
        if (file.layer === 'statutory') {
          const tightened = policy.tightenedDeadlines[d.id];
          if (tightened !== undefined) {
            const unit = DEADLINE_UNITS.find((u) => typeof d[u] === 'number');
            if (unit) d[unit] = Math.min(d[unit]!, tightened);
          }
        }
        const notify = policy.escalations[d.id];
        if (notify) d.notify = [...notify];
      }
      const bound: BoundRule = { name: rule.name, layer: file.layer, index: i, params };
      byName.set(rule.name, bound);
      rules.push({
        name: rule.name,
        priority: rule.priority ?? 1,
        conditions: conds,
        event: { type: rule.event.type, params: { ruleId: rule.name } },
      });
    }
  }
  return deepFreeze({ version: def.version, rules, conditions, byName });
}

/** Statutory rule and deadline facts used to refuse law-weakening policies. */
export function statutoryIndex(def: RuleSetDefinition = getRuleSet()): {
  ruleIds: Set<string>;
  localRuleIds: Set<string>;
  requiredLocalRuleIds: Set<string>;
  deadlines: Map<string, { unit: DeadlineUnit; value: number; ruleId: string }>;
  fixedDeadlineIds: Set<string>;
  allDeadlineIds: Set<string>;
} {
  const ruleIds = new Set(def.statutory.rules.map((r) => r.name));
  const localRuleIds = new Set(def.local.rules.map((r) => r.name));
  const requiredLocalRuleIds = new Set(def.local.rules.filter((r) => r.required).map((r) => r.name));
  const deadlines = new Map<string, { unit: DeadlineUnit; value: number; ruleId: string }>();
  const allDeadlineIds = new Set<string>();
  const fixedDeadlineIds = new Set<string>();
  for (const r of def.statutory.rules) {
    for (const d of r.event.params.deadlines ?? []) {
      allDeadlineIds.add(d.id);
      if (d.fixed) {
        fixedDeadlineIds.add(d.id);
        continue;
      }
      const unit = DEADLINE_UNITS.find((u) => typeof d[u] === 'number');
      if (!unit) continue;
      const prev = deadlines.get(d.id);
      // the same id in two rules (e.g. an EPO before and after extension): the shortest is the law's floor
      if (!prev || d[unit]! < prev.value) deadlines.set(d.id, { unit, value: d[unit]!, ruleId: r.name });
    }
  }
  for (const r of def.local.rules) for (const d of r.event.params.deadlines ?? []) allDeadlineIds.add(d.id);
  return { ruleIds, localRuleIds, requiredLocalRuleIds, deadlines, fixedDeadlineIds, allDeadlineIds };
}
