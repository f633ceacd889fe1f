import { Injectable } from '@nestjs/common';
import { DEFAULT_POLICY, evaluate, type RequestFacts, type RulesOutcome } from '@placewise/rules';

/** Gathers nothing and decides nothing itself: hands facts to the rules package and returns its outcome. */
@Injectable()
export class RulesService {
  evaluate(facts: RequestFacts): Promise<RulesOutcome> {
    // Per-council policy comes with the rules issue; until then every council uses the defaults.
    return evaluate(facts, DEFAULT_POLICY);
  }
}
