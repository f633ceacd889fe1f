import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import {
  DEFAULT_POLICY,
  PolicyValidationError,
  canonicalJson,
  evaluate,
  policyHash,
  validatePolicy,
  whatIf,
  type CouncilPolicy,
  type RequestFacts,
  type RulesOutcome,
} from '@placewise/rules';
import { PolicyRepository } from './policy.repository.js';

const DEFAULT_HASH = policyHash(DEFAULT_POLICY);

/** A council policy that fails validation: 400 with each setting at fault and why. */
function policyRefused(e: PolicyValidationError): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    message: e.weakensLaw ? 'the policy would weaken the law and is refused' : 'the policy is not valid',
    errors: e.issues.map((i) => ({ field: i.path ? `policy.${i.path}` : 'policy', reason: i.message, code: i.code })),
  });
}

/**
 * Gathers the council's policy and hands facts to the rules package; the rules decide. Policies are
 * kept as versions so an outcome can be re-evaluated under the policy it was made with.
 */
@Injectable()
export class RulesService {
  constructor(private readonly policies: PolicyRepository) {}

  async policyFor(localAuthority: string): Promise<{ policy: CouncilPolicy; hash: string }> {
    const row = await this.policies.current(localAuthority);
    return row ? { policy: validatePolicy(row.policy), hash: row.hash } : { policy: DEFAULT_POLICY, hash: DEFAULT_HASH };
  }

  async evaluate(localAuthority: string, facts: RequestFacts): Promise<RulesOutcome> {
    return evaluate(facts, (await this.policyFor(localAuthority)).policy);
  }

  async getPolicy(user: Principal) {
    const { policy, hash } = await this.policyFor(user.localAuthority);
    return { hash, isDefault: hash === DEFAULT_HASH, policy, history: await this.policies.history(user.localAuthority) };
  }

  /** Validates and stores a new policy (a partial policy is laid over the defaults). */
  async setPolicy(user: Principal, input: unknown) {
    let policy: CouncilPolicy;
    try {
      policy = validatePolicy(input);
    } catch (e) {
      if (e instanceof PolicyValidationError) throw policyRefused(e);
      throw e;
    }
    const hash = policyHash(policy);
    await this.policies.append(user.localAuthority, JSON.parse(canonicalJson(policy)), hash, user.sub);
    return { hash, policy };
  }

  /** Open requests and active placements whose routing would change under a proposed policy. */
  async whatIf(user: Principal, proposedInput: unknown, requests: { id: string; facts: RequestFacts }[]) {
    let proposed: CouncilPolicy;
    try {
      proposed = validatePolicy(proposedInput);
    } catch (e) {
      if (e instanceof PolicyValidationError) throw policyRefused(e);
      throw e;
    }
    const current = await this.policyFor(user.localAuthority);
    const changes = await whatIf(requests, current.policy, proposed);
    return { currentHash: current.hash, proposedHash: policyHash(proposed), evaluated: requests.length, changed: changes.length, changes };
  }

  /** Evaluates stored facts again with the rule-set version and the policy the outcome names. */
  async reEvaluate(localAuthority: string, stored: { facts: RequestFacts; ruleSetVersion: string; policyHash: string; outcome: object }) {
    let policy: CouncilPolicy = DEFAULT_POLICY;
    if (stored.policyHash !== DEFAULT_HASH) {
      const row = await this.policies.byHash(localAuthority, stored.policyHash);
      if (!row) throw new NotFoundException(`the policy ${stored.policyHash} this outcome was made under is not on record`);
      policy = validatePolicy(row.policy);
    }
    const outcome = await evaluate(stored.facts, policy, { ruleSetVersion: stored.ruleSetVersion });
    return {
      identical: canonicalJson(outcome) === canonicalJson(stored.outcome),
      ruleSetVersion: stored.ruleSetVersion,
      policyHash: stored.policyHash,
      outcome,
    };
  }
}
