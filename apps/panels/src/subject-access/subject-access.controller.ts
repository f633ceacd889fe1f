import { subjectAccessController } from '@placewise/platform';
import { SubjectAccessRepository } from './subject-access.repository.js';

/** Everything panels holds about one child: cases, decisions, agenda items, votes, evidence, escalations, audit, statutory clocks. */
export const SubjectAccessController = subjectAccessController({
  service: 'Panels',
  repository: SubjectAccessRepository,
  held: async (repo, localAuthority, childId) => {
    const h = await repo.held(localAuthority, childId);
    return [
      ['Cases heard or decided', h.cases],
      ['Places on a sitting’s agenda', h.agenda],
      ['Conflicts of interest declared', h.conflicts],
      ['Votes', h.votes],
      ['Evidence for the gates', h.evidence],
      ['Escalations', h.escalations],
      ['Audit trail', h.audit],
      ['Statutory clocks', h.clocks],
    ];
  },
});
