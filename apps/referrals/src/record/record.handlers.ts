import { Injectable } from '@nestjs/common';
import { PlacementSettingRecordedV1, type PayloadOf } from '@placewise/contracts';
import { HandlesEvent, type EventContext } from '@placewise/platform';
import type { Tx } from '../prisma.service.js';
import { RecordService } from './record.service.js';

/** The looked-after record's own events: those that change an episode and nothing about the request. */
@Injectable()
export class RecordHandlers {
  constructor(private readonly record: RecordService) {}

  /** An emergency placement's setting, recorded after the child was placed: its episodes take the URN and PL_POST. */
  @HandlesEvent(PlacementSettingRecordedV1)
  async onSettingRecorded(p: PayloadOf<typeof PlacementSettingRecordedV1>, { envelope, tx }: EventContext<Tx>): Promise<void> {
    await this.record.onSettingRecorded(tx, envelope.localAuthority, p);
  }
}
