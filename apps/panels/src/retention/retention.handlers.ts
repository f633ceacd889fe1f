import { Injectable, Logger } from '@nestjs/common';
import { ChildErasedV1, type PayloadOf } from '@placewise/contracts';
import { HandlesEvent, type EventContext } from '@placewise/platform';
import type { Tx } from '../prisma.service.js';
import { RetentionRepository } from './retention.repository.js';

@Injectable()
export class RetentionHandlers {
  private readonly logger = new Logger('retention');

  constructor(private readonly repo: RetentionRepository) {}

  /** Referrals erased the child at the end of their retention period: panels erases its rows about them too. */
  @HandlesEvent(ChildErasedV1)
  async onChildErased(p: PayloadOf<typeof ChildErasedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    const removed = await this.repo.erase(tx, envelope.localAuthority, p.childId);
    this.logger.log({ childId: p.childId, removed }, 'erased the rows about a child whose retention ended');
  }
}
