import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../prisma.service.js';
import { exactlyOne } from '../scoped-write.js';
import type { Prisma, ReunificationStageName } from '../../generated/client/index.js';

/** The only code that touches the way-out-of-care tables. Every query and every write is scoped to a local authority. */
@Injectable()
export class ExitsRepository {
  constructor(private readonly prisma: PrismaService) {}

  carePlan(localAuthority: string, childId: string, tx: Tx = this.prisma) {
    return tx.carePlan.findFirst({ where: { childId, localAuthority }, include: { changes: { orderBy: { id: 'asc' } } } });
  }

  carePlans(localAuthority: string) {
    return this.prisma.carePlan.findMany({
      where: { localAuthority },
      include: { changes: { where: { field: 'estimatedExitDate' }, orderBy: { id: 'asc' } } },
    });
  }

  createCarePlan(data: Prisma.CarePlanUncheckedCreateInput, tx: Tx) {
    return tx.carePlan.create({ data });
  }

  async updateCarePlan(localAuthority: string, childId: string, data: Prisma.CarePlanUncheckedUpdateManyInput, tx: Tx): Promise<void> {
    exactlyOne(await tx.carePlan.updateMany({ where: { childId, localAuthority }, data }), `care plan for child ${childId}`);
  }

  recordChanges(rows: Prisma.CarePlanChangeCreateManyInput[], tx: Tx) {
    return tx.carePlanChange.createMany({ data: rows });
  }

  /** Children with a placement running now: the child, and the placement's type, start and weekly cost. */
  placedNow(localAuthority: string) {
    return this.prisma.request.findMany({
      where: { localAuthority, status: 'PLACED' },
      select: { childId: true, placedType: true, placedFrom: true, placedWeeklyCostPence: true, placementId: true, kind: true },
    });
  }

  /** Every placement a child has had (started), with its dates. */
  placementsOf(localAuthority: string, childIds: string[]) {
    return this.prisma.request.findMany({
      where: { localAuthority, childId: { in: childIds }, placedFrom: { not: null } },
      select: { childId: true, placedFrom: true, placedUntil: true, kind: true },
    });
  }

  addStep(data: Prisma.ExitStepUncheckedCreateInput) {
    return this.prisma.exitStep.create({ data });
  }

  findStep(localAuthority: string, id: string) {
    return this.prisma.exitStep.findFirst({ where: { id, localAuthority } });
  }

  async completeStep(localAuthority: string, id: string, doneAt: Date): Promise<void> {
    exactlyOne(await this.prisma.exitStep.updateMany({ where: { id, localAuthority }, data: { doneAt } }), `exit step ${id}`);
  }

  steps(localAuthority: string, childIds: string[]) {
    return this.prisma.exitStep.findMany({ where: { localAuthority, childId: { in: childIds } }, orderBy: { dueDate: 'asc' } });
  }

  target(localAuthority: string, month: Date) {
    return this.prisma.exitTarget.findUnique({ where: { localAuthority_month: { localAuthority, month } } });
  }

  setTarget(localAuthority: string, month: Date, exits: number, setBy: string) {
    return this.prisma.exitTarget.upsert({
      where: { localAuthority_month: { localAuthority, month } },
      create: { localAuthority, month, exits, setBy },
      update: { exits, setBy },
    });
  }

  startReunification(data: Prisma.ReunificationUncheckedCreateInput, stage: { on: Date; note: string | null; by: string }, tx: Tx) {
    return tx.reunification.create({ data: { ...data, stages: { create: { stage: data.stage, ...stage } } } });
  }

  reunification(localAuthority: string, id: string, tx: Tx = this.prisma) {
    return tx.reunification.findFirst({ where: { id, localAuthority }, include: { stages: { orderBy: { id: 'asc' } } } });
  }

  /** One child's reunifications, oldest first. */
  reunificationsOf(localAuthority: string, childId: string, tx: Tx = this.prisma) {
    return tx.reunification.findMany({ where: { localAuthority, childId }, orderBy: { createdAt: 'asc' } });
  }

  reunifications(localAuthority: string) {
    return this.prisma.reunification.findMany({
      where: { localAuthority },
      include: { stages: { orderBy: { id: 'asc' } } },
      orderBy: { createdAt: 'asc' },
    });
  }

  async advanceReunification(
    tx: Tx,
    localAuthority: string,
    id: string,
    stage: ReunificationStageName,
    on: Date,
    note: string | null,
    by: string,
  ): Promise<void> {
    exactlyOne(
      await tx.reunification.updateMany({
        where: { id, localAuthority },
        data: { stage, ...(stage === 'DISCHARGED' ? { dischargedOn: on } : {}) },
      }),
      `reunification ${id}`,
    );
    await tx.reunificationStage.create({ data: { reunificationId: id, stage, on, note, by } });
  }

  recordEdgeOfCare(data: Prisma.EdgeOfCareUncheckedCreateInput) {
    return this.prisma.edgeOfCare.create({ data });
  }

  edgeOfCare(localAuthority: string) {
    return this.prisma.edgeOfCare.findMany({ where: { localAuthority }, orderBy: { divertedOn: 'asc' } });
  }

  /** The children's looked-after episodes (the record, imported or derived): when each started and ended. */
  episodesOf(localAuthority: string, childIds: string[]) {
    return this.prisma.lookedAfterEpisode.findMany({
      where: { localAuthority, childId: { in: childIds } },
      select: { childId: true, decom: true, dec: true },
    });
  }

  /** Entry-to-care placements and exits, for the monthly trajectory. */
  entriesSince(localAuthority: string, from: Date) {
    return this.prisma.request.findMany({
      where: { localAuthority, kind: 'ENTRY_TO_CARE', placedFrom: { gte: from } },
      select: { childId: true, placedFrom: true },
    });
  }

  exitsSince(localAuthority: string, from: Date) {
    return this.prisma.request.findMany({
      where: { localAuthority, endReason: { in: ['EXIT_FROM_CARE', 'AGE_18'] }, placedUntil: { gte: from } },
      select: { childId: true, placedUntil: true },
    });
  }

  dischargesSince(localAuthority: string, from: Date) {
    return this.prisma.reunification.findMany({
      where: { localAuthority, dischargedOn: { gte: from } },
      select: { childId: true, dischargedOn: true },
    });
  }
}
