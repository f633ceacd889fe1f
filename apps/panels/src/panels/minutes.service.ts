import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { markdownText as md, type Principal } from '@placewise/platform';
import { CasesRepository } from '../cases/cases.repository.js';
import { auditView } from '../cases/audit-view.js';
import { maySeePanel, maySeeSittingAudit } from './access.js';
import { londonParts } from './sitting-times.js';
import { SittingsService } from './sittings.service.js';
import { nameOf } from '../people/people.js';
import { PeopleRepository } from '../people/people.repository.js';
import { AGENDA_WORDS, caseWords, dayWords, pounds, ROLE_WORDS, VOTE_WORDS, words } from '../words.js';

/** A sitting's minutes, as a document and as Markdown a panel administrator can send. */
@Injectable()
export class MinutesService {
  constructor(
    private readonly sittings: SittingsService,
    private readonly cases: CasesRepository,
    private readonly people: PeopleRepository,
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
        summary: caseWords(a.papers.request),
        requestedWeeklyCostPence: a.papers.request.requestedWeeklyCostPence,
        retrospective: a.papers.request.retrospective,
        agendaStatus: a.agendaStatus,
        reasons: a.papers.reasons.map((r) => r.text),
        gates: a.papers.gates.map((g) => ({
          id: g.id,
          text: g.text,
          evidenced: g.evidenced,
          evidence: g.evidence?.text ?? null,
          recordedByName: g.evidence?.recordedByName ?? null,
        })),
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

  /**
   * The minutes as Markdown, in words: people by name, codes as words, money in pounds, days as dates.
   * Panels never has a child's name, so each case is headed "A child aged N" (the workspace puts the
   * name in for those allowed to see it).
   */
  render(m: Awaited<ReturnType<MinutesService['minutes']>>): string {
    const at = londonParts(new Date(m.sitting.startsAt));
    const out: string[] = [
      `# Minutes: ${md(m.sitting.panel)}`,
      '',
      `${m.sitting.kind === 'EXTRAORDINARY' ? 'Extraordinary sitting' : 'Sitting'} of ${dayWords(at.date)} at ${at.time} (London time)${m.sitting.reason ? `: ${md(m.sitting.reason)}` : ''}.`,
      '',
      '## Attendance',
      '',
      ...m.attendance.map(
        (a) =>
          `- ${md(a.name)} (${words(ROLE_WORDS, a.role)}${a.voting ? '' : ', advising'}${a.userId === m.chair && a.role !== 'CHAIR' ? ', chairing' : ''}): ${a.present === true ? 'present' : a.present === false ? 'apologies' : 'not recorded'}`,
      ),
      '',
      `Quorum: the chair and ${m.quorumRule.votingMembers} voting members${m.quorumRule.financeRequired ? ', including finance' : ''}.`,
    ];
    m.cases.forEach((c, i) => {
      out.push('', `## ${i + 1}. A child aged ${c.childAge}`, '', `${c.summary}.`);
      if (c.reasons.length) out.push('', 'Why it is here:', ...c.reasons.map((r) => `- ${r}`));
      if (c.gates.length)
        out.push(
          '',
          'Gates:',
          ...c.gates.map(
            (g) =>
              `- ${g.text}: ${g.evidenced ? `evidenced: ${md(g.evidence ?? '')}${g.recordedByName ? ` (recorded by ${md(g.recordedByName)})` : ''}` : 'not yet evidenced'}`,
          ),
        );
      for (const x of c.conflicts) out.push('', `${md(x.name)} declared a conflict of interest (${md(x.reason)}) and did not vote.`);
      out.push('', `Quorum for this case: ${c.quorum.met ? 'met' : `not met (${c.quorum.reasons.join('; ')})`}.`);
      if (c.votes.length) {
        out.push('', `Votes: ${c.tally.APPROVE} approve, ${c.tally.DECLINE} decline, ${c.tally.ABSTAIN} abstain.`);
        for (const v of c.votes) out.push(`- ${md(v.name)}: ${words(VOTE_WORDS, v.vote)}${v.comment ? `: "${md(v.comment)}"` : ''}`);
      }
      const d = c.decision;
      if (d) {
        out.push('', `**Decision: ${d.outcomeWords}.** ${md(d.reason)} (Recorded by ${md(d.decidedByName)}.)`);
        const cond = d.conditions;
        if (d.outcome === 'APPROVED_WITH_CONDITIONS' && cond) {
          if (cond.maxWeeklyCostPence !== undefined) out.push(`- maximum weekly cost ${pounds(cond.maxWeeklyCostPence)}`);
          if (cond.fundingEndDate) out.push(`- funding ends ${dayWords(cond.fundingEndDate)}`);
          if (cond.reviewDate) out.push(`- review by ${dayWords(cond.reviewDate)}`);
          for (const n of cond.notes ?? []) out.push(`- ${md(n)}`);
        }
        const info = d.informationRequested;
        if (info?.length) out.push('Information requested:', ...info.map((x) => `- ${md(x)}`));
      } else {
        out.push('', `No decision at this sitting (${words(AGENDA_WORDS, c.agendaStatus)}).`);
      }
    });
    return out.join('\n') + '\n';
  }

  async sittingAudit(user: Principal, sittingId: string) {
    const s = await this.sittings.sittingFor(this.cases.db, user.localAuthority, sittingId);
    if (!s || !maySeePanel(user, s.panel)) throw new NotFoundException(`no sitting ${sittingId}`);
    if (!maySeeSittingAudit(user, s.panel))
      throw new ForbiddenException(`the audit of a sitting is for its chair, the auditor and the assistant director or director`);
    const trail = await this.cases.auditTrail(user.localAuthority, { sittingId }, 1000);
    const name = nameOf(
      await this.people.names(
        user.localAuthority,
        trail.map((a) => a.actor),
      ),
    );
    return trail.map((a) => auditView(a, name));
  }
}
