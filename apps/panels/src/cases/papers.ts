import type { NameOf } from '../people/people.js';
import type { StoredCase } from './stored-case.js';

type Gate = { id: string; ruleId: string; text: string };

/** A case's papers: the request's facts, the rules' reasons, the gates with their evidence, the deadlines. */
export function papers(c: StoredCase, evidence: { gateId: string; evidence: string; recordedBy: string; at: Date }[], name: NameOf) {
  const o = c.outcome;
  return {
    caseId: c.id,
    requestId: c.requestId,
    status: c.status,
    request: {
      childId: c.childId,
      childAge: c.childAge,
      kind: c.kind,
      legalStatus: c.legalStatus,
      placementType: c.placementType,
      provision: c.provision,
      location: c.location,
      urgency: c.urgency,
      requestedWeeklyCostPence: c.requestedWeeklyCostPence,
      retrospective: c.retrospective,
      reapproval: c.reapproval ?? null,
    },
    approver: c.approver,
    panel: c.panel,
    costBand: c.costBand,
    ruleSetVersion: o.ruleSetVersion,
    reasons: o.reasons,
    gates: gateStatus(o.gates, evidence, name),
    deadlines: o.deadlines,
    decisionDue: c.decisionDue?.toISOString() ?? null,
    awaitingInformation: c.awaitingInformation,
    informationRequested: c.informationRequested ?? null,
  };
}

export function gateStatus(
  gates: Gate[],
  evidence: { gateId: string; evidence: string; recordedBy: string; at: Date }[],
  name: NameOf = (id) => id ?? '',
) {
  return gates.map((g) => {
    const e = evidence.filter((x) => x.gateId === g.id).at(-1);
    return {
      ...g,
      evidenced: !!e,
      evidence: e ? { text: e.evidence, recordedBy: e.recordedBy, recordedByName: name(e.recordedBy), at: e.at.toISOString() } : null,
    };
  });
}
