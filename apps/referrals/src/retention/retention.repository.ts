import { Injectable } from '@nestjs/common';
import { londonDayOf } from '@placewise/contracts/dates';
import { PrismaService, type Tx } from '../prisma.service.js';
import { CHILD_TABLES } from '../subject-access/subject-access.repository.js';
import type { RetentionFacts } from './retention.rule.js';

/** A request still in hand: nothing about the child is decided yet. */
const OPEN = ['SUBMITTED', 'APPROVED', 'DEFERRED', 'PLACED'];

interface FactsRow {
  id: string;
  dob: string;
  created_at: Date;
  looked_after: boolean;
  died_on: string | null;
  adopted_on: string | null;
  open_request: boolean;
  last_decision_at: Date | null;
}

export interface ChildRetentionFacts extends RetentionFacts {
  childId: string;
}

/**
 * Tables that name a child by id and outlive the child's erasure, each with why. The removal log is written as
 * the child is erased: it names a child who no longer exists anywhere, by id alone, with no name or date.
 */
export const KEPT_AFTER_ERASURE = {
  RetentionRemoval: 'The removal log: what was erased, under which rule, and when',
} as const;

type Eraser = (tx: Tx, la: string, childId: string, requestIds: string[]) => Promise<number>;

/**
 * How each table that names a child is erased, in an order the foreign keys allow (the child last). Typed by
 * CHILD_TABLES, the subject access list, whose own test checks it against the schema: a new table naming a
 * child fails to compile here until it says how it is erased. Reunification stages name the child through
 * their reunification, and go first.
 */
const ERASERS: { [K in keyof typeof CHILD_TABLES]: Eraser } = {
  RequestHistory: async (tx, la, _, ids) =>
    (await tx.requestHistory.deleteMany({ where: { localAuthority: la, requestId: { in: ids } } })).count,
  Request: async (tx, la, childId) => (await tx.request.deleteMany({ where: { localAuthority: la, childId } })).count,
  CarePlanChange: async (tx, la, childId) => (await tx.carePlanChange.deleteMany({ where: { localAuthority: la, childId } })).count,
  CarePlan: async (tx, la, childId) => (await tx.carePlan.deleteMany({ where: { localAuthority: la, childId } })).count,
  ExitStep: async (tx, la, childId) => (await tx.exitStep.deleteMany({ where: { localAuthority: la, childId } })).count,
  Reunification: async (tx, la, childId) => {
    await tx.reunificationStage.deleteMany({ where: { reunification: { localAuthority: la, childId } } });
    return (await tx.reunification.deleteMany({ where: { localAuthority: la, childId } })).count;
  },
  EdgeOfCare: async (tx, la, childId) => (await tx.edgeOfCare.deleteMany({ where: { localAuthority: la, childId } })).count,
  ChildLegalStatus: async (tx, la, childId) => (await tx.childLegalStatus.deleteMany({ where: { localAuthority: la, childId } })).count,
  LookedAfterEpisode: async (tx, la, childId) => (await tx.lookedAfterEpisode.deleteMany({ where: { localAuthority: la, childId } })).count,
  ChildReview: async (tx, la, childId) => (await tx.childReview.deleteMany({ where: { localAuthority: la, childId } })).count,
  MissingEpisode: async (tx, la, childId) => (await tx.missingEpisode.deleteMany({ where: { localAuthority: la, childId } })).count,
  SocialWorkerEpisode: async (tx, la, childId) =>
    (await tx.socialWorkerEpisode.deleteMany({ where: { localAuthority: la, childId } })).count,
  CareLeaverOutcome: async (tx, la, childId) => (await tx.careLeaverOutcome.deleteMany({ where: { localAuthority: la, childId } })).count,
  HealthOutcome: async (tx, la, childId) => (await tx.healthOutcome.deleteMany({ where: { localAuthority: la, childId } })).count,
  AdoptionDetail: async (tx, la, childId) => (await tx.adoptionDetail.deleteMany({ where: { localAuthority: la, childId } })).count,
  PreviousPermanence: async (tx, la, childId) => (await tx.previousPermanence.deleteMany({ where: { localAuthority: la, childId } })).count,
  AdoptionDecision: async (tx, la, childId) => (await tx.adoptionDecision.deleteMany({ where: { localAuthority: la, childId } })).count,
  LibertyOrder: async (tx, la, childId) => (await tx.libertyOrder.deleteMany({ where: { localAuthority: la, childId } })).count,
  RecordChange: async (tx, la, childId) => (await tx.recordChange.deleteMany({ where: { localAuthority: la, childId } })).count,
  PersonalDataAccess: async (tx, la, childId) => (await tx.personalDataAccess.deleteMany({ where: { localAuthority: la, childId } })).count,
  ChildAccessGrant: async (tx, la, childId) => (await tx.childAccessGrant.deleteMany({ where: { localAuthority: la, childId } })).count,
  // A return already produced keeps its row (year, who, when, counts); its file, which holds the child's
  // record, is removed, and the child leaves its list (docs/retention.md says why).
  ReturnExport: (tx, la, childId) =>
    tx.$executeRawUnsafe(
      `UPDATE return_export SET child_ids = array_remove(child_ids, $2::uuid), file = NULL, file_erased_at = coalesce(file_erased_at, now())
        WHERE local_authority = $1 AND $2::uuid = ANY(child_ids)`,
      la,
      childId,
    ),
  Child: async (tx, la, childId) => (await tx.child.deleteMany({ where: { localAuthority: la, id: childId } })).count,
};

/** The only code touching the retention tables and erasing a child's record. */
@Injectable()
export class RetentionRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The councils that hold any child (the sweep visits each). */
  async councils(): Promise<string[]> {
    const rows = await this.prisma.child.findMany({ distinct: ['localAuthority'], select: { localAuthority: true } });
    return rows.map((r) => r.localAuthority);
  }

  /** What the retention rules need of each of the council's children (or of one, inside its erasure). */
  async facts(localAuthority: string, childId?: string, tx: Tx | PrismaService = this.prisma): Promise<ChildRetentionFacts[]> {
    const rows = await tx.$queryRawUnsafe<FactsRow[]>(
      `SELECT c.id, to_char(c.date_of_birth, 'YYYY-MM-DD') AS dob, c.created_at,
              (EXISTS (SELECT 1 FROM looked_after_episode e WHERE e.child_id = c.id)
                OR EXISTS (SELECT 1 FROM child_legal_status s WHERE s.child_id = c.id)
                OR EXISTS (SELECT 1 FROM request r WHERE r.child_id = c.id AND r.placed_from IS NOT NULL)) AS looked_after,
              (SELECT to_char(min(e.dec), 'YYYY-MM-DD') FROM looked_after_episode e WHERE e.child_id = c.id AND e.rec = 'E2') AS died_on,
              (SELECT to_char(max(e.dec), 'YYYY-MM-DD') FROM looked_after_episode e WHERE e.child_id = c.id AND e.rec IN ('E11', 'E12')) AS adopted_on,
              EXISTS (SELECT 1 FROM request r WHERE r.child_id = c.id AND r.status::text = ANY($3::text[])) AS open_request,
              (SELECT max(h.at) FROM request_history h JOIN request r ON r.id = h.request_id WHERE r.child_id = c.id) AS last_decision_at
         FROM child c
        WHERE c.local_authority = $1 AND ($2::uuid IS NULL OR c.id = $2::uuid)
        ORDER BY c.id`,
      localAuthority,
      childId ?? null,
      OPEN,
    );
    return rows.map((r) => ({
      childId: r.id,
      dateOfBirth: r.dob,
      lookedAfter: r.looked_after,
      diedOn: r.died_on,
      adoptedOn: r.adopted_on,
      openRequest: r.open_request,
      lastDecisionOn: londonDayOf(r.last_decision_at ?? r.created_at),
    }));
  }

  /**
   * Locks the child's row for the erasure (a second replica erasing the same child waits, then finds it gone).
   * False when the child is not there (already erased).
   */
  async lock(tx: Tx, localAuthority: string, childId: string): Promise<boolean> {
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM child WHERE local_authority = $1 AND id = $2::uuid FOR UPDATE`,
      localAuthority,
      childId,
    );
    return rows.length > 0;
  }

  /** Erases everything that names the child; returns their requests' ids (for the event) and the rows removed per table. */
  async erase(tx: Tx, localAuthority: string, childId: string): Promise<{ requestIds: string[]; removed: Record<string, number> }> {
    const requestIds = (await tx.request.findMany({ where: { localAuthority, childId }, select: { id: true } })).map((r) => r.id);
    const removed: Record<string, number> = {};
    for (const [table, erase] of Object.entries(ERASERS) as [string, Eraser][]) {
      const n = await erase(tx, localAuthority, childId, requestIds);
      if (n > 0) removed[table] = n;
    }
    return { requestIds, removed };
  }

  async logRemoval(
    tx: Tx,
    row: { localAuthority: string; childId: string; rule: string; removed: Record<string, number>; eventId: string },
  ) {
    return tx.retentionRemoval.create({ data: row });
  }

  async removals(localAuthority: string, q: { from?: Date; to?: Date; take: number; skip: number }) {
    const where = { localAuthority, erasedAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } };
    const [rows, total] = await Promise.all([
      this.prisma.retentionRemoval.findMany({ where, orderBy: { id: 'desc' }, take: q.take, skip: q.skip }),
      this.prisma.retentionRemoval.count({ where }),
    ]);
    return { rows, total };
  }

  async policy(localAuthority: string) {
    return this.prisma.retentionPolicy.findFirst({ where: { localAuthority }, orderBy: { id: 'desc' } });
  }

  async setPolicy(row: { localAuthority: string; notLookedAfterYears: number; setBy: string; setByName: string }) {
    return this.prisma.retentionPolicy.create({ data: row });
  }
}
