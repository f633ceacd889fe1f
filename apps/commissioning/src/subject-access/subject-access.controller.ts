import { subjectAccessController } from '@placewise/platform';
import { SubjectAccessRepository } from './subject-access.repository.js';

/** Everything commissioning holds about one child: searches with their referrals to providers and offers, placements with their price changes. */
export const SubjectAccessController = subjectAccessController({
  service: 'Commissioning',
  repository: SubjectAccessRepository,
  held: async (repo, localAuthority, childId) => {
    const h = await repo.held(localAuthority, childId);
    return [
      ['Searches for a placement, with the referrals sent to providers and their offers', h.searches],
      ['Placements, with their price changes', h.placements],
    ];
  },
});
