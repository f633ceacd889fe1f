import { collectionYear, emptyReturn, type Ssda903Return } from '@placewise/contracts/ssda903';

/**
 * The looked-after record of one child as plain values (ISO days, 903 codes), the shape both
 * directions share: the record out to a year's return, and a loaded return in to the record. Pure.
 */
export interface ChildRecord {
  reference: string;
  dob: string;
  sex: string | null;
  ethnicity: string | null;
  upn: string | null;
  mother: boolean | null;
  motherChildDob: string | null;
  uasc: boolean;
  uascCeased: string | null;
  episodes: EpisodeRecord[];
  reviews: { heldOn: string; participation: string }[];
  missing: { kind: string; start: string; end: string | null }[];
  socialWorkers: { socialWorkerId: string; start: string; end: string | null; reason: string | null }[];
  careLeaverOutcomes: { year: number; inTouch: string; activity: string | null; accommodation: string | null }[];
  healthOutcomes: HealthOutcomeRecord[];
  adoption: AdoptionRecord | null;
  previousPermanence: { kind: string; council: string | null; date: string | null } | null;
  adoptionDecisions: { decidedOn: string; ceasedOn: string | null; ceasedReason: string | null }[];
  libertyOrders: { start: string; end: string | null }[];
}

/** OC2: a child looked after for 12 months or more at 31 March of `year` (the collection year's start). */
export interface HealthOutcomeRecord {
  year: number;
  sdqScore: number | null;
  sdqReason: string | null;
  convicted: boolean | null;
  healthCheck: boolean | null;
  immunisations: boolean | null;
  teethCheck: boolean | null;
  healthAssessment: boolean | null;
  substanceMisuse: boolean | null;
  interventionReceived: boolean | null;
  interventionOffered: boolean | null;
}

/** AD1: how the child was adopted (in the return of the year they left care adopted). */
export interface AdoptionRecord {
  decidedOn: string | null;
  matchedOn: string | null;
  byFosterCarers: boolean | null;
  adopters: number | null;
  adoptersSex: string | null;
  adoptersLegalStatus: string | null;
}

/** The adopted RECs: the AD1 row goes in the return of the year an episode ended with one. */
const ADOPTED = ['E11', 'E12'];

export interface EpisodeRecord {
  decom: string;
  rne: string;
  ls: string;
  cin: string;
  place: string;
  placeProvider: string | null;
  dec: string | null;
  rec: string | null;
  reasonPlaceChange: string | null;
  homePost: string | null;
  plPost: string | null;
  urn: string | null;
}

const overlaps = (start: string, end: string | null, y: { start: string; end: string }) =>
  start <= y.end && (end === null || end >= y.start);
const within = (day: string | null, y: { start: string; end: string }) => day !== null && day >= y.start && day <= y.end;
const flag = (b: boolean | null) => (b === null ? null : b ? '1' : '0');
const fromFlag = (v: string | null) => (v === '1' ? true : v === '0' ? false : null);
const num = (v: string | null) => (v === null ? null : Number(v));

/**
 * A collection year's return from the record, as the DfE defines the year's content: every episode
 * open at any time in the year; a Header row for every child looked after in the year and every
 * care leaver with an outcome for it; reviews and missing episodes in the year; social worker episodes and DoLOs overlapping it;
 * the year's care leaver outcomes; the year's OC2 outcomes (children looked after 12 months at 31
 * March) and, for a child adopted in the year (an episode ending E11 or E12 in it), the AD1 row.
 */
export function recordToReturn(children: readonly ChildRecord[], startYear: number): Ssda903Return {
  const y = collectionYear(startYear);
  const ret = emptyReturn();
  const sorted = [...children].sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
  for (const c of sorted) {
    const episodes = c.episodes.filter((e) => overlaps(e.decom, e.dec, y)).sort((a, b) => (a.decom < b.decom ? -1 : 1));
    const outcome = c.careLeaverOutcomes.find((o) => o.year === startYear);
    if (!episodes.length && !outcome) continue;
    const CHILD = c.reference;
    const DOB = c.dob;
    // A Header row for every child in the return: looked after in the year, or a care leaver with the year's outcome.
    ret.Header.push({
      CHILD,
      SEX: c.sex,
      DOB,
      ETHNIC: c.ethnicity,
      UPN: c.upn,
      MOTHER: c.sex === 'F' ? flag(c.mother) : null,
      MC_DOB: c.mother ? c.motherChildDob : null,
    });
    if (episodes.length) {
      for (const e of episodes)
        ret.Episodes.push({
          CHILD,
          DECOM: e.decom,
          RNE: e.rne,
          LS: e.ls,
          CIN: e.cin,
          PLACE: e.place,
          PLACE_PROVIDER: e.placeProvider,
          DEC: e.dec !== null && e.dec <= y.end ? e.dec : null,
          REC: e.dec !== null && e.dec <= y.end ? e.rec : null,
          REASON_PLACE_CHANGE: e.dec !== null && e.dec <= y.end ? e.reasonPlaceChange : null,
          HOME_POST: c.uasc ? null : e.homePost,
          PL_POST: e.plPost,
          URN: e.urn,
        });
      if (c.uasc || c.uascCeased) ret.UASC.push({ CHILD, SEX: c.sex, DOB, DUC: c.uascCeased });
      for (const r of c.reviews.filter((r) => within(r.heldOn, y)).sort((a, b) => (a.heldOn < b.heldOn ? -1 : 1)))
        ret.Reviews.push({ CHILD, DOB, REVIEW: r.heldOn, REVIEW_CODE: r.participation });
      for (const m of c.missing.filter((m) => within(m.start, y)).sort((a, b) => (a.start < b.start ? -1 : 1)))
        ret.Missing.push({ CHILD, DOB, MISSING: m.kind, MIS_START: m.start, MIS_END: m.end !== null && m.end <= y.end ? m.end : null });
      for (const s of c.socialWorkers.filter((s) => overlaps(s.start, s.end, y)).sort((a, b) => (a.start < b.start ? -1 : 1))) {
        const ended = s.end !== null && s.end <= y.end;
        ret.SWEpisodes.push({
          CHILD,
          DOB,
          SW_ID: s.socialWorkerId,
          SW_DECOM: s.start,
          SW_DEC: ended ? s.end : null,
          SW_REASON: s.reason,
        });
      }
      for (const d of c.libertyOrders.filter((d) => overlaps(d.start, d.end, y)).sort((a, b) => (a.start < b.start ? -1 : 1)))
        ret.DoLo.push({ CHILD, DOB, DOLO_START: d.start, DOLO_END: d.end !== null && d.end <= y.end ? d.end : null });
      for (const a of c.adoptionDecisions.filter((a) => overlaps(a.decidedOn, a.ceasedOn, y)))
        ret.PlacedAdoption.push({
          CHILD,
          DOB,
          DATE_PLACED: a.decidedOn,
          DATE_PLACED_CEASED: a.ceasedOn !== null && a.ceasedOn <= y.end ? a.ceasedOn : null,
          REASON_PLACED_CEASED: a.ceasedOn !== null && a.ceasedOn <= y.end ? a.ceasedReason : null,
        });
      // Previous permanence is asked of children who started to be looked after in the year.
      if (c.previousPermanence && episodes.some((e) => e.rne === 'S' && within(e.decom, y)))
        ret.PrevPerm.push({
          CHILD,
          DOB,
          PREV_PERM: c.previousPermanence.kind,
          LA_PERM: c.previousPermanence.council,
          DATE_PERM: c.previousPermanence.date,
        });
    }
    if (episodes.length) {
      const oc2 = c.healthOutcomes.find((o) => o.year === startYear);
      if (oc2)
        ret.OC2.push({
          CHILD,
          DOB,
          SDQ_SCORE: oc2.sdqScore === null ? null : String(oc2.sdqScore),
          SDQ_REASON: oc2.sdqReason,
          CONVICTED: flag(oc2.convicted),
          HEALTH_CHECK: flag(oc2.healthCheck),
          IMMUNISATIONS: flag(oc2.immunisations),
          TEETH_CHECK: flag(oc2.teethCheck),
          HEALTH_ASSESSMENT: flag(oc2.healthAssessment),
          SUBSTANCE_MISUSE: flag(oc2.substanceMisuse),
          INTERVENTION_RECEIVED: flag(oc2.interventionReceived),
          INTERVENTION_OFFERED: flag(oc2.interventionOffered),
        });
      const a = c.adoption;
      if (a && episodes.some((e) => e.rec !== null && ADOPTED.includes(e.rec) && within(e.dec, y)))
        ret.AD1.push({
          CHILD,
          DOB,
          DATE_INT: a.decidedOn,
          DATE_MATCH: a.matchedOn,
          FOSTER_CARE: flag(a.byFosterCarers),
          NB_ADOPTR: a.adopters === null ? null : String(a.adopters),
          SEX_ADOPTR: a.adoptersSex,
          LS_ADOPTR: a.adoptersLegalStatus,
        });
    }
    if (outcome) ret.OC3.push({ CHILD, DOB, IN_TOUCH: outcome.inTouch, ACTIV: outcome.activity, ACCOM: outcome.accommodation });
  }
  return ret;
}

function byChild<R extends { CHILD: string | null }>(rows: readonly R[]): Map<string, R[]> {
  const m = new Map<string, R[]>();
  for (const r of rows) {
    if (!r.CHILD) continue;
    let list = m.get(r.CHILD);
    if (!list) m.set(r.CHILD, (list = []));
    list.push(r);
  }
  return m;
}

const req = (v: string | null, what: string): string => {
  if (v === null) throw new Error(`${what} is empty`);
  return v;
};

/** An OC2 row as the record keeps it, for its collection year. */
export function healthOutcomeOf(o: Ssda903Return['OC2'][number], year: number): HealthOutcomeRecord {
  return {
    year,
    sdqScore: num(o.SDQ_SCORE),
    sdqReason: o.SDQ_REASON,
    convicted: fromFlag(o.CONVICTED),
    healthCheck: fromFlag(o.HEALTH_CHECK),
    immunisations: fromFlag(o.IMMUNISATIONS),
    teethCheck: fromFlag(o.TEETH_CHECK),
    healthAssessment: fromFlag(o.HEALTH_ASSESSMENT),
    substanceMisuse: fromFlag(o.SUBSTANCE_MISUSE),
    interventionReceived: fromFlag(o.INTERVENTION_RECEIVED),
    interventionOffered: fromFlag(o.INTERVENTION_OFFERED),
  };
}

/**
 * The record of every child in a loaded (merged, checked) return. `oc3Year` and `oc2Year` give the
 * collection year of each OC3 and OC2 row (by its index), since the tables themselves carry none.
 * Children are known by CHILD; a child with no Header row takes its DOB from its other rows.
 */
export function returnToRecords(
  ret: Ssda903Return,
  oc3Year: (index: number) => number,
  oc2Year: (index: number) => number = oc3Year,
): ChildRecord[] {
  const headers = byChild(ret.Header);
  const episodes = byChild(ret.Episodes);
  const reviews = byChild(ret.Reviews);
  const uasc = byChild(ret.UASC);
  const missing = byChild(ret.Missing);
  const sw = byChild(ret.SWEpisodes);
  const oc3 = byChild(ret.OC3.map((r, i) => ({ ...r, year: oc3Year(i) })));
  const oc2 = byChild(ret.OC2.map((r, i) => ({ ...r, year: oc2Year(i) })));
  const ad1 = byChild(ret.AD1);
  const prev = byChild(ret.PrevPerm);
  const placed = byChild(ret.PlacedAdoption);
  const dolo = byChild(ret.DoLo);
  const refs = new Set<string>([...headers.keys(), ...episodes.keys(), ...oc3.keys()]);
  const out: ChildRecord[] = [];
  for (const reference of [...refs].sort()) {
    const h = headers.get(reference)?.at(-1);
    const u = uasc.get(reference)?.at(-1);
    const dob =
      h?.DOB ??
      reviews.get(reference)?.[0]?.DOB ??
      oc3.get(reference)?.[0]?.DOB ??
      missing.get(reference)?.[0]?.DOB ??
      sw.get(reference)?.[0]?.DOB;
    const p = prev.get(reference)?.at(-1);
    const ad = ad1.get(reference)?.at(-1);
    out.push({
      reference,
      dob: req(dob ?? null, `DOB of ${reference}`),
      sex: h?.SEX ?? u?.SEX ?? null,
      ethnicity: h?.ETHNIC ?? null,
      upn: h?.UPN ?? null,
      mother: h?.MOTHER === '1' ? true : h?.MOTHER === '0' ? false : null,
      motherChildDob: h?.MC_DOB ?? null,
      uasc: u !== undefined,
      uascCeased: u?.DUC ?? null,
      episodes: (episodes.get(reference) ?? [])
        .map((e) => ({
          decom: req(e.DECOM, 'DECOM'),
          rne: req(e.RNE, 'RNE'),
          ls: req(e.LS, 'LS'),
          cin: req(e.CIN, 'CIN'),
          place: req(e.PLACE, 'PLACE'),
          placeProvider: e.PLACE_PROVIDER,
          dec: e.DEC,
          rec: e.REC,
          reasonPlaceChange: e.REASON_PLACE_CHANGE,
          homePost: e.HOME_POST,
          plPost: e.PL_POST,
          urn: e.URN,
        }))
        .sort((a, b) => (a.decom < b.decom ? -1 : 1)),
      reviews: (reviews.get(reference) ?? []).map((r) => ({
        heldOn: req(r.REVIEW, 'REVIEW'),
        participation: req(r.REVIEW_CODE, 'REVIEW_CODE'),
      })),
      missing: (missing.get(reference) ?? []).map((m) => ({
        kind: req(m.MISSING, 'MISSING'),
        start: req(m.MIS_START, 'MIS_START'),
        end: m.MIS_END,
      })),
      socialWorkers: (sw.get(reference) ?? []).map((s) => ({
        socialWorkerId: req(s.SW_ID, 'SW_ID'),
        start: req(s.SW_DECOM, 'SW_DECOM'),
        end: s.SW_DEC,
        reason: s.SW_REASON,
      })),
      careLeaverOutcomes: (oc3.get(reference) ?? []).map((o) => ({
        year: o.year,
        inTouch: req(o.IN_TOUCH, 'IN_TOUCH'),
        activity: o.ACTIV,
        accommodation: o.ACCOM,
      })),
      healthOutcomes: (oc2.get(reference) ?? []).map((o) => healthOutcomeOf(o, o.year)),
      adoption: ad
        ? {
            decidedOn: ad.DATE_INT,
            matchedOn: ad.DATE_MATCH,
            byFosterCarers: fromFlag(ad.FOSTER_CARE),
            adopters: num(ad.NB_ADOPTR),
            adoptersSex: ad.SEX_ADOPTR,
            adoptersLegalStatus: ad.LS_ADOPTR,
          }
        : null,
      previousPermanence: p ? { kind: req(p.PREV_PERM, 'PREV_PERM'), council: p.LA_PERM, date: p.DATE_PERM } : null,
      adoptionDecisions: (placed.get(reference) ?? []).map((a) => ({
        decidedOn: req(a.DATE_PLACED, 'DATE_PLACED'),
        ceasedOn: a.DATE_PLACED_CEASED,
        ceasedReason: a.REASON_PLACED_CEASED,
      })),
      libertyOrders: (dolo.get(reference) ?? []).map((d) => ({ start: req(d.DOLO_START, 'DOLO_START'), end: d.DOLO_END })),
    });
  }
  return out;
}

/** The collection year (its start) a return is for: the year holding its latest date. */
export function yearOfReturn(ret: Ssda903Return): number | null {
  let latest: string | null = null;
  const see = (d: string | null) => {
    if (d !== null && (latest === null || d > latest)) latest = d;
  };
  for (const e of ret.Episodes) {
    see(e.DECOM);
    see(e.DEC);
  }
  for (const r of ret.Reviews) see(r.REVIEW);
  for (const m of ret.Missing) see(m.MIS_START);
  if (latest === null) return null;
  const [y, m] = (latest as string).split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

/** The episode of the placement a child is in at the end of a load, and the day that placement began (back over legal-status-only changes). */
export function openPlacement(episodes: readonly EpisodeRecord[]): { episode: EpisodeRecord; start: string } | null {
  const sorted = [...episodes].sort((a, b) => (a.decom < b.decom ? -1 : 1));
  const last = sorted.at(-1);
  if (!last || last.dec !== null) return null;
  let start = last.decom;
  for (let i = sorted.length - 1; i > 0; i--) {
    const cur = sorted[i] as EpisodeRecord;
    const prev = sorted[i - 1] as EpisodeRecord;
    if (cur.rne !== 'L' || prev.dec !== cur.decom) break;
    start = prev.decom;
  }
  return { episode: last, start };
}
