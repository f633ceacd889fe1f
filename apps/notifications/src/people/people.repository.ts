import { Injectable } from '@nestjs/common';
import type { Tx } from '../prisma.service.js';

export interface PersonRow {
  localAuthority: string;
  userId: string;
  name: string;
  email: string | null;
  roles: string[];
  digestTime: string;
  providerId: string | null;
  /** How the directory knows them: the demo seed, their sign-in, or the council's admin. */
  source: 'SEEDED' | 'TOKEN' | 'ADMIN';
}

/** The council's directory of people: the only code that touches the person table. */
@Injectable()
export class PeopleRepository {
  /**
   * Records (or refreshes) a person from their token: name and roles follow the token, and the
   * provider when it carries one; an email already known is kept. Writes only when something changed.
   */
  async learn(
    p: { localAuthority: string; userId: string; name: string; roles: string[]; providerId: string | null },
    tx: Tx,
  ): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO person (local_authority, user_id, name, roles, provider_id, source, updated_at)
      VALUES (${p.localAuthority}, ${p.userId}, ${p.name}, ${p.roles}::text[], ${p.providerId}, 'TOKEN', now())
      ON CONFLICT (local_authority, user_id) DO UPDATE
        SET name = EXCLUDED.name, roles = EXCLUDED.roles, provider_id = COALESCE(EXCLUDED.provider_id, person.provider_id), updated_at = now()
      WHERE person.name IS DISTINCT FROM EXCLUDED.name OR person.roles IS DISTINCT FROM EXCLUDED.roles
        OR (EXCLUDED.provider_id IS NOT NULL AND person.provider_id IS DISTINCT FROM EXCLUDED.provider_id)`;
  }

  /** Puts a person in the directory with an email address (the demo seed); an existing row keeps its digest time. */
  async seed(
    p: { localAuthority: string; userId: string; name: string; email: string; roles: string[]; providerId: string | null },
    tx: Tx,
  ): Promise<void> {
    await tx.person.upsert({
      where: { localAuthority_userId: { localAuthority: p.localAuthority, userId: p.userId } },
      create: { ...p, source: 'SEEDED' },
      update: { name: p.name, email: p.email, roles: p.roles, providerId: p.providerId },
    });
  }

  /** The council's admin puts a person in the directory or changes them (their digest time is kept). */
  async set(
    p: { localAuthority: string; userId: string; name: string; email: string | null; roles: string[]; providerId: string | null },
    tx: Tx,
  ) {
    return tx.person.upsert({
      where: { localAuthority_userId: { localAuthority: p.localAuthority, userId: p.userId } },
      create: { ...p, source: 'ADMIN' },
      update: { name: p.name, email: p.email, roles: p.roles, providerId: p.providerId, source: 'ADMIN' },
    });
  }

  async withAnyRole(localAuthority: string, roles: string[], tx: Tx): Promise<PersonRow[]> {
    if (!roles.length) return [];
    return tx.person.findMany({ where: { localAuthority, roles: { hasSome: roles } }, orderBy: { userId: 'asc' } });
  }

  /** The staff of these providers, in one query: the council's people with the provider role whose provider it is. */
  async staffOf(localAuthority: string, providerIds: string[], tx: Tx): Promise<PersonRow[]> {
    if (!providerIds.length) return [];
    return tx.person.findMany({
      where: { localAuthority, providerId: { in: providerIds }, roles: { has: 'provider' } },
      orderBy: { userId: 'asc' },
    });
  }

  async byIds(localAuthority: string, userIds: string[], tx: Tx): Promise<PersonRow[]> {
    if (!userIds.length) return [];
    return tx.person.findMany({ where: { localAuthority, userId: { in: userIds } } });
  }

  async one(localAuthority: string, userId: string, tx: Tx): Promise<PersonRow | null> {
    return tx.person.findUnique({ where: { localAuthority_userId: { localAuthority, userId } } });
  }

  async setDigestTime(localAuthority: string, userId: string, digestTime: string, tx: Tx): Promise<void> {
    await tx.person.update({ where: { localAuthority_userId: { localAuthority, userId } }, data: { digestTime } });
  }
}
