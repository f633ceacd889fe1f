import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ApiQueryFrom,
  CurrentUser,
  Roles,
  SubjectAccessPart,
  UuidParam,
  ZodPipe,
  openApi,
  subjectAccessPart,
  type Principal,
} from '@placewise/platform';
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

@ApiTags('subject access')
@ApiBearerAuth()
@Controller('subject-access')
export class SubjectAccessController {
  constructor(private readonly repo: SubjectAccessRepository) {}

  /** What notifications holds about one child: each notification (and email) that linked to the child or one of their requests. */
  @Get('children/:id')
  @Roles('auditor')
  @ApiQueryFrom(HeldQuery)
  @ApiOkResponse({ schema: openApi(SubjectAccessPart) })
  async child(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Query(new ZodPipe(HeldQuery)) q: z.infer<typeof HeldQuery>,
  ): Promise<SubjectAccessPart> {
    const h = await this.repo.held(user.localAuthority, id, q.requests);
    return subjectAccessPart('Notifications', [
      ['Notifications and emails about the child', h.notifications],
      ['Who was told of each request', h.routes],
    ]);
  }
}
