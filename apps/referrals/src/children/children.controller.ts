import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ChildViewSchema } from './children.views.js';
import { childrenListed, ReadsPersonalData } from '../access-log/access-log.js';
import { ApiQueryFrom, CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { CreateChild } from './children.dto.js';
import { ChildrenService } from './children.service.js';

export const Paging = z.object({
  take: z.coerce.number().int().min(1).max(200).default(50),
  skip: z.coerce.number().int().min(0).default(0),
});

/** Children's personal data: only the people who work with the child see it. */
const CAN_SEE_CHILDREN = [
  'social-worker',
  'panel-member',
  'panel-chair',
  'approver:TM',
  'approver:SM',
  'approver:HOS',
  'approver:AD',
  'approver:DCS',
  'auditor',
] as const;

@ApiTags('children')
@ApiBearerAuth()
@Controller('children')
export class ChildrenController {
  constructor(private readonly children: ChildrenService) {}

  @Post()
  @Roles('social-worker')
  @ApiBody({ schema: openApi(CreateChild) })
  @ApiCreatedResponse({ schema: openApi(ChildViewSchema) })
  create(@CurrentUser() user: Principal, @Body(new ZodPipe(CreateChild)) body: z.infer<typeof CreateChild>) {
    return this.children.create(user, body);
  }

  @Get()
  @Roles(...CAN_SEE_CHILDREN)
  @ReadsPersonalData('CHILDREN_LIST', childrenListed)
  @ApiOkResponse({ schema: openApi(z.array(ChildViewSchema)) })
  @ApiQueryFrom(Paging)
  list(@CurrentUser() user: Principal, @Query(new ZodPipe(Paging)) page: z.infer<typeof Paging>) {
    return this.children.list(user, page.take, page.skip);
  }

  @Get(':id')
  @Roles(...CAN_SEE_CHILDREN)
  @ReadsPersonalData('CHILD')
  @ApiOkResponse({ schema: openApi(ChildViewSchema) })
  get(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.children.get(user, id);
  }
}
