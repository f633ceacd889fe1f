export { evaluate, deriveFacts, FactsValidationError, type EvaluateOptions } from './evaluate.js';
export {
  DEFAULT_POLICY,
  validatePolicy,
  policyHash,
  canonicalJson,
  CouncilPolicySchema,
  PolicyValidationError,
  type CouncilPolicy,
  type PolicyIssue,
} from './policy.js';
export {
  RULE_SET_VERSION,
  RULE_SETS,
  getRuleSet,
  deadlinePurposeOf,
  type RuleSetDefinition,
  type RuleFile,
  type Requirement,
  type DeadlineSpec,
} from './ruleset.js';
export * from './types.js';
export { whatIf, type WhatIfChange, type RoutingSummary } from './what-if.js';
export {
  DERIVED_FACTS,
  RECORD_FACTS,
  LEGACY_FACTS,
  RequestInputFactsSchema,
  type RequestInputFacts,
  requestInputFactKeys,
  derivedFactKeys,
  recordFactKeys,
  legacyFactKeys,
  ageOn,
  schoolYearOn,
  startDayOf,
  childFactsOn,
  factsFromRequest,
  factsFromRecord,
  lookedAfterWorkingDays,
  type LookedAfterRecord,
} from './facts.js';
