import { Injectable } from '@nestjs/common';
import { ERASED_CHILD_ID } from '@placewise/contracts';
import type { Tx } from '../prisma.service.js';

/**
 * What finance does when referrals erases a child at the end of their retention period (docs/retention.md): the
 * money lines stay (placements with their commitments, prices, contributions, payment schedules and invoices, and
 * cost avoidance), so past years' accounts and reports still add up, but nothing in them names the child any more:
 * the nil id in place of the child's, no request link, no 903 import key (it holds the council's reference for the
 * child), no free-text note on a contribution. Each approval's decision record (review date, counterfactual), which
 * is about the child's request, is deleted.
 */
@Injectable()
export class RetentionRepository {
  async erase(tx: Tx, localAuthority: string, childId: string, requestIds: readonly string[]): Promise<Record<string, number>> {
    const placementIds = (await tx.placement.findMany({ where: { localAuthority, childId }, select: { id: true } })).map((p) => p.id);
    const avoidance = await tx.avoidanceEntry.findMany({ where: { localAuthority, childId }, select: { requestId: true } });
    const decisions = [...new Set([...requestIds, ...avoidance.map((a) => a.requestId).filter((id): id is string => !!id)])];
    return {
      RequestDecision: (await tx.requestDecision.deleteMany({ where: { localAuthority, requestId: { in: decisions } } })).count,
      Contribution: (
        await tx.contribution.updateMany({ where: { localAuthority, placementId: { in: placementIds } }, data: { note: null } })
      ).count,
      Placement: (
        await tx.placement.updateMany({
          where: { localAuthority, id: { in: placementIds } },
          data: { childId: ERASED_CHILD_ID, requestId: null, importKey: null },
        })
      ).count,
      AvoidanceEntry: (
        await tx.avoidanceEntry.updateMany({ where: { localAuthority, childId }, data: { childId: ERASED_CHILD_ID, requestId: null } })
      ).count,
    };
  }
}
