import { Injectable } from '@nestjs/common';
import { EVENTS, eventKey, LookedAfterPlacementImportedV1, type PayloadOf } from '@placewise/contracts';
import { asDate } from '@placewise/contracts/dates';
import { randomUUID } from 'node:crypto';
import { PrismaService, type Tx } from '../prisma.service.js';
import type { Prisma } from '../../generated/client/index.js';
import type { AdoptionRecord, ChildRecord, EpisodeRecord, HealthOutcomeRecord } from './convert.js';

const d = (day: string | null) => (day === null ? null : asDate(day));

function group<R extends { childId: string }>(rows: R[]): Map<string, R[]> {
  const m = new Map<string, R[]>();
  for (const r of rows) {
    let list = m.get(r.childId);
    if (!list) m.set(r.childId, (list = []));
    list.push(r);
  }
  return m;
}

type Row = Record<string, unknown>;
type Columns = readonly (readonly [string, string])[];

/**
 * Rows written in one statement per batch: the batch travels as one JSON parameter and PostgreSQL
 * unpacks it (jsonb_to_recordset), so 100,000 rows cost a few statements, not 100,000 binds.
 * Enum columns (types in double quotes) are cast from text. Rows already there by a unique key
 * are skipped unless `skipExisting` is false.
 */
async function bulkInsert(tx: Tx, table: string, columns: Columns, rows: Row[], skipExisting = true): Promise<void> {
  if (!rows.length) return;
  const names = columns.map(([c]) => `"${c}"`).join(', ');
  const def = columns.map(([c, t]) => `"${c}" ${t.startsWith('"') ? 'text' : t}`).join(', ');
  const select = columns.map(([c, t]) => (t.startsWith('"') ? `x."${c}"::${t}` : `x."${c}"`)).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT ${select} FROM jsonb_to_recordset($1::jsonb) AS x(${def})${skipExisting ? ' ON CONFLICT DO NOTHING' : ''}`;
  for (let i = 0; i < rows.length; i += BULK) await tx.$executeRawUnsafe(sql, JSON.stringify(rows.slice(i, i + BULK)));
}

const BULK = 20_000;
const RECORDED = [
  ['local_authority', 'text'],
  ['source', '"RecordSource"'],
  ['recorded_by', 'text'],
] as const;
const CHILD_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['local_authority', 'text'],
  ['reference', 'text'],
  ['date_of_birth', 'date'],
  ['created_by', 'text'],
  ['sex', 'text'],
  ['ethnicity', 'text'],
  ['upn', 'text'],
  ['uasc', 'boolean'],
  ['uasc_ceased', 'date'],
  ['mother', 'boolean'],
  ['mother_child_dob', 'date'],
  ['home_postcode', 'text'],
  ['category_of_need', 'text'],
];
const EPISODE_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['local_authority', 'text'],
  ['source', '"RecordSource"'],
  ['child_id', 'uuid'],
  ['decom', 'date'],
  ['rne', 'text'],
  ['ls', 'text'],
  ['cin', 'text'],
  ['place', 'text'],
  ['place_provider', 'text'],
  ['dec', 'date'],
  ['rec', 'text'],
  ['reason_place_change', 'text'],
  ['home_post', 'text'],
  ['pl_post', 'text'],
  ['urn', 'text'],
];
const LEGAL_COLUMNS: Columns = [
  ['id', 'uuid'],
  ...RECORDED,
  ['child_id', 'uuid'],
  ['status', 'text'],
  ['from', 'date'],
  ['reason', 'text'],
];
const REVIEW_COLUMNS: Columns = [['id', 'uuid'], ...RECORDED, ['child_id', 'uuid'], ['held_on', 'date'], ['participation', 'text']];
const MISSING_COLUMNS: Columns = [['id', 'uuid'], ...RECORDED, ['child_id', 'uuid'], ['kind', 'text'], ['start', 'date'], ['end', 'date']];
const SW_COLUMNS: Columns = [
  ['id', 'uuid'],
  ...RECORDED,
  ['child_id', 'uuid'],
  ['social_worker_id', 'text'],
  ['start', 'date'],
  ['end', 'date'],
  ['reason', 'text'],
];
const OC3_COLUMNS: Columns = [
  ['id', 'uuid'],
  ...RECORDED,
  ['child_id', 'uuid'],
  ['year', 'int'],
  ['in_touch', 'text'],
  ['activity', 'text'],
  ['accommodation', 'text'],
];
const OC2_COLUMNS: Columns = [
  ['id', 'uuid'],
  ...RECORDED,
  ['child_id', 'uuid'],
  ['year', 'int'],
  ['sdq_score', 'int'],
  ['sdq_reason', 'text'],
  ['convicted', 'boolean'],
  ['health_check', 'boolean'],
  ['immunisations', 'boolean'],
  ['teeth_check', 'boolean'],
  ['health_assessment', 'boolean'],
  ['substance_misuse', 'boolean'],
  ['intervention_received', 'boolean'],
  ['intervention_offered', 'boolean'],
];
const AD1_COLUMNS: Columns = [
  ...RECORDED,
  ['child_id', 'uuid'],
  ['decided_on', 'date'],
  ['matched_on', 'date'],
  ['by_foster_carers', 'boolean'],
  ['adopters', 'int'],
  ['adopters_sex', 'text'],
  ['adopters_legal_status', 'text'],
];
const PREV_COLUMNS: Columns = [...RECORDED, ['child_id', 'uuid'], ['kind', 'text'], ['council', 'text'], ['date', 'text']];
const ADOPTION_COLUMNS: Columns = [
  ['id', 'uuid'],
  ...RECORDED,
  ['child_id', 'uuid'],
  ['decided_on', 'date'],
  ['ceased_on', 'date'],
  ['ceased_reason', 'text'],
];
const DOLO_COLUMNS: Columns = [['id', 'uuid'], ...RECORDED, ['child_id', 'uuid'], ['start', 'date'], ['end', 'date']];
const AUDIT_COLUMNS: Columns = [
  ['local_authority', 'text'],
  ['child_id', 'uuid'],
  ['entity', 'text'],
  ['action', 'text'],
  ['after', 'jsonb'],
  ['reason', 'text'],
  ['actor', 'text'],
];
const OUTBOX_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['type', 'text'],
  ['version', 'int'],
  ['local_authority', 'text'],
  ['correlation_id', 'uuid'],
  ['envelope', 'jsonb'],
];

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
   * Every child of the council with their whole record (for a return, and for comparing a load).
   * Read with one query per table, days as text, so a council of 20,000 children is a few
   * statements and no per-row mapping beyond the grouping.
   */
  async records(localAuthority: string): Promise<{ id: string; record: ChildRecord }[]> {
    // Each table comes back as one JSON text built by PostgreSQL: parsing it is far quicker than
    // mapping tens of thousands of rows one by one.
    const q = async <T>(sql: string): Promise<T[]> => {
      const [row] = await this.prisma.$queryRawUnsafe<{ j: string }[]>(
        `SELECT coalesce(json_agg(x), '[]')::text AS j FROM (${sql}) x`,
        localAuthority,
      );
      return JSON.parse(row?.j ?? '[]') as T[];
    };
    const day = (c: string) => `to_char(${c}, 'YYYY-MM-DD')`;
    const [children, episodes, reviews, missing, sws, oc3, prev, adoption, dolo, oc2, ad1] = await Promise.all([
      q<{
        id: string;
        reference: string | null;
        dob: string;
        sex: string | null;
        ethnicity: string | null;
        upn: string | null;
        mother: boolean | null;
        mcdob: string | null;
        uasc: boolean;
        duc: string | null;
      }>(
        `SELECT id::text AS id, reference, ${day('date_of_birth')} AS dob, sex, ethnicity, upn, mother, ${day('mother_child_dob')} AS mcdob, uasc, ${day('uasc_ceased')} AS duc
         FROM child WHERE local_authority = $1 ORDER BY created_at, id`,
      ),
      q<EpisodeRecord & { childId: string }>(
        `SELECT child_id::text AS "childId", ${day('decom')} AS decom, rne, ls, cin, place, place_provider AS "placeProvider", ${day('dec')} AS dec, rec,
                reason_place_change AS "reasonPlaceChange", home_post AS "homePost", pl_post AS "plPost", urn
         FROM looked_after_episode WHERE local_authority = $1 ORDER BY decom`,
      ),
      q<{ childId: string; heldOn: string; participation: string }>(
        `SELECT child_id::text AS "childId", ${day('held_on')} AS "heldOn", participation FROM child_review WHERE local_authority = $1 ORDER BY held_on`,
      ),
      q<{ childId: string; kind: string; start: string; end: string | null }>(
        `SELECT child_id::text AS "childId", kind, ${day('start')} AS start, ${day('"end"')} AS "end" FROM missing_episode WHERE local_authority = $1 ORDER BY start`,
      ),
      q<{ childId: string; socialWorkerId: string; start: string; end: string | null; reason: string | null }>(
        `SELECT child_id::text AS "childId", social_worker_id AS "socialWorkerId", ${day('start')} AS start, ${day('"end"')} AS "end", reason
         FROM social_worker_episode WHERE local_authority = $1 ORDER BY start`,
      ),
      q<{ childId: string; year: number; inTouch: string; activity: string | null; accommodation: string | null }>(
        `SELECT child_id::text AS "childId", year, in_touch AS "inTouch", activity, accommodation FROM care_leaver_outcome WHERE local_authority = $1 ORDER BY year`,
      ),
      q<{ childId: string; kind: string; council: string | null; date: string | null }>(
        `SELECT child_id::text AS "childId", kind, council, date FROM previous_permanence WHERE local_authority = $1`,
      ),
      q<{ childId: string; decidedOn: string; ceasedOn: string | null; ceasedReason: string | null }>(
        `SELECT child_id::text AS "childId", ${day('decided_on')} AS "decidedOn", ${day('ceased_on')} AS "ceasedOn", ceased_reason AS "ceasedReason"
         FROM adoption_decision WHERE local_authority = $1 ORDER BY decided_on`,
      ),
      q<{ childId: string; start: string; end: string | null }>(
        `SELECT child_id::text AS "childId", ${day('start')} AS start, ${day('"end"')} AS "end" FROM liberty_order WHERE local_authority = $1 ORDER BY start`,
      ),
      q<HealthOutcomeRecord & { childId: string }>(
        `SELECT child_id::text AS "childId", year, sdq_score AS "sdqScore", sdq_reason AS "sdqReason", convicted, health_check AS "healthCheck",
                immunisations, teeth_check AS "teethCheck", health_assessment AS "healthAssessment", substance_misuse AS "substanceMisuse",
                intervention_received AS "interventionReceived", intervention_offered AS "interventionOffered"
         FROM health_outcome WHERE local_authority = $1 ORDER BY year`,
      ),
      q<AdoptionRecord & { childId: string }>(
        `SELECT child_id::text AS "childId", ${day('decided_on')} AS "decidedOn", ${day('matched_on')} AS "matchedOn", by_foster_carers AS "byFosterCarers",
                adopters, adopters_sex AS "adoptersSex", adopters_legal_status AS "adoptersLegalStatus"
         FROM adoption_detail WHERE local_authority = $1`,
      ),
    ]);
    const [e, r, m, s, o, a, l] = [group(episodes), group(reviews), group(missing), group(sws), group(oc3), group(adoption), group(dolo)];
    const p = new Map(prev.map((x) => [x.childId, x]));
    const h = group(oc2);
    const ad = new Map(ad1.map(({ childId, ...x }) => [childId, x]));
    const strip = <T extends { childId: string }>(rows: T[] | undefined): Omit<T, 'childId'>[] =>
      (rows ?? []).map(({ childId: _c, ...rest }) => rest);
    return children.map((c) => {
      const pp = p.get(c.id);
      return {
        id: c.id,
        record: {
          reference: referenceOf(c),
          dob: c.dob,
          sex: c.sex,
          ethnicity: c.ethnicity,
          upn: c.upn,
          mother: c.mother,
          motherChildDob: c.mcdob,
          uasc: c.uasc,
          uascCeased: c.duc,
          episodes: strip(e.get(c.id)),
          reviews: strip(r.get(c.id)),
          missing: strip(m.get(c.id)),
          socialWorkers: strip(s.get(c.id)),
          careLeaverOutcomes: strip(o.get(c.id)),
          healthOutcomes: strip(h.get(c.id)),
          adoption: ad.get(c.id) ?? null,
          previousPermanence: pp ? { kind: pp.kind, council: pp.council, date: pp.date } : null,
          adoptionDecisions: strip(a.get(c.id)),
          libertyOrders: strip(l.get(c.id)),
        },
      };
    });
  }

  /**
   * Loads a checked return into the record in ONE transaction: children matched by reference (new
   * ones created with no name), characteristics, episodes, legal-status history, reviews, missing,
   * social worker episodes, care leaver outcomes, OC2 outcomes, adoption details (AD1), previous
   * permanence, adoption decisions and DoLOs,
   * an audit row per child, and one outbox event per open placement. Rows are written in batches,
   * one statement per table and batch (`bulkInsert`), skipping rows already there by their unique
   * keys; the load's hash makes the same files a second time change nothing at all.
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
        const existing = new Map<string, string>();
        const found = await tx.$queryRawUnsafe<{ id: string; reference: string }[]>(
          `SELECT id::text AS id, reference FROM child WHERE local_authority = $1 AND reference = ANY($2::text[])`,
          la,
          plan.records.map((r) => r.reference),
        );
        for (const f of found) existing.set(f.reference, f.id);
        const idOf = new Map(existing);
        const fresh: Row[] = [];
        for (const r of plan.records) {
          const last = r.episodes.at(-1);
          const characteristics = {
            sex: r.sex,
            ethnicity: r.ethnicity,
            upn: r.upn,
            uasc: r.uasc,
            uasc_ceased: r.uascCeased,
            mother: r.mother,
            mother_child_dob: r.motherChildDob,
            home_postcode: r.uasc ? null : (last?.homePost ?? null),
            category_of_need: last?.cin ?? null,
          };
          const id = existing.get(r.reference);
          if (id) {
            await tx.child.updateMany({
              where: { id, localAuthority: la },
              data: {
                sex: r.sex,
                ethnicity: r.ethnicity,
                upn: r.upn,
                uasc: r.uasc,
                uascCeased: d(r.uascCeased),
                mother: r.mother,
                motherChildDob: d(r.motherChildDob),
                homePostcode: characteristics.home_postcode,
                categoryOfNeed: characteristics.category_of_need,
                dateOfBirth: asDate(r.dob),
              },
            });
          } else {
            const newId = randomUUID();
            idOf.set(r.reference, newId);
            fresh.push({
              id: newId,
              local_authority: la,
              reference: r.reference,
              date_of_birth: r.dob,
              created_by: actor,
              ...characteristics,
            });
          }
        }
        await bulkInsert(tx, 'child', CHILD_COLUMNS, fresh, false);

        const rows = (f: (r: ChildRecord, childId: string) => Row[]) => plan.records.flatMap((r) => f(r, idOf.get(r.reference) as string));
        const by = { local_authority: la, source: 'IMPORT', recorded_by: actor };
        const episodeRow = (childId: string, e: EpisodeRecord): Row => ({
          id: randomUUID(),
          local_authority: la,
          source: 'IMPORT',
          child_id: childId,
          decom: e.decom,
          rne: e.rne,
          ls: e.ls,
          cin: e.cin,
          place: e.place,
          place_provider: e.placeProvider,
          dec: e.dec,
          rec: e.rec,
          reason_place_change: e.reasonPlaceChange,
          home_post: e.homePost,
          pl_post: e.plPost,
          urn: e.urn,
        });
        const episodes = rows((r, childId) => r.episodes.map((e) => episodeRow(childId, e)));
        await bulkInsert(tx, 'looked_after_episode', EPISODE_COLUMNS, episodes);
        // A child known before: an episode already there takes the load's values (a later return closes what an earlier one left open).
        for (const r of plan.records) {
          const childId = existing.get(r.reference);
          if (!childId) continue;
          for (const e of r.episodes)
            await tx.lookedAfterEpisode.updateMany({
              where: { localAuthority: la, childId, decom: asDate(e.decom) },
              data: {
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
              },
            });
        }
        const legal = rows((r, childId) => {
          const out: Row[] = [];
          let prev: EpisodeRecord | undefined;
          for (const e of r.episodes) {
            if (!prev || prev.ls !== e.ls || prev.dec !== e.decom)
              out.push({ id: randomUUID(), ...by, child_id: childId, status: e.ls, from: e.decom, reason: 'from the SSDA903 return' });
            prev = e;
          }
          return out;
        });
        await bulkInsert(tx, 'child_legal_status', LEGAL_COLUMNS, legal);
        await bulkInsert(
          tx,
          'child_review',
          REVIEW_COLUMNS,
          rows((r, childId) =>
            r.reviews.map((x) => ({ id: randomUUID(), ...by, child_id: childId, held_on: x.heldOn, participation: x.participation })),
          ),
        );
        await bulkInsert(
          tx,
          'missing_episode',
          MISSING_COLUMNS,
          rows((r, childId) =>
            r.missing.map((x) => ({ id: randomUUID(), ...by, child_id: childId, kind: x.kind, start: x.start, end: x.end })),
          ),
        );
        await bulkInsert(
          tx,
          'social_worker_episode',
          SW_COLUMNS,
          rows((r, childId) =>
            r.socialWorkers.map((x) => ({
              id: randomUUID(),
              ...by,
              child_id: childId,
              social_worker_id: x.socialWorkerId,
              start: x.start,
              end: x.end,
              reason: x.reason,
            })),
          ),
        );
        await bulkInsert(
          tx,
          'care_leaver_outcome',
          OC3_COLUMNS,
          rows((r, childId) =>
            r.careLeaverOutcomes.map((x) => ({
              id: randomUUID(),
              ...by,
              child_id: childId,
              year: x.year,
              in_touch: x.inTouch,
              activity: x.activity,
              accommodation: x.accommodation,
            })),
          ),
        );
        await bulkInsert(
          tx,
          'health_outcome',
          OC2_COLUMNS,
          rows((r, childId) =>
            r.healthOutcomes.map((x) => ({
              id: randomUUID(),
              ...by,
              child_id: childId,
              year: x.year,
              sdq_score: x.sdqScore,
              sdq_reason: x.sdqReason,
              convicted: x.convicted,
              health_check: x.healthCheck,
              immunisations: x.immunisations,
              teeth_check: x.teethCheck,
              health_assessment: x.healthAssessment,
              substance_misuse: x.substanceMisuse,
              intervention_received: x.interventionReceived,
              intervention_offered: x.interventionOffered,
            })),
          ),
        );
        await bulkInsert(
          tx,
          'adoption_detail',
          AD1_COLUMNS,
          rows((r, childId) =>
            r.adoption
              ? [
                  {
                    ...by,
                    child_id: childId,
                    decided_on: r.adoption.decidedOn,
                    matched_on: r.adoption.matchedOn,
                    by_foster_carers: r.adoption.byFosterCarers,
                    adopters: r.adoption.adopters,
                    adopters_sex: r.adoption.adoptersSex,
                    adopters_legal_status: r.adoption.adoptersLegalStatus,
                  },
                ]
              : [],
          ),
        );
        await bulkInsert(
          tx,
          'previous_permanence',
          PREV_COLUMNS,
          rows((r, childId) => (r.previousPermanence ? [{ ...by, child_id: childId, ...r.previousPermanence }] : [])),
        );
        await bulkInsert(
          tx,
          'adoption_decision',
          ADOPTION_COLUMNS,
          rows((r, childId) =>
            r.adoptionDecisions.map((x) => ({
              id: randomUUID(),
              ...by,
              child_id: childId,
              decided_on: x.decidedOn,
              ceased_on: x.ceasedOn,
              ceased_reason: x.ceasedReason,
            })),
          ),
        );
        await bulkInsert(
          tx,
          'liberty_order',
          DOLO_COLUMNS,
          rows((r, childId) => r.libertyOrders.map((x) => ({ id: randomUUID(), ...by, child_id: childId, start: x.start, end: x.end }))),
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
        const reason = `SSDA903 returns loaded (${plan.years} year${plan.years === 1 ? '' : 's'})`;
        await bulkInsert(
          tx,
          'record_change',
          AUDIT_COLUMNS,
          rows((r, childId) => [
            {
              local_authority: la,
              child_id: childId,
              entity: 'import',
              action: existing.has(r.reference) ? 'update' : 'create',
              after: { importId, episodes: r.episodes.length, reviews: r.reviews.length, missing: r.missing.length },
              reason,
              actor,
            },
          ]),
          false,
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
      return { id, type: def.type, version: def.version, local_authority: localAuthority, correlation_id: correlationId, envelope };
    });
    await bulkInsert(tx, 'outbox_event', OUTBOX_COLUMNS, rows, false);
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
