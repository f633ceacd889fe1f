import type { ApproverTier, PanelType } from '@placewise/contracts';
import { evaluate } from './evaluate.js';
import type { CouncilPolicy } from './policy.js';
import type { RequestFacts, RulesOutcome } from './types.js';

export interface RoutingSummary {
  approver: ApproverTier;
  panel: PanelType | null;
  costBand: string | null;
  blocked: boolean;
  gates: string[];
  blocks: string[];
}

export interface WhatIfChange {
  id: string;
  before: RoutingSummary;
  after: RoutingSummary;
  /** One sentence per difference. */
  changes: string[];
}

function summary(o: RulesOutcome): RoutingSummary {
  return {
    approver: o.approver,
    panel: o.panel,
    costBand: o.costBand,
    blocked: o.blocked,
    gates: o.gates.map((g) => g.id).sort(),
    blocks: o.blocks.map((b) => b.id).sort(),
  };
}

/**
 * What-if: evaluates each request under the current and the proposed policy and lists those whose
 * approver, panel, band, gates or blocks change. Pure: the caller gathers the open requests and
 * active placements.
 */
export async function whatIf(
  requests: readonly { id: string; facts: RequestFacts }[],
  current: CouncilPolicy,
  proposed: CouncilPolicy,
): Promise<WhatIfChange[]> {
  const out: WhatIfChange[] = [];
  for (const r of requests) {
    const before = summary(await evaluate(r.facts, current));
    const after = summary(await evaluate(r.facts, proposed));
    const changes: string[] = [];
    if (before.approver !== after.approver) changes.push(`approver ${before.approver} -> ${after.approver}`);
    if (before.panel !== after.panel) changes.push(`panel ${before.panel ?? 'none'} -> ${after.panel ?? 'none'}`);
    if (before.costBand !== after.costBand) changes.push(`cost band ${before.costBand ?? 'none'} -> ${after.costBand ?? 'none'}`);
    const added = after.gates.filter((g) => !before.gates.includes(g));
    const removed = before.gates.filter((g) => !after.gates.includes(g));
    if (added.length) changes.push(`gates added: ${added.join(', ')}`);
    if (removed.length) changes.push(`gates removed: ${removed.join(', ')}`);
    const bAdded = after.blocks.filter((g) => !before.blocks.includes(g));
    const bRemoved = before.blocks.filter((g) => !after.blocks.includes(g));
    if (bAdded.length) changes.push(`blocks added: ${bAdded.join(', ')}`);
    if (bRemoved.length) changes.push(`blocks removed: ${bRemoved.join(', ')}`);
    if (changes.length) out.push({ id: r.id, before, after, changes });
  }
  return out;
}
