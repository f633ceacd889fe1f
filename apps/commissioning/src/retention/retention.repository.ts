import { Injectable } from '@nestjs/common';
import { ERASED_CHILD_ID } from '@placewise/contracts';
import type { Tx } from '../prisma.service.js';

/**
 * What commissioning does when referrals erases a child at the end of their retention period (docs/retention.md):
 * the searches made for the child, with the referrals sent to providers and the offers they made (they describe
 * the child's needs), are deleted; the placements stay, as the setting's and provider's history, with the nil id
 * in place of the child's and no link to the request, the search, the offer or the 903 import key (which holds
 * the council's reference for the child). Their price changes stay with them.
 */
@Injectable()
export class RetentionRepository {
  async erase(tx: Tx, localAuthority: string, childId: string): Promise<Record<string, number>> {
    const searchIds = (await tx.search.findMany({ where: { localAuthority, childId }, select: { id: true } })).map((s) => s.id);
    const bySearch = { searchId: { in: searchIds } };
    return {
      Offer: (await tx.offer.deleteMany({ where: bySearch })).count,
      Referral: (await tx.referral.deleteMany({ where: bySearch })).count,
      Search: (await tx.search.deleteMany({ where: { localAuthority, id: { in: searchIds } } })).count,
      Placement: (
        await tx.placement.updateMany({
          where: { localAuthority, childId },
          data: { childId: ERASED_CHILD_ID, requestId: null, searchId: null, offerId: null, replacementSearchId: null, importKey: null },
        })
      ).count,
    };
  }
}
