import { Controller, Get, Inject, Param, Query, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiQueryFrom, openApi, UuidParam, ZodPipe } from './zod.js';

/**
 * What one service holds about one child, for a subject access request: each kind of record with its rows
 * as plain JSON (days and instants as ISO text, large numbers as text, file contents left out: the file is
 * named, not copied). The workspace puts the five services' parts together into one document.
 */
export const SubjectAccessPart = z.object({
  service: z.string().describe('the service, in words'),
  generatedAt: z.string(),
  records: z.array(
    z.object({
      kind: z.string().describe('the kind of record, in words'),
      rows: z.array(z.record(z.string(), z.unknown())),
    }),
  ),
});
export type SubjectAccessPart = z.infer<typeof SubjectAccessPart>;

/** A database row (with nested relations) as plain JSON for a subject access document. */
export function plainRecord(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return `(a file of ${value.byteLength} bytes, not copied here)`;
  if (Array.isArray(value)) return value.map(plainRecord);
  if (typeof value === 'object') {
    // Prisma's Decimal prints as its value.
    if ('toFixed' in value && typeof (value as { toFixed: unknown }).toFixed === 'function') return String(value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainRecord(v)]));
  }
  return value;
}

/** One service's part: the kinds in the order given, each with its rows made plain. */
export function subjectAccessPart(service: string, records: HeldRecords): SubjectAccessPart {
  return {
    service,
    generatedAt: new Date().toISOString(),
    records: records.map(([kind, rows]) => ({ kind, rows: rows.map((r) => plainRecord(r) as Record<string, unknown>) })),
  };
}

/** What one service holds about a child, as subjectAccessPart takes it: each kind of record, in words, with its rows. */
export type HeldRecords = [kind: string, rows: readonly object[]][];

/**
 * One service's subject access controller: `GET /subject-access/children/:id` (the child's id, a UUID, else
 * a 400), auditors only, answering the service's SubjectAccessPart (so documented in OpenAPI). The service
 * gives its name in words, its repository and what it holds; a query it needs (a zod object) is validated and
 * documented too. Register the class it returns as the service's controller and the repository as a provider.
 */
export function subjectAccessController<R, Q extends z.ZodObject | undefined = undefined>(def: {
  service: string;
  repository: Type<R>;
  query?: Q;
  held: (repo: R, localAuthority: string, childId: string, query: Q extends z.ZodObject ? z.output<Q> : undefined) => Promise<HeldRecords>;
}): Type<unknown> {
  @ApiTags('subject access')
  @ApiBearerAuth()
  @Controller('subject-access')
  class SubjectAccessController {
    constructor(@Inject(def.repository) private readonly repo: R) {}

    @Get('children/:id')
    @Roles('auditor')
    @ApiOkResponse({ schema: openApi(SubjectAccessPart) })
    async child(
      @CurrentUser() user: Principal,
      @Param('id', UuidParam) id: string,
      query?: Q extends z.ZodObject ? z.output<Q> : undefined,
    ): Promise<SubjectAccessPart> {
      return subjectAccessPart(def.service, await def.held(this.repo, user.localAuthority, id, query as never));
    }
  }
  if (def.query) {
    const proto = SubjectAccessController.prototype;
    Query(new ZodPipe(def.query))(proto, 'child', 2);
    ApiQueryFrom(def.query)(proto, 'child', Object.getOwnPropertyDescriptor(proto, 'child') as PropertyDescriptor);
  }
  return SubjectAccessController;
}
