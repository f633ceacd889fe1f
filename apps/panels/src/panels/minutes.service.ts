import { Injectable, NotFoundException } from '@nestjs/common';
import { markdownText as md, type Principal } from '@placewise/platform';
import { CasesRepository } from '../cases/cases.repository.js';
import { auditView } from '../cases/audit-view.js';
import { londonParts } from './sitting-times.js';
import { SittingsService } from './sittings.service.js';

const pounds = (p: number) => `£${(p / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A sitting's minutes, as a document and as Markdown a panel administrator can send. */
@Injectable()
export class MinutesService {
  constructor(
    private readonly sittings: SittingsService,
    private readonly cases: CasesRepository,
  ) {}

  async minutes(user: Principal, sittingId: string) {
    const d = await this.sittings.sittingDetail(user, sittingId);
    return {
      sitting: {
        id: d.id,
        panel: d.panel.name,
        panelType: d.panel.type,
        kind: d.kind,
        startsAt: d.startsAt,
        reason: d.reason,
        status: d.status,
      },
      attendance: d.attendance.map((m) => ({ userId: m.userId, name: m.name, role: m.role, voting: m.voting, present: m.present })),
      chair: d.panel.chairUserId,
      quorumRule: d.panel.quorum,
      cases: d.agenda.map((a) => ({
        caseId: a.papers.caseId,
        requestId: a.papers.requestId,
        childId: a.papers.request.childId,
        childAge: a.papers.request.childAge,
        summary: `${a.papers.request.kind} ${a.papers.request.placementType} (${a.papers.request.provision}, ${a.papers.request.location}) at ${a.papers.request.requestedWeeklyCostPence}p a week`,
        requestedWeeklyCostPence: a.papers.request.requestedWeeklyCostPence,
        retrospective: a.papers.request.retrospective,
        agendaStatus: a.agendaStatus,
        reasons: a.papers.reasons.map((r) => r.text),
        gates: a.papers.gates.map((g) => ({ id: g.id, text: g.text, evidenced: g.evidenced, evidence: g.evidence?.text ?? null })),
        quorum: {
          met: a.quorum.met,
          reasons: a.quorum.reasons,
          votingPresent: a.quorum.votingPresent,
          votingRequired: a.quorum.votingRequired,
          financePresent: a.quorum.financePresent,
        },
        conflicts: a.conflicts,
        votes: a.votes,
        tally: a.tally,
        decision: a.decision,
      })),
    };
  }

  render(m: Awaited<ReturnType<MinutesService['minutes']>>): string {
    const at = londonParts(new Date(m.sitting.startsAt));
    const out: string[] = [
      `# Minutes: ${md(m.sitting.panel)}`,
      '',
      `${m.sitting.kind === 'EXTRAORDINARY' ? 'Extraordinary sitting' : 'Sitting'} of ${at.date} at ${at.time} (Europe/London)${m.sitting.reason ? `: ${md(m.sitting.reason)}` : ''}.`,
      '',
      '## Attendance',
      '',
      ...m.attendance.map(
        (a) =>
          `- ${md(a.name)} (${a.role.toLowerCase().replaceAll('_', ' ')}${a.voting ? '' : ', advising'}${a.userId === m.chair && a.role !== 'CHAIR' ? ', chairing' : ''}): ${a.present === true ? 'present' : a.present === false ? 'apologies' : 'not recorded'}`,
      ),
      '',
      `Quorum: the chair and ${m.quorumRule.votingMembers} voting members${m.quorumRule.financeRequired ? ', including finance' : ''}.`,
    ];
    m.cases.forEach((c, i) => {
      out.push(
        '',
        `## ${i + 1}. Case ${c.caseId}`,
        '',
        `Child ${c.childId}, aged ${c.childAge}. ${c.summary.replace(/ at \d+p a week$/, '')} at ${pounds(c.requestedWeeklyCostPence)} a week${c.retrospective ? ', for retrospective approval' : ''}.`,
      );
      if (c.reasons.length) out.push('', 'Why it is here:', ...c.reasons.map((r) => `- ${r}`));
      if (c.gates.length)
        out.push(
          '',
          'Gates:',
          ...c.gates.map((g) => `- ${g.text} (${g.id}): ${g.evidenced ? `evidenced: ${md(g.evidence ?? '')}` : 'NOT evidenced'}`),
        );
      for (const x of c.conflicts) out.push('', `${md(x.name)} declared a conflict of interest (${md(x.reason)}) and did not vote.`);
      out.push('', `Quorum for this case: ${c.quorum.met ? 'met' : `not met (${c.quorum.reasons.join('; ')})`}.`);
      if (c.votes.length) {
        out.push('', `Votes: ${c.tally.APPROVE} approve, ${c.tally.DECLINE} decline, ${c.tally.ABSTAIN} abstain.`);
        for (const v of c.votes) out.push(`- ${md(v.name)}: ${v.vote.toLowerCase()}${v.comment ? `: "${md(v.comment)}"` : ''}`);
      }
      const d = c.decision;
      if (d) {
        out.push('', `**Decision: ${d.outcome.replaceAll('_', ' ').toLowerCase()}.** ${md(d.reason)}`);
        const cond = d.conditions;
        if (d.outcome === 'APPROVED_WITH_CONDITIONS') {
          if (cond.maxWeeklyCostPence !== undefined) out.push(`- maximum weekly cost ${pounds(cond.maxWeeklyCostPence)}`);
          if (cond.fundingEndDate) out.push(`- funding ends ${cond.fundingEndDate}`);
          if (cond.reviewDate) out.push(`- review by ${cond.reviewDate}`);
          for (const n of cond.notes ?? []) out.push(`- ${md(n)}`);
        }
        const info = d.informationRequested;
        if (info?.length) out.push('Information requested:', ...info.map((x) => `- ${md(x)}`));
      } else {
        out.push('', `No decision at this sitting (${c.agendaStatus.toLowerCase().replaceAll('_', ' ')}).`);
      }
    });
    return out.join('\n') + '\n';
  }

  async sittingAudit(user: Principal, sittingId: string) {
    const s = await this.sittings.sittingFor(this.cases.db, user.localAuthority, sittingId);
    if (!s) throw new NotFoundException(`no sitting ${sittingId}`);
    return (await this.cases.auditTrail(user.localAuthority, { sittingId }, 1000)).map(auditView);
  }
}
