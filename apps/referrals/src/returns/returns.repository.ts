import { Injectable } from '@nestjs/common';
import { EVENTS, eventKey, LookedAfterPlacementImportedV1, type PayloadOf } from '@placewise/contracts';
import { asDate, dayOf } from '@placewise/contracts/dates';
import { randomUUID } from 'node:crypto';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Prisma } from '../../generated/client/index.js';
import type { ChildRecord, EpisodeRecord } from './convert.js';

const CHUNK = 5000;
const d = (day: string | null) => (day === null ? null : asDate(day));

async function chunked<T>(rows: T[], write: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

function group<R extends { childId: string }>(rows: R[]): Map<string, R[]> {
  const m = new Map<string, R[]>();
  for (const r of rows) {
    let list = m.get(r.childId);
    if (!list) m.set(r.childId, (list = []));
    list.push(r);
  }
  return m;
}

/** A child's 903 reference: the council's own, or one made from Placewise's id where the council gave none. */
export function referenceOf(c: { id: string; reference: string | null }): string {
  return c.reference ?? `PW${c.id.slice(0, 8).toUpperCase()}`;
}

export interface LoadPlan {
  hash: string;
  years: number;
  records: ChildRecord[];
  /** Open placements at the end of the load, one event each. */
  placements: (Omit<PayloadOf<typeof LookedAfterPlacementImportedV1>, 'importId' | 'childId'> & { reference: string })[];
}

export interface LoadResult {
  importId: string;
  unchanged: boolean;
  children: number;
  newChildren: number;
  episodes: number;
  placements: number;
}

/** The only code that touches the tables for loading and producing 903 returns. Every query is scoped to a local authority. */
@Injectable()
export class ReturnsRepository {
  constructor(readonly prisma: PrismaService) {}

  /**
   * Every child's record for a collection year's return: the children with an episode open at any
   * time in the year or a care leaver outcome for it, with everything they have recorded.
   */
  async recordsForYear(localAuthority: string, start: string, end: string, year: number): Promise<ChildRecord[]> {
    const la = localAuthority;
    const [inYear, leavers] = await Promise.all([
      this.prisma.lookedAfterEpisode.findMany({
        where: { localAuthority: la, decom: { lte: asDate(end) }, OR: [{ dec: null }, { dec: { gte: asDate(start) } }] },
        select: { childId: true },
        distinct: ['childId'],
      }),
      this.prisma.careLeaverOutcome.findMany({ where: { localAuthority: la, year }, select: { childId: true } }),
    ]);
    const ids = new Set([...inYear, ...leavers].map((r) => r.childId));
    return (await this.records(la)).filter((r) => ids.has(r.id)).map((r) => r.record);
  }

  /** Every child of the council with their whole record (for export and for comparing a load). */
  async records(localAuthority: string): Promise<{ id: string; record: ChildRecord }[]> {
    const where = { localAuthority };
    const [children, episodes, reviews, missing, sws, oc3, prev, adoption, dolo] = await Promise.all([
      this.prisma.child.findMany({ where }),
      this.prisma.lookedAfterEpisode.findMany({ where, orderBy: { decom: 'asc' } }),
      this.prisma.childReview.findMany({ where, orderBy: { heldOn: 'asc' } }),
      this.prisma.missingEpisode.findMany({ where, orderBy: { start: 'asc' } }),
      this.prisma.socialWorkerEpisode.findMany({ where, orderBy: { start: 'asc' } }),
      this.prisma.careLeaverOutcome.findMany({ where, orderBy: { year: 'asc' } }),
      this.prisma.previousPermanence.findMany({ where }),
      this.prisma.adoptionDecision.findMany({ where, orderBy: { decidedOn: 'asc' } }),
      this.prisma.libertyOrder.findMany({ where, orderBy: { start: 'asc' } }),
    ]);
    const [e, r, m, s, o, a, l] = [group(episodes), group(reviews), group(missing), group(sws), group(oc3), group(adoption), group(dolo)];
    const p = new Map(prev.map((x) => [x.childId, x]));
    return children.map((c) => {
      const pp = p.get(c.id);
      return {
        id: c.id,
        record: {
          reference: referenceOf(c),
          dob: dayOf(c.dateOfBirth),
          sex: c.sex,
          ethnicity: c.ethnicity,
          upn: c.upn,
          mother: c.mother,
          motherChildDob: dayOf(c.motherChildDob),
          uasc: c.uasc,
          uascCeased: dayOf(c.uascCeased),
          episodes: (e.get(c.id) ?? []).map((x) => ({
            decom: dayOf(x.decom),
            rne: x.rne,
            ls: x.ls,
            cin: x.cin,
            place: x.place,
            placeProvider: x.placeProvider,
            dec: dayOf(x.dec),
            rec: x.rec,
            reasonPlaceChange: x.reasonPlaceChange,
            homePost: x.homePost,
            plPost: x.plPost,
            urn: x.urn,
          })),
          reviews: (r.get(c.id) ?? []).map((x) => ({ heldOn: dayOf(x.heldOn), participation: x.participation })),
          missing: (m.get(c.id) ?? []).map((x) => ({ kind: x.kind, start: dayOf(x.start), end: dayOf(x.end) })),
          socialWorkers: (s.get(c.id) ?? []).map((x) => ({
            socialWorkerId: x.socialWorkerId,
            start: dayOf(x.start),
            end: dayOf(x.end),
            reason: x.reason,
          })),
          careLeaverOutcomes: (o.get(c.id) ?? []).map((x) => ({
            year: x.year,
            inTouch: x.inTouch,
            activity: x.activity,
            accommodation: x.accommodation,
          })),
          previousPermanence: pp ? { kind: pp.kind, council: pp.council, date: pp.date } : null,
          adoptionDecisions: (a.get(c.id) ?? []).map((x) => ({
            decidedOn: dayOf(x.decidedOn),
            ceasedOn: dayOf(x.ceasedOn),
            ceasedReason: x.ceasedReason,
          })),
          libertyOrders: (l.get(c.id) ?? []).map((x) => ({ start: dayOf(x.start), end: dayOf(x.end) })),
        },
      };
    });
  }

  /**
   * Loads a checked return into the record in ONE transaction: children matched by reference (new
   * ones created with no name), characteristics, episodes, legal-status history, reviews, missing,
   * social worker episodes, care leaver outcomes, previous permanence, adoption decisions and DoLOs,
   * an audit row per child, and one outbox event per open placement. Rows are written in batches
   * (createMany, skipping rows already there by their unique keys); the load's hash makes the same
   * files a second time change nothing at all.
   */
  async load(localAuthority: string, actor: string, plan: LoadPlan): Promise<LoadResult> {
    const la = localAuthority;
    return this.prisma.$transaction(
      async (tx) => {
        // Serialises loads for a council, so two at once cannot both pass the hash check.
        await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `ssda903-load:${la}`);
        const done = await tx.returnImport.findUnique({ where: { localAuthority_hash: { localAuthority: la, hash: plan.hash } } });
        if (done)
          return { importId: done.id, unchanged: true, children: done.children, newChildren: 0, episodes: done.episodes, placements: 0 };
        const importId = randomUUID();
        const refs = plan.records.map((r) => r.reference);
        const existing = new Map<string, string>();
        for (let i = 0; i < refs.length; i += CHUNK) {
          const found = await tx.child.findMany({
            where: { localAuthority: la, reference: { in: refs.slice(i, i + CHUNK) } },
            select: { id: true, reference: true },
          });
          for (const f of found) if (f.reference) existing.set(f.reference, f.id);
        }
        const idOf = new Map(existing);
        const fresh: Prisma.ChildCreateManyInput[] = [];
        for (const r of plan.records) {
          const last = r.episodes.at(-1);
          const characteristics = {
            sex: r.sex,
            ethnicity: r.ethnicity,
            upn: r.upn,
            uasc: r.uasc,
            uascCeased: d(r.uascCeased),
            mother: r.mother,
            motherChildDob: d(r.motherChildDob),
            homePostcode: r.uasc ? null : (last?.homePost ?? null),
            categoryOfNeed: last?.cin ?? null,
          };
          const id = existing.get(r.reference);
          if (id) {
            await tx.child.updateMany({ where: { id, localAuthority: la }, data: { ...characteristics, dateOfBirth: asDate(r.dob) } });
          } else {
            const newId = randomUUID();
            idOf.set(r.reference, newId);
            fresh.push({
              id: newId,
              localAuthority: la,
              reference: r.reference,
              dateOfBirth: asDate(r.dob),
              createdBy: actor,
              ...characteristics,
            });
          }
        }
        await chunked(fresh, (part) => tx.child.createMany({ data: part }));

        const base = { localAuthority: la, source: 'IMPORT' as const };
        const by = { ...base, recordedBy: actor };
        const rows = <T>(f: (r: ChildRecord, childId: string) => T[]) => plan.records.flatMap((r) => f(r, idOf.get(r.reference) as string));
        const episodeRow = (childId: string, e: EpisodeRecord): Prisma.LookedAfterEpisodeCreateManyInput => ({
          id: randomUUID(),
          ...base,
          childId,
          decom: asDate(e.decom),
          rne: e.rne,
          ls: e.ls,
          cin: e.cin,
          place: e.place,
          placeProvider: e.placeProvider,
          dec: d(e.dec),
          rec: e.rec,
          reasonPlaceChange: e.reasonPlaceChange,
          homePost: e.homePost,
          plPost: e.plPost,
          urn: e.urn,
        });
        const episodes = rows((r, childId) => r.episodes.map((e) => episodeRow(childId, e)));
        await chunked(episodes, (part) => tx.lookedAfterEpisode.createMany({ data: part, skipDuplicates: true }));
        // A child known before: an episode already there takes the load's values (a later return closes what an earlier one left open).
        for (const r of plan.records) {
          const childId = existing.get(r.reference);
          if (!childId) continue;
          for (const e of r.episodes) {
            const { id: _id, localAuthority: _la, childId: _c, source: _s, decom, ...data } = episodeRow(childId, e);
            await tx.lookedAfterEpisode.updateMany({ where: { localAuthority: la, childId, decom }, data });
          }
        }
        const legal = rows((r, childId) => {
          const out: Prisma.ChildLegalStatusCreateManyInput[] = [];
          let prev: EpisodeRecord | undefined;
          for (const e of r.episodes) {
            if (!prev || prev.ls !== e.ls || prev.dec !== e.decom)
              out.push({ id: randomUUID(), ...by, childId, status: e.ls, from: asDate(e.decom), reason: 'from the SSDA903 return' });
            prev = e;
          }
          return out;
        });
        await chunked(legal, (part) => tx.childLegalStatus.createMany({ data: part, skipDuplicates: true }));
        await chunked(
          rows((r, childId) =>
            r.reviews.map((x) => ({ id: randomUUID(), ...by, childId, heldOn: asDate(x.heldOn), participation: x.participation })),
          ),
          (part) => tx.childReview.createMany({ data: part, skipDuplicates: true }),
        );
        await chunked(
          rows((r, childId) =>
            r.missing.map((x) => ({ id: randomUUID(), ...by, childId, kind: x.kind, start: asDate(x.start), end: d(x.end) })),
          ),
          (part) => tx.missingEpisode.createMany({ data: part, skipDuplicates: true }),
        );
        await chunked(
          rows((r, childId) =>
            r.socialWorkers.map((x) => ({
              id: randomUUID(),
              ...by,
              childId,
              socialWorkerId: x.socialWorkerId,
              start: asDate(x.start),
              end: d(x.end),
              reason: x.reason,
            })),
          ),
          (part) => tx.socialWorkerEpisode.createMany({ data: part, skipDuplicates: true }),
        );
        await chunked(
          rows((r, childId) => r.careLeaverOutcomes.map((x) => ({ id: randomUUID(), ...by, childId, ...x }))),
          (part) => tx.careLeaverOutcome.createMany({ data: part, skipDuplicates: true }),
        );
        await chunked(
          rows((r, childId) => (r.previousPermanence ? [{ ...by, childId, ...r.previousPermanence }] : [])),
          (part) => tx.previousPermanence.createMany({ data: part, skipDuplicates: true }),
        );
        await chunked(
          rows((r, childId) =>
            r.adoptionDecisions.map((x) => ({
              id: randomUUID(),
              ...by,
              childId,
              decidedOn: asDate(x.decidedOn),
              ceasedOn: d(x.ceasedOn),
              ceasedReason: x.ceasedReason,
            })),
          ),
          (part) => tx.adoptionDecision.createMany({ data: part, skipDuplicates: true }),
        );
        await chunked(
          rows((r, childId) => r.libertyOrders.map((x) => ({ id: randomUUID(), ...by, childId, start: asDate(x.start), end: d(x.end) }))),
          (part) => tx.libertyOrder.createMany({ data: part, skipDuplicates: true }),
        );
        // Ends that a later return records for rows an earlier load left open.
        for (const r of plan.records) {
          const childId = existing.get(r.reference);
          if (!childId) continue;
          for (const x of r.missing)
            if (x.end)
              await tx.missingEpisode.updateMany({
                where: { localAuthority: la, childId, start: asDate(x.start), kind: x.kind },
                data: { end: asDate(x.end) },
              });
          for (const x of r.socialWorkers)
            if (x.end)
              await tx.socialWorkerEpisode.updateMany({
                where: { localAuthority: la, childId, start: asDate(x.start) },
                data: { end: asDate(x.end) },
              });
          for (const x of r.libertyOrders)
            if (x.end)
              await tx.libertyOrder.updateMany({
                where: { localAuthority: la, childId, start: asDate(x.start) },
                data: { end: asDate(x.end) },
              });
          for (const x of r.adoptionDecisions)
            if (x.ceasedOn)
              await tx.adoptionDecision.updateMany({
                where: { localAuthority: la, childId, decidedOn: asDate(x.decidedOn) },
                data: { ceasedOn: asDate(x.ceasedOn), ceasedReason: x.ceasedReason },
              });
        }
        await chunked(
          rows((r, childId) => [
            {
              localAuthority: la,
              childId,
              entity: 'import',
              action: existing.has(r.reference) ? 'update' : 'create',
              after: { importId, episodes: r.episodes.length, reviews: r.reviews.length, missing: r.missing.length },
              reason: `SSDA903 returns loaded (${plan.years} year${plan.years === 1 ? '' : 's'})`,
              actor,
            },
          ]),
          (part) => tx.recordChange.createMany({ data: part }),
        );
        await this.appendPlacementEvents(tx, la, importId, plan.placements, idOf);
        await tx.returnImport.create({
          data: {
            id: importId,
            localAuthority: la,
            hash: plan.hash,
            years: plan.years,
            children: plan.records.length,
            episodes: episodes.length,
            summary: { newChildren: fresh.length, placements: plan.placements.length },
            importedBy: actor,
          },
        });
        return {
          importId,
          unchanged: false,
          children: plan.records.length,
          newChildren: fresh.length,
          episodes: episodes.length,
          placements: plan.placements.length,
        };
      },
      { timeout: 10 * 60_000, maxWait: 60_000 },
    );
  }

  /**
   * One looked-after.placement-imported per open placement, into the outbox in the load's
   * transaction, written in batches (the envelope exactly as OutboxWriter makes it, each payload
   * checked against its contract), then one NOTIFY for the relay at commit.
   */
  private async appendPlacementEvents(
    tx: Tx,
    localAuthority: string,
    importId: string,
    placements: LoadPlan['placements'],
    idOf: Map<string, string>,
  ) {
    if (!placements.length) return;
    const def = LookedAfterPlacementImportedV1;
    if (EVENTS.get(eventKey(def.type, def.version)) !== def) throw new Error(`event ${def.type} is not in the contracts`);
    const correlationId = importId;
    const occurredAt = new Date().toISOString();
    const rows = placements.map(({ reference, ...p }) => {
      const payload = def.schema.parse({ ...p, importId, childId: idOf.get(reference) });
      const id = randomUUID();
      const envelope = {
        id,
        type: def.type,
        version: def.version,
        occurredAt,
        localAuthority,
        correlationId,
        producer: 'referrals',
        payload,
      };
      return { id, type: def.type, version: def.version, localAuthority, correlationId, envelope };
    });
    await chunked(rows, (part) => tx.outboxEvent.createMany({ data: part }));
    await tx.$executeRawUnsafe(`SELECT pg_notify('outbox_' || current_schema(), '')`);
  }

  // ---- exports ----

  createExport(localAuthority: string, collectionYear: number, requestedBy: string) {
    return this.prisma.returnExport.create({ data: { id: randomUUID(), localAuthority, collectionYear, status: 'QUEUED', requestedBy } });
  }

  findExport(localAuthority: string, id: string) {
    return this.prisma.returnExport.findFirst({ where: { id, localAuthority } });
  }

  async updateExport(localAuthority: string, id: string, data: Prisma.ReturnExportUncheckedUpdateManyInput): Promise<void> {
    await this.prisma.returnExport.updateMany({ where: { id, localAuthority }, data });
  }
}
