import { BadRequestException, ConflictException, GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Principal } from '@placewise/platform';
import type { Queue } from 'bullmq';
import { collectionYear } from '@placewise/contracts/ssda903';
import { londonDayOf } from '@placewise/contracts/dates';
import type { ReturnFile } from '../ssda903/files.js';
import { RETURNS_QUEUE, type ExportJob } from './returns.queue.js';
import { ReturnsRepository } from './returns.repository.js';
import { AccessLogRepository } from '../access-log/access-log.repository.js';
import { Ssda903Returns } from './ssda903-returns.js';
import type { ExportView } from './returns.views.js';

/** The return out (a background job on referrals-returns) and in (one transaction), scoped by council. */
@Injectable()
export class ReturnsService {
  constructor(
    private readonly repo: ReturnsRepository,
    private readonly returns: Ssda903Returns,
    private readonly accessLog: AccessLogRepository,
    @InjectQueue(RETURNS_QUEUE) private readonly queue: Queue<ExportJob>,
  ) {}

  async startExport(user: Principal, year: number): Promise<ExportView> {
    const row = await this.repo.createExport(user.localAuthority, year, user.sub);
    await this.queue.add('export', { exportId: row.id, localAuthority: user.localAuthority, collectionYear: year }, { jobId: row.id });
    return this.status(user, row.id);
  }

  async status(user: Principal, id: string): Promise<ExportView> {
    const row = await this.repo.findExport(user.localAuthority, id);
    if (!row) throw new NotFoundException(`no return export ${id}`);
    let progress = row.status === 'DONE' ? 100 : 0;
    if (row.status === 'QUEUED' || row.status === 'RUNNING') {
      const job = await this.queue.getJob(id);
      if (typeof job?.progress === 'number') progress = job.progress;
    }
    return {
      id: row.id,
      collectionYear: row.collectionYear,
      label: collectionYear(row.collectionYear).label,
      status: row.status,
      progress,
      children: row.children,
      preflightFailures: row.failures,
      error: row.error,
      requestedBy: row.requestedBy,
      requestedAt: row.requestedAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
      file: row.status === 'DONE' && !row.fileErasedAt ? `/returns/ssda903/${row.id}/file` : null,
      fileErasedAt: row.fileErasedAt?.toISOString() ?? null,
    };
  }

  async file(user: Principal, id: string): Promise<{ name: string; bytes: Uint8Array }> {
    const row = await this.repo.findExport(user.localAuthority, id);
    if (!row) throw new NotFoundException(`no return export ${id}`);
    if (row.fileErasedAt)
      throw new GoneException(
        `the file was removed on ${londonDayOf(row.fileErasedAt)}, when the record of a child in it reached the end of its retention period`,
      );
    if (row.status !== 'DONE' || !row.file) throw new ConflictException(`the return is not ready yet (${row.status.toLowerCase()})`);
    // The file carries every child's date of birth and characteristics: each download is a read of each one.
    await this.accessLog.record(user, row.childIds, 'RETURN_FILE');
    return { name: `${user.localAuthority}-ssda903-${collectionYear(row.collectionYear).label}.zip`, bytes: row.file };
  }

  /** The job: the return built from the record, checked, zipped and kept. */
  async runExport(job: ExportJob, progress: (pct: number) => Promise<void>): Promise<{ children: number; failures: number }> {
    const la = job.localAuthority;
    await this.repo.updateExport(la, job.exportId, { status: 'RUNNING' });
    try {
      await progress(5);
      const out = await this.returns.produce(la, job.collectionYear, progress);
      await this.repo.updateExport(la, job.exportId, {
        status: 'DONE',
        file: Buffer.from(out.zip),
        children: out.children,
        childIds: out.childIds,
        failures: out.failures.length,
        finishedAt: new Date(),
      });
      await progress(100);
      return { children: out.children, failures: out.failures.length };
    } catch (e) {
      await this.repo.updateExport(la, job.exportId, {
        status: 'FAILED',
        error: e instanceof Error ? e.message : String(e),
        finishedAt: new Date(),
      });
      throw e;
    }
  }

  preflight(user: Principal, year: number) {
    return this.returns
      .preflight(user.localAuthority, year)
      .then((r) => ({ collectionYear: year, label: collectionYear(year).label, ...r }));
  }

  async load(user: Principal, years: ReturnFile[][], costs: ReturnFile | null) {
    const out = await this.returns.load(user.localAuthority, user.sub, years, costs);
    if (!out.ok)
      throw new BadRequestException({
        statusCode: 400,
        message: `the load was refused: ${out.errors.length} problem${out.errors.length === 1 ? '' : 's'}, nothing was written`,
        errors: out.errors.map((e) => ({
          field: [e.file, e.line, e.column].filter((x) => x !== null && x !== '').join(':'),
          ...e,
        })),
      });
    return out.result;
  }
}
