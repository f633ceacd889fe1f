import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service.js';

/** The only code that touches the council_policy table. */
@Injectable()
export class PolicyRepository {
  constructor(private readonly prisma: PrismaService) {}

  current(localAuthority: string) {
    return this.prisma.councilPolicy.findFirst({ where: { localAuthority }, orderBy: { id: 'desc' } });
  }

  byHash(localAuthority: string, hash: string) {
    return this.prisma.councilPolicy.findFirst({ where: { localAuthority, hash }, orderBy: { id: 'desc' } });
  }

  append(localAuthority: string, policy: object, hash: string, setBy: string) {
    return this.prisma.councilPolicy.create({ data: { localAuthority, policy, hash, setBy } });
  }

  history(localAuthority: string) {
    return this.prisma.councilPolicy.findMany({
      where: { localAuthority },
      orderBy: { id: 'desc' },
      select: { hash: true, setBy: true, setAt: true },
    });
  }
}
