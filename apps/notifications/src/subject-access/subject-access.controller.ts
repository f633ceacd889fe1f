import { subjectAccessController } from '@placewise/platform';
import { z } from 'zod';
import { SubjectAccessRepository } from './subject-access.repository.js';

const HeldQuery = z
  .object({
    /** The child's requests (from referrals' part), comma-separated: notifications link to them. */
    requests: z
      .string()
      .max(37 * 500)
      .optional()
      .transform((s, ctx) => {
        const ids = (s ?? '').split(',').filter(Boolean);
        if (ids.some((id) => !z.uuid().safeParse(id).success))
          ctx.addIssue({ code: 'custom', message: 'must be request ids, comma-separated' });
        return ids;
      }),
  })
  .strict();

/** What notifications holds about one child: each notification (and email) that linked to the child or one of their requests. */
export const SubjectAccessController = subjectAccessController({
  service: 'Notifications',
  repository: SubjectAccessRepository,
  query: HeldQuery,
  held: async (repo, localAuthority, childId, q) => {
    const h = await repo.held(localAuthority, childId, q.requests);
    return [
      ['Notifications and emails about the child', h.notifications],
      ['Who was told of each request', h.routes],
    ];
  },
});
