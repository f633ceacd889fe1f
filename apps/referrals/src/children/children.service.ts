import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import { asDate, dayOf, londonToday } from '@placewise/contracts/dates';
import { Prisma } from '../../generated/client/index.js';
import { childScope } from './child-access.js';
import { ChildrenRepository } from './children.repository.js';
import { ageOn, type CreateChild } from './children.dto.js';
import type { Child } from '../../generated/client/index.js';

export interface ChildView {
  id: string;
  givenName: string | null;
  familyName: string | null;
  displayName: string;
  dateOfBirth: string;
  age: number;
  reference: string | null;
  createdAt: string;
}

/** Given and family name, or the council's reference (a child loaded from a 903 return may have no name yet). */
export function displayName(c: Pick<Child, 'givenName' | 'familyName' | 'reference'>): string {
  const name = [c.givenName, c.familyName].filter(Boolean).join(' ');
  return name || (c.reference ? `Child ${c.reference}` : 'Unnamed child');
}

export function childView(c: Child, today = londonToday()): ChildView {
  const dob = dayOf(c.dateOfBirth);
  return {
    id: c.id,
    givenName: c.givenName,
    familyName: c.familyName,
    displayName: displayName(c),
    dateOfBirth: dob,
    age: ageOn(dob, today),
    reference: c.reference,
    createdAt: c.createdAt.toISOString(),
  };
}

@Injectable()
export class ChildrenService {
  constructor(private readonly children: ChildrenRepository) {}

  async create(user: Principal, input: CreateChild): Promise<ChildView> {
    try {
      const child = await this.children.create({
        id: randomUUID(),
        localAuthority: user.localAuthority,
        givenName: input.givenName,
        familyName: input.familyName,
        dateOfBirth: asDate(input.dateOfBirth),
        reference: input.reference ?? null,
        createdBy: user.sub,
        createdByTeam: user.team ?? null,
      });
      return childView(child);
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
        throw new ConflictException({
          statusCode: 409,
          message: 'a child with this reference already exists',
          errors: [{ field: 'reference', reason: 'already used' }],
        });
      }
      throw e;
    }
  }

  async get(user: Principal, id: string): Promise<ChildView> {
    const child = (await this.children.visible(user.localAuthority, id, childScope(user)))
      ? await this.children.find(user.localAuthority, id)
      : null;
    if (!child) throw new NotFoundException(`no child ${id}`);
    return childView(child);
  }

  async list(user: Principal, take: number, skip: number): Promise<ChildView[]> {
    return (await this.children.list(user.localAuthority, take, skip, childScope(user))).map((c) => childView(c));
  }
}
