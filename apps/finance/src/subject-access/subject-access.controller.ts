import { subjectAccessController } from '@placewise/platform';
import { SubjectAccessRepository } from './subject-access.repository.js';

/** Everything finance holds about one child: placements with commitments, prices and contributions, cost avoidance, decisions, payments. */
export const SubjectAccessController = subjectAccessController({
  service: 'Finance',
  repository: SubjectAccessRepository,
  held: async (repo, localAuthority, childId) => {
    const h = await repo.held(localAuthority, childId);
    return [
      ['Placements, with their commitments, prices and contributions', h.placements],
      ['Cost avoidance', h.avoidance],
      ['Decisions on the requests', h.decisions],
      ['Payment schedules', h.schedules],
      ['Invoices, with what they were matched to', h.invoices],
    ];
  },
});
