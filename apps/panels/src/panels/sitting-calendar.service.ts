import { Inject, Injectable } from '@nestjs/common';
import { ENV } from '@placewise/platform';
import { randomUUID } from 'node:crypto';
import type { Panel } from '../../generated/client/index.js';
import type { PanelsEnv } from '../env.js';
import type { Tx } from '../prisma.service.js';
import { PanelsRepository } from './panels.repository.js';
import { regularSittings } from './sitting-times.js';

const WEEK_MS = 7 * 86_400_000;

/** Puts panels' regular sittings in the calendar. */
@Injectable()
export class SittingCalendarService {
  constructor(
    private readonly panels: PanelsRepository,
    @Inject(ENV) private readonly env: PanelsEnv,
  ) {}

  /** Puts the panel's regular sittings in the calendar up to the horizon (idempotent). */
  async ensureSittings(tx: Tx, p: Panel, now: Date): Promise<void> {
    if (!p.weekday || !p.timeOfDay) return;
    const until = new Date(now.getTime() + this.env.SITTINGS_HORIZON_WEEKS * WEEK_MS);
    const rows = regularSittings({ weekday: p.weekday, timeOfDay: p.timeOfDay, cutOffWorkingDays: p.cutOffWorkingDays }, now, until);
    await this.panels.ensureSittings(
      tx,
      rows.map((r) => ({
        id: randomUUID(),
        panelId: p.id,
        localAuthority: p.localAuthority,
        startsAt: r.startsAt,
        cutOffAt: r.cutOffAt,
        kind: 'REGULAR',
        status: 'SCHEDULED',
      })),
    );
  }
}
