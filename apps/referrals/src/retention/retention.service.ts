import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { ChildErasedV1, type RetentionRule } from '@placewise/contracts';
import { londonToday } from '@placewise/contracts/dates';
import { ENV, OutboxWriter } from '@placewise/platform';
import type { Queue } from 'bullmq';
import type { ReferralsEnv } from '../env.js';
import { PrismaService } from '../prisma.service.js';
import { RETENTION_QUEUE } from './retention.queue.js';
import { RetentionRepository } from './retention.repository.js';
import { isDue, retentionOf, type Retention, type RetentionSettings } from './retention.rule.js';

export interface Due {
  childId: string;
  retention: Retention;
}

/**
 * Applies the retention schedule (docs/retention.md). Every replica upserts the same job scheduler, so one
 * `sweep` runs per interval whichever replica takes it; each child is erased in a transaction of its own that
 * locks the child's row and checks the rule again, so two sweeps at once (or a sweep run again) erase a child
 * once, with one removal log row and one `child.erased` event.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap {
  private readonly logger = new Logger('retention');

  constructor(
    private readonly db: PrismaService,
    private readonly repo: RetentionRepository,
    private readonly outbox: OutboxWriter,
    @InjectQueue(RETENTION_QUEUE) private readonly queue: Queue,
    @Inject(ENV) private readonly env: ReferralsEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'retention-sweep',
      { every: this.env.RETENTION_SWEEP_MS },
      { name: 'sweep', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }

  async settings(localAuthority: string): Promise<RetentionSettings> {
    const p = await this.repo.policy(localAuthority);
    return { notLookedAfterYears: p?.notLookedAfterYears ?? null };
  }

  /** The council's children whose record may be erased today: what the next sweep would remove. */
  async due(localAuthority: string, today = londonToday()): Promise<Due[]> {
    const settings = await this.settings(localAuthority);
    const facts = await this.repo.facts(localAuthority);
    return facts.map((f) => ({ childId: f.childId, retention: retentionOf(f, settings) })).filter((d) => isDue(d.retention, today));
  }

  /** Erases every council's due children; returns how many were erased. */
  async sweep(now = new Date()): Promise<number> {
    const today = londonToday(now);
    let erased = 0;
    for (const la of await this.repo.councils()) {
      for (const d of await this.due(la, today)) if (await this.eraseChild(la, d.childId, today)) erased++;
    }
    if (erased) this.logger.log({ erased }, 'retention sweep erased records');
    return erased;
  }

  /**
   * Erases one child's record if, inside the transaction that locks it, its retention has still ended: every
   * table naming the child, the removal log row and the `child.erased` event commit together or not at all.
   */
  async eraseChild(localAuthority: string, childId: string, today = londonToday()): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      if (!(await this.repo.lock(tx, localAuthority, childId))) return false;
      const [facts] = await this.repo.facts(localAuthority, childId, tx);
      const settings = await this.settings(localAuthority);
      if (!facts) return false;
      const retention = retentionOf(facts, settings);
      if (!isDue(retention, today)) return false;
      const { requestIds, removed } = await this.repo.erase(tx, localAuthority, childId);
      const event = await this.outbox.append(tx, ChildErasedV1, { childId, requestIds }, { localAuthority, correlationId: randomUUID() });
      await this.repo.logRemoval(tx, { localAuthority, childId, rule: retention.rule satisfies RetentionRule, removed, eventId: event.id });
      // Counts and ids only: never a name or a date of birth in the logs.
      this.logger.log({ localAuthority, childId, rule: retention.rule, removed }, 'record erased at the end of its retention');
      return true;
    });
  }
}
