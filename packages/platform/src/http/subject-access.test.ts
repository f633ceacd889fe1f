import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROLES } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { plainRecord, subjectAccessController, subjectAccessPart, SubjectAccessPart } from './subject-access.js';

describe('subject access parts', () => {
  it('makes rows plain JSON: instants as text, big numbers as text, files named not copied, nested rows kept', () => {
    const part = subjectAccessPart('Panels', [
      [
        'Cases',
        [
          {
            at: new Date('2026-12-07T10:00:00.000Z'),
            seq: 12345678901234567890n,
            file: new Uint8Array(3),
            votes: [{ at: new Date('2026-12-08T00:00:00.000Z'), comment: null }],
          },
        ],
      ],
      ['Clocks', []],
    ]);
    expect(SubjectAccessPart.parse(part)).toEqual(part);
    expect(part.records).toEqual([
      {
        kind: 'Cases',
        rows: [
          {
            at: '2026-12-07T10:00:00.000Z',
            seq: '12345678901234567890',
            file: '(a file of 3 bytes, not copied here)',
            votes: [{ at: '2026-12-08T00:00:00.000Z', comment: null }],
          },
        ],
      },
      { kind: 'Clocks', rows: [] },
    ]);
    expect(JSON.parse(JSON.stringify(part))).toEqual(part);
    expect(plainRecord(undefined)).toBeNull();
  });
});

describe("a service's subject access controller", () => {
  class Repo {
    calls: unknown[][] = [];
    async held(...args: unknown[]) {
      this.calls.push(args);
      return { cases: [{ at: new Date('2026-12-07T10:00:00.000Z') }] };
    }
  }
  const user = { localAuthority: 'northshire' } as Principal;
  const child = 'f0b8c1f2-3d4e-4f50-8a6b-7c8d9e0f1a2b';
  type Handler = (user: Principal, id: string, query?: unknown) => Promise<SubjectAccessPart>;

  it("answers GET /subject-access/children/:id for auditors with the service's part, read by its repository", async () => {
    const Ctl = subjectAccessController({
      service: 'Panels',
      repository: Repo,
      held: async (repo, la, id) => [['Cases', (await repo.held(la, id)).cases]],
    });
    const handler = Ctl.prototype.child as Handler;
    expect(Reflect.getMetadata(PATH_METADATA, Ctl)).toBe('subject-access');
    expect(Reflect.getMetadata(PATH_METADATA, handler)).toBe('children/:id');
    expect(Reflect.getMetadata(METHOD_METADATA, handler)).toBe(RequestMethod.GET);
    expect(Reflect.getMetadata(ROLES, handler)).toEqual(['auditor']);
    // the user and the id (through the UUID pipe); no query
    expect(Object.keys(Reflect.getMetadata(ROUTE_ARGS_METADATA, Ctl, 'child') as object)).toHaveLength(2);

    const repo = new Repo();
    const part = await handler.call(new (Ctl as new (r: Repo) => object)(repo), user, child);
    expect(repo.calls).toEqual([['northshire', child]]);
    expect(part).toMatchObject({ service: 'Panels', records: [{ kind: 'Cases', rows: [{ at: '2026-12-07T10:00:00.000Z' }] }] });
  });

  it('validates and passes on a query the service needs', async () => {
    const Ctl = subjectAccessController({
      service: 'Notifications',
      repository: Repo,
      query: z.object({ requests: z.string().optional() }).strict(),
      held: async (repo, la, id, q) => [['Notifications', (await repo.held(la, id, q.requests)).cases]],
    });
    expect(Object.keys(Reflect.getMetadata(ROUTE_ARGS_METADATA, Ctl, 'child') as object)).toHaveLength(3);
    const repo = new Repo();
    await (Ctl.prototype.child as Handler).call(new (Ctl as new (r: Repo) => object)(repo), user, child, { requests: 'r1' });
    expect(repo.calls).toEqual([['northshire', child, 'r1']]);
  });
});
