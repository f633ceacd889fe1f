import { Injectable, Logger } from '@nestjs/common';
import { CaseListedV1, type PayloadOf } from '@placewise/contracts';
import { HandlesEvent, type EventContext } from '@placewise/platform';
import type { Tx } from '../prisma.service.js';
import { ChildrenRepository } from './children.repository.js';

/** Who may read a child because of their work elsewhere: panels' members, for the children whose cases they hear. */
@Injectable()
export class ChildrenHandlers {
  private readonly log = new Logger(ChildrenHandlers.name);

  constructor(private readonly children: ChildrenRepository) {}

  /** A case listed at a sitting: the panel's members (chair included) may read the child's personal data. */
  @HandlesEvent(CaseListedV1)
  async onListed(p: PayloadOf<typeof CaseListedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    if (!(await this.children.grantPanel(tx, envelope.localAuthority, p.requestId, p.sittingId, p.memberIds)))
      this.log.warn(`${envelope.type} ${envelope.id} names a request referrals does not hold: nobody is granted`);
  }
}
