import { fromDayNumber, toDayNumber } from '@placewise/contracts/dates';
import { collectionYear, emptyReturn, type Ssda903Return, type Ssda903Row } from '@placewise/contracts/ssda903';

/**
 * A council-sized demo: several years of SSDA903 returns for Northshire, an invented English shire
 * county, shaped like a real one's published figures (about 500 children looked after at each
 * 31 March, 25 to 30 entries and exits a month, the national mix of ages, legal statuses, placements
 * and exit routes), with the weekly cost of each placement at a real council's prices.
 *
 * Everything comes from one seeded generator, so the same options give the same returns. Every
 * child, postcode, URN and social worker is made up (postcodes are in the invented NS and SV areas).
 *
 * The simulation runs a warm-up of 18 years before the first return so that the children already
 * in care at its start have real histories; each year's return holds, as a council submits it,
 * every child looked after at any time in the year, each episode open in the year (an episode that
 * ends after 31 March is open in that year's return), the reviews, missing episodes and social
 * worker episodes in the year (social workers from 2023-24, when the DfE began to collect them), the
 * outcome modules (OC2 for children looked after a year, OC3 for care leavers aged 19 to 21 with
 * their header rows, AD1 and the adoption decision), and UASC rows. Postcodes (HOME_POST, PL_POST)
 * are whole postcodes, as the DfE's validator looks them up. Each child is one period of care (a
 * child who comes back would be a new identifier here). The weekly costs are those of the placement
 * each child is in at the last 31 March (byChild, what the council's weekly-cost file holds) and each
 * setting's usual price (bySetting, by Ofsted URN: not part of the cost file, which has no column for it).
 */

export type DemoCouncilOptions = { children: number; years: number; lastYearStart: number; seed: number };
export type DemoCouncil = {
  years: Ssda903Return[];
  weeklyCosts: { byChild: Record<string, number>; bySetting: Record<string, number> };
};

/** mulberry32: a small, fast, seeded PRNG (32-bit state). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = {
  next: () => number;
  int: (lo: number, hi: number) => number;
  pick: <T>(items: readonly T[]) => T;
  weighted: <T extends string>(weights: Readonly<Record<T, number>>) => T;
  chance: (p: number) => boolean;
  expo: (mean: number) => number;
};

function rng(seed: number): Rng {
  const next = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (weights) => {
      const entries = Object.entries(weights) as [never, number][];
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [k, w] of entries) {
        r -= w;
        if (r < 0) return k;
      }
      return entries[entries.length - 1]![0];
    },
    chance: (p) => next() < p,
    expo: (mean) => -Math.log(1 - next()) * mean,
  };
}

const day = toDayNumber;
const iso = fromDayNumber;

/** A setting a child can be placed in (or, for foster care, a carer household). */
type Placement = {
  kind:
    | 'INHOUSE_FOSTER'
    | 'KIN'
    | 'IFA'
    | 'HOME_INHOUSE'
    | 'HOME_PRIVATE'
    | 'SUPPORTED'
    | 'PARENTS'
    | 'SECURE'
    | 'SCHOOL'
    | 'FAMILY_CENTRE'
    | 'ADOPTION';
  place: string;
  provider: string | null;
  urn: string | null;
  post: string;
  weeklyPence: number;
};
type Setting = { urn: string; provider: string; post: string; weeklyPence: number };

type Episode = { start: number; end: number | null; rne: string; ls: string; pl: Placement; rec: string | null; reason: string | null };
type Child = {
  id: string;
  sex: 'M' | 'F';
  dob: number;
  ethnic: string;
  upn: string;
  uasc: boolean;
  homePost: string | null;
  cin: string;
  entry: number;
  exit: number | null;
  episodes: Episode[];
  reviews: number[];
  missing: { start: number; end: number; type: 'M' | 'A' }[];
  social: { id: string; start: number; end: number | null; reason: string | null }[];
  /** For a child with a plan for adoption: the day of the decision that they should be placed for adoption. */
  adoptionDecision: number | null;
};

const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

function postcode(r: Rng, district: string): string {
  return `${district} ${r.int(1, 9)}${r.pick([...INWARD_LETTERS])}${r.pick([...INWARD_LETTERS])}`;
}

function ageOn(dob: number, at: number): number {
  const b = iso(dob);
  const d = iso(at);
  const years = Number(d.slice(0, 4)) - Number(b.slice(0, 4));
  return d.slice(5) < b.slice(5) ? years - 1 : years;
}

function birthday(dob: number, years: number): number {
  const b = iso(dob);
  const md = b.slice(5) === '02-29' ? '03-01' : b.slice(5);
  return day(`${String(Number(b.slice(0, 4)) + years).padStart(4, '0')}-${md}`);
}

/** The council's settings: its own fostering service and homes, agencies, homes and providers it buys from. */
function makeSettings(r: Rng) {
  const inArea = Array.from({ length: 12 }, (_, i) => `NS${i + 1}`);
  const outArea = Array.from({ length: 6 }, (_, i) => `SV${i + 1}`);
  const districts = [...inArea, ...inArea, ...outArea];
  const urns = new Set<string>();
  const urn = (prefix = 'SC') => {
    for (;;) {
      const u = `${prefix}${String(r.int(10000, 999999)).padStart(6, '0')}`;
      if (!urns.has(u)) {
        urns.add(u);
        return u;
      }
    }
  };
  const make = (n: number, provider: () => string, pence: () => number, prefix = 'SC'): Setting[] =>
    Array.from({ length: n }, () => ({
      urn: urn(prefix),
      provider: provider(),
      post: postcode(r, r.pick(districts)),
      weeklyPence: pence(),
    }));
  const round = (p: number) => Math.round(p / 100) * 100;
  return {
    districts,
    inArea,
    fostering: { urn: urn(), provider: 'PR1', post: postcode(r, 'NS1'), weeklyPence: 45000 } as Setting,
    adoption: { urn: urn(), provider: 'PR1', post: postcode(r, 'NS1'), weeklyPence: 25000 } as Setting,
    ifas: make(
      12,
      () => (r.chance(0.8) ? 'PR4' : 'PR5'),
      () => round(r.int(85000, 110000)),
    ),
    ownHomes: make(
      3,
      () => 'PR1',
      () => round(r.int(480000, 560000)),
    ),
    homes: make(
      30,
      () => (r.chance(0.85) ? 'PR4' : 'PR5'),
      () => round(r.int(520000, 780000)),
    ),
    supported: make(
      8,
      () => (r.chance(0.6) ? 'PR4' : 'PR5'),
      () => round(r.int(150000, 220000)),
    ),
    secure: make(
      2,
      () => (r.chance(0.5) ? 'PR2' : 'PR3'),
      () => round(r.int(750000, 950000)),
    ),
    schools: make(
      3,
      () => 'PR4',
      () => round(r.int(420000, 560000)),
      '',
    ),
    familyCentres: make(
      2,
      () => 'PR4',
      () => round(r.int(300000, 400000)),
    ),
  };
}
type Settings = ReturnType<typeof makeSettings>;

function fromSetting(kind: Placement['kind'], place: string, s: Setting): Placement {
  return { kind, place, provider: s.provider, urn: s.urn, post: s.post, weeklyPence: s.weeklyPence };
}

/** A placement for a child of this age and legal status (never the same as `not`). */
function drawPlacement(r: Rng, s: Settings, age: number, ls: string, homePost: string | null, uasc: boolean, not?: Placement): Placement {
  for (;;) {
    const weights: Record<Placement['kind'], number> =
      age >= 16
        ? {
            INHOUSE_FOSTER: 22,
            KIN: 5,
            IFA: 14,
            HOME_INHOUSE: 3,
            HOME_PRIVATE: 10,
            SUPPORTED: 48,
            PARENTS: 3,
            SECURE: 0.5,
            SCHOOL: 1,
            FAMILY_CENTRE: 0,
            ADOPTION: 0,
          }
        : age >= 11
          ? {
              INHOUSE_FOSTER: 36,
              KIN: 9,
              IFA: 22,
              HOME_INHOUSE: 4,
              HOME_PRIVATE: 15,
              SUPPORTED: 0,
              PARENTS: 7,
              SECURE: 1,
              SCHOOL: 2,
              FAMILY_CENTRE: 0,
              ADOPTION: 0,
            }
          : age >= 1
            ? {
                INHOUSE_FOSTER: 48,
                KIN: 14,
                IFA: 22,
                HOME_INHOUSE: 0.5,
                HOME_PRIVATE: 1.5,
                SUPPORTED: 0,
                PARENTS: 14,
                SECURE: 0,
                SCHOOL: 1,
                FAMILY_CENTRE: 0,
                ADOPTION: 0,
              }
            : {
                INHOUSE_FOSTER: 52,
                KIN: 14,
                IFA: 20,
                HOME_INHOUSE: 0,
                HOME_PRIVATE: 0,
                SUPPORTED: 0,
                PARENTS: 6,
                SECURE: 0,
                SCHOOL: 0,
                FAMILY_CENTRE: 8,
                ADOPTION: 0,
              };
    if (uasc) Object.assign(weights, { KIN: 0, PARENTS: 0, SCHOOL: 0 });
    if (!['C1', 'C2'].includes(ls) || homePost === null) weights.PARENTS = 0;
    const kind = r.weighted(weights);
    const district = r.pick(s.districts);
    let pl: Placement;
    switch (kind) {
      case 'INHOUSE_FOSTER':
        pl = { ...fromSetting(kind, r.chance(0.5) ? 'U6' : 'U4', s.fostering), post: postcode(r, district) };
        break;
      case 'KIN':
        pl = { ...fromSetting(kind, r.chance(0.6) ? 'U3' : 'U1', s.fostering), post: postcode(r, district), weeklyPence: 30000 };
        break;
      case 'IFA':
        pl = { ...fromSetting(kind, r.chance(0.6) ? 'U6' : 'U4', r.pick(s.ifas)), post: postcode(r, district) };
        break;
      case 'HOME_INHOUSE':
        pl = fromSetting(kind, 'K2', r.pick(s.ownHomes));
        break;
      case 'HOME_PRIVATE':
        pl = fromSetting(kind, 'K2', r.pick(s.homes));
        break;
      case 'SUPPORTED':
        pl = fromSetting(kind, 'K3', r.pick(s.supported));
        break;
      case 'SECURE':
        pl = fromSetting(kind, 'K1', r.pick(s.secure));
        break;
      case 'SCHOOL':
        pl = fromSetting(kind, 'S1', r.pick(s.schools));
        break;
      case 'FAMILY_CENTRE':
        pl = fromSetting(kind, 'R3', r.pick(s.familyCentres));
        break;
      case 'PARENTS':
        pl = { kind, place: 'P1', provider: 'PR0', urn: null, post: homePost!, weeklyPence: 10000 };
        break;
      case 'ADOPTION':
        pl = fromSetting(kind, 'A6', s.adoption);
        break;
    }
    if (!not || pl.place !== not.place || pl.provider !== not.provider || pl.urn !== not.urn || pl.post !== not.post) return pl;
  }
}

type Route = 'HOME' | 'SGO' | 'ADOPT' | 'EIGHTEEN' | 'OTHER' | 'REMAND' | 'PROTECTION';

const ETHNIC_WEIGHTS = {
  WBRI: 74,
  WOTH: 4,
  WIRI: 0.5,
  WROM: 1,
  MWBC: 3,
  MWBA: 1,
  MWAS: 1.5,
  MOTH: 3,
  AIND: 0.5,
  APKN: 1,
  ABAN: 0.3,
  AOTH: 0.7,
  BCRB: 1,
  BAFR: 2,
  BOTH: 0.5,
  CHNE: 0.2,
  OOTH: 1,
  NOBT: 0.3,
};
const UASC_ETHNIC = { BAFR: 35, AOTH: 25, OOTH: 25, WOTH: 10, MOTH: 5 };
const PLACE_CHANGE_REASONS = {
  CARPL: 35,
  CREQB: 14,
  CREQO: 9,
  CHILD: 8,
  LAREQ: 10,
  STAND: 3,
  ALLEG: 2,
  CLOSE: 2,
  APPRR: 1,
  PLACE: 4,
  OTHER: 12,
};
const SW_REASONS = { MANAGE: 10, FCONTA: 3, LEFTRL: 35, ORGRST: 8, TSPROC: 25, ABSENC: 6, CHCHAN: 5, PCCHAN: 5, OTHERS: 3 };

/** One child's whole time in care: entry, legal status and placement changes, exit, reviews, missing, social workers. */
function simulateChild(r: Rng, s: Settings, n: number, entry: number, horizon: number, socialWorkers: string[]): Child {
  const uasc = r.chance(0.085);
  const ageBand = uasc ? r.weighted({ 14: 15, 15: 30, 16: 40, 17: 15 }) : r.weighted({ 0: 21, 1: 9, 5: 20, 10: 35, 16: 15 });
  const ageYears =
    ageBand === '0'
      ? 0
      : ageBand === '1'
        ? r.int(1, 4)
        : ageBand === '5'
          ? r.int(5, 9)
          : ageBand === '10'
            ? r.int(10, 15)
            : ageBand === '16'
              ? r.int(16, 17)
              : Number(ageBand);
  const dob = entry - ageYears * 365 - r.int(ageYears === 0 ? 0 : 1, ageYears === 0 ? 300 : 360);
  const eighteen = birthday(dob, 18);
  const sex: 'M' | 'F' = uasc ? (r.chance(0.92) ? 'M' : 'F') : r.chance(0.55) ? 'M' : 'F';
  const homePost = uasc ? null : postcode(r, r.pick(s.inArea));
  const cin = uasc ? 'N8' : r.weighted({ N1: 66, N2: 3, N3: 3, N4: 8, N5: 13, N6: 2, N7: 0.2, N8: 4.8 });

  const route: Route = uasc
    ? r.weighted({ EIGHTEEN: 85, OTHER: 15 })
    : r.chance(0.03) && ageYears >= 12
      ? 'REMAND'
      : r.chance(0.04)
        ? 'PROTECTION'
        : ageYears === 0
          ? r.weighted({ ADOPT: 42, SGO: 20, HOME: 30, OTHER: 8, EIGHTEEN: 0.5 })
          : ageYears <= 4
            ? r.weighted({ ADOPT: 18, SGO: 25, HOME: 43, OTHER: 12, EIGHTEEN: 2 })
            : ageYears <= 9
              ? r.weighted({ SGO: 20, HOME: 48, OTHER: 20, EIGHTEEN: 12 })
              : ageYears <= 13
                ? r.weighted({ SGO: 8, HOME: 50, OTHER: 17, EIGHTEEN: 25 })
                : r.weighted({ HOME: 40, OTHER: 12, EIGHTEEN: 48 });

  // Legal status at entry and its changes.
  const lsChanges: { at: number; ls: string }[] = [];
  let firstLs: string;
  let exit: number;
  let rec: string;
  let adoptionPlacedAt: number | null = null;
  let adoptionDecision: number | null = null;
  let adoptionWithCarers = false;
  if (uasc) firstLs = 'V2';
  else if (route === 'REMAND') firstLs = r.chance(0.85) ? 'J1' : 'J2';
  else if (route === 'PROTECTION') firstLs = r.chance(0.7) ? 'L1' : 'L2';
  else if (route === 'ADOPT') firstLs = 'C1';
  else firstLs = r.weighted({ C1: 72, V2: 24, C2: 2, J3: 2 });

  switch (route) {
    case 'HOME':
      exit = entry + 14 + Math.round(r.expo(260));
      rec = r.chance(0.8) ? 'E4A' : 'E4B';
      break;
    case 'SGO':
      exit = entry + r.int(300, 1000);
      rec = 'E4X';
      break;
    case 'OTHER':
      exit = entry + 14 + Math.round(r.expo(320));
      rec = uasc
        ? r.weighted({ E15: 40, E8: 30, E16: 30 })
        : r.weighted({ E13: 30, E41: 22, E8: 24, E3: 10, E9: ageYears >= 12 ? 10 : 0, E7: ageYears >= 14 ? 4 : 0 });
      break;
    case 'REMAND':
      exit = entry + r.int(7, 120);
      rec = 'E14';
      break;
    case 'PROTECTION':
      exit = entry + r.int(1, 3);
      rec = 'E4A';
      if (r.chance(0.5)) {
        lsChanges.push({ at: entry + r.int(1, 3), ls: 'C1' });
        exit = entry + 14 + Math.round(r.expo(300));
        rec = r.weighted({ E4A: 50, E13: 20, E41: 15, E8: 15 });
      }
      break;
    case 'ADOPT': {
      const c2 = entry + r.int(90, 240);
      const e1 = c2 + r.int(60, 200);
      adoptionPlacedAt = e1 + r.int(50, 180);
      adoptionDecision = e1;
      adoptionWithCarers = r.chance(0.3);
      lsChanges.push({ at: c2, ls: 'C2' }, { at: e1, ls: 'E1' });
      exit = adoptionPlacedAt + r.int(150, 330);
      rec = r.chance(0.7) ? 'E11' : 'E12';
      break;
    }
    case 'EIGHTEEN':
      exit = eighteen;
      rec = 'E18';
      break;
  }
  if (exit >= eighteen) {
    exit = eighteen;
    rec = 'E18';
  }
  if (firstLs === 'C1' && route !== 'ADOPT') {
    const c2 = entry + r.int(100, 280);
    if (c2 < exit - 1) lsChanges.push({ at: c2, ls: 'C2' });
  }
  if (firstLs === 'V2' && !uasc && r.chance(0.55)) {
    const c1 = entry + r.int(30, 200);
    if (c1 < exit - 1) lsChanges.push({ at: c1, ls: 'C1' });
    const c2 = c1 + r.int(100, 250);
    if (c2 < exit - 1) lsChanges.push({ at: c2, ls: 'C2' });
  }

  // Moves: most children move rarely, some often (three or more placements in a year).
  const moveRate = r.weighted({ low: 68, mid: 24, high: 8 });
  const perYear = moveRate === 'low' ? 0.35 : moveRate === 'mid' ? 1 : 3.5;
  const moves: number[] = [];
  const moveUntil = Math.min(exit, horizon, adoptionPlacedAt ?? Infinity);
  for (
    let t = entry + Math.max(2, Math.round(r.expo(365 / perYear)));
    t < moveUntil - 1;
    t += Math.max(2, Math.round(r.expo(365 / perYear)))
  )
    moves.push(t);

  // Episodes, from the events in date order (one change a day at most; a legal status change and a move the same day are one episode).
  type Ev = { at: number; ls?: string; move?: 'P' | 'SUPPORTED' | 'ADOPT' | 'HOLIDAY' | 'RETURN' };
  const evs = new Map<number, Ev>();
  const add = (at: number, e: Omit<Ev, 'at'>) => {
    if (at <= entry || at >= exit) return;
    evs.set(at, { ...(evs.get(at) ?? { at }), ...e });
  };
  for (const c of lsChanges) add(c.at, { ls: c.ls });
  for (const m of moves) add(m, { move: 'P' });
  if (adoptionPlacedAt !== null) add(adoptionPlacedAt, { move: 'ADOPT' });
  // Many 16- and 17-year-olds move on to supported accommodation as they prepare to leave care.
  const supportedAt = birthday(dob, 16) + r.int(0, 500);
  if (r.chance(0.3) && supportedAt < moveUntil - 1) add(supportedAt, { move: 'SUPPORTED' });
  // Now and then a fostered child is away on holiday (T2) for a few days and comes back to the same
  // carers; drawn from the child's own generator so that the rest of the simulation is unchanged.
  const hr = rng((n * 2654435761) >>> 0);
  for (let t = entry + 30 + Math.round(hr.expo(900)); t < moveUntil - 20; t += 60 + Math.round(hr.expo(900))) {
    const back = t + hr.int(3, 14);
    const busy = [...evs.keys()].some((k) => k >= t - 1 && k <= back + 1);
    if (busy || back >= moveUntil - 1) continue;
    add(t, { move: 'HOLIDAY' });
    add(back, { move: 'RETURN' });
  }

  let ls = firstLs;
  let pl = drawPlacement(r, s, ageYears, ls, homePost, uasc);
  if (route === 'ADOPT' && ['SECURE', 'SCHOOL', 'HOME_INHOUSE', 'HOME_PRIVATE', 'PARENTS', 'FAMILY_CENTRE'].includes(pl.kind)) {
    pl = { ...fromSetting('INHOUSE_FOSTER', 'U6', s.fostering), post: postcode(r, r.pick(s.districts)) };
  }
  const episodes: Episode[] = [{ start: entry, end: null, rne: 'S', ls, pl, rec: null, reason: null }];
  let usual: Placement | null = null;
  for (const e of [...evs.values()].sort((a, b) => a.at - b.at)) {
    const nextLs = e.ls ?? ls;
    let nextPl = pl;
    let sameCarers = false;
    if (e.move === 'HOLIDAY' && !pl.place.startsWith('U')) continue;
    if (e.move === 'RETURN' && usual === null) continue;
    if (e.move === 'ADOPT') {
      sameCarers = adoptionWithCarers && pl.place.startsWith('U');
      nextPl = sameCarers
        ? { ...pl, kind: 'ADOPTION', place: 'A5', provider: s.adoption.provider, urn: s.adoption.urn, weeklyPence: s.adoption.weeklyPence }
        : fromSetting('ADOPTION', 'A6', s.adoption);
      if (!sameCarers) nextPl = { ...nextPl, post: postcode(r, r.pick(s.districts)) };
    } else if (e.move === 'HOLIDAY') {
      usual = pl;
      nextPl = { ...pl, place: 'T2', provider: null, urn: null };
    } else if (e.move === 'RETURN') {
      nextPl = usual!;
      usual = null;
    } else if (e.move === 'SUPPORTED') {
      if (pl.place !== 'K3') nextPl = fromSetting('SUPPORTED', 'K3', r.pick(s.supported));
    } else if (e.move === 'P') {
      if (pl.place === 'U6' && r.chance(0.15)) {
        nextPl = { ...pl, place: 'U4' }; // the same carers become the child's long-term foster carers
        sameCarers = true;
      } else {
        nextPl = drawPlacement(r, s, ageOn(dob, e.at), nextLs, homePost, uasc, pl);
      }
    }
    if (nextPl.place === 'P1' && !['C1', 'C2'].includes(nextLs)) nextPl = drawPlacement(r, s, ageOn(dob, e.at), nextLs, homePost, uasc, pl);
    if (pl.place === 'P1' && !['C1', 'C2'].includes(nextLs) && nextPl === pl)
      nextPl = drawPlacement(r, s, ageOn(dob, e.at), nextLs, homePost, uasc, pl);
    const lsChanged = nextLs !== ls;
    const plChanged = nextPl !== pl;
    if (!lsChanged && !plChanged) continue;
    const rne = lsChanged && plChanged ? (sameCarers ? 'U' : 'B') : lsChanged ? 'L' : sameCarers ? 'T' : 'P';
    const prev = episodes[episodes.length - 1]!;
    prev.end = e.at;
    prev.rec = 'X1';
    if (plChanged && e.move !== 'HOLIDAY' && e.move !== 'RETURN')
      prev.reason = e.move === 'ADOPT' ? 'CARPL' : r.weighted(PLACE_CHANGE_REASONS);
    episodes.push({ start: e.at, end: null, rne, ls: nextLs, pl: nextPl, rec: null, reason: null });
    ls = nextLs;
    pl = nextPl;
  }
  const last = episodes[episodes.length - 1]!;
  const left = exit <= horizon;
  if (left) {
    last.end = exit;
    if (rec === 'E4X') rec = pl.kind === 'KIN' ? (r.chance(0.7) ? 'E45' : 'E47') : r.chance(0.6) ? 'E46' : 'E48';
    if (rec === 'E18') rec = pl.place.startsWith('U') && r.chance(0.45) ? 'E17' : r.chance(0.7) ? 'E5' : 'E6';
    last.rec = rec;
  }
  const end = left ? exit : null;

  // Reviews: within 20 working days, then 3 months later, then every 6 months.
  const reviews: number[] = [];
  for (let t = entry + r.int(18, 28), k = 0; t <= Math.min(end ?? horizon, horizon); k++) {
    reviews.push(t);
    t += k === 0 ? r.int(85, 92) : r.int(170, 182);
  }

  // Missing episodes: some teenagers, a few to many times a year, each one to three days, never across an episode's end.
  const missing: Child['missing'] = [];
  if (ageYears >= 11 && r.chance(uasc ? 0.15 : 0.3)) {
    const rate = r.chance(0.25) ? 6 : 1.5;
    for (
      let t = entry + Math.round(r.expo(365 / rate));
      t < Math.min(end ?? horizon, horizon) - 5;
      t += 4 + Math.round(r.expo(365 / rate))
    ) {
      const len = r.int(0, 3);
      const crosses = episodes.some((e) => e.end !== null && t < e.end && t + len >= e.end);
      if (crosses || ageOn(dob, t) < 10) continue;
      missing.push({ start: t, end: t + len, type: r.chance(0.7) ? 'M' : 'A' });
    }
  }

  // Social workers: one from entry, changing every 6 to 18 months.
  const social: Child['social'] = [];
  for (let t = entry, reason: string | null = null; t < Math.min(end ?? horizon, horizon) || social.length === 0;) {
    const next = t + r.int(180, 540);
    const stop = end !== null && next >= end ? end : next > horizon ? null : next;
    social.push({ id: r.pick(socialWorkers), start: t, end: stop, reason });
    if (stop === null || stop === end) break;
    t = next;
    reason = r.weighted(SW_REASONS);
  }

  return {
    id: `NS${String(n).padStart(6, '0')}`,
    sex,
    dob,
    ethnic: uasc ? r.weighted(UASC_ETHNIC) : r.weighted(ETHNIC_WEIGHTS),
    upn: `${r.pick([...UPN_LETTERS])}${String(r.int(0, 999999)).padStart(6, '0')}${String(r.int(0, 999999)).padStart(6, '0')}`,
    uasc,
    homePost,
    cin,
    entry,
    exit: end,
    episodes,
    reviews,
    missing,
    social,
    adoptionDecision,
  };
}

/** The children, their settings and the entry rate that gives the wanted number in care. */
function simulate(opts: DemoCouncilOptions, perMonth: number): { children: Child[]; settings: Settings } {
  const r = rng(opts.seed);
  const settings = makeSettings(r);
  const socialWorkers = Array.from({ length: Math.max(20, Math.round(opts.children / 8)) }, () => `SW${r.int(10000, 999999)}`);
  const firstStart = day(`${opts.lastYearStart - opts.years + 1}-04-01`);
  const horizon = day(`${opts.lastYearStart + 1}-03-31`);
  const warmup = firstStart - 18 * 365;
  const children: Child[] = [];
  let n = 1;
  for (let t = warmup; t <= horizon; t++) {
    // Slight growth: about 1% more entries a year.
    const rate = ((perMonth * 12) / 365) * (1 + 0.01 * ((t - firstStart) / 365));
    let k = 0;
    for (let p = Math.exp(-rate), u = r.next(), acc = p; u > acc && k < 20;) {
      k++;
      p *= rate / k;
      acc += p;
    }
    for (let i = 0; i < k; i++) children.push(simulateChild(r, settings, n++, t, horizon, socialWorkers));
  }
  return { children, settings };
}

function inCareOn(c: Child, t: number): boolean {
  return c.entry <= t && (c.exit === null || c.exit > t);
}

const ACTIVITIES = { F2: 24, F5: 16, P5: 8, F1: 6, F4: 6, P2: 3, G5: 20, G4: 7, G6: 6, '0': 4 };
const ACCOMMODATIONS = { U1: 30, Z1: 12, D1: 14, E1: 6, B1: 12, K1: 5, T1: 3, C1: 3, V2: 3, X2: 3, '0': 4, W2: 2, S2: 3 };

/** A care leaver's OC3 row in the years of their 19th, 20th and 21st birthdays (with their header row). */
function careLeaver(ret: Ssda903Return, c: Child, s: number, e: number, r: Rng, header: (c: Child) => Ssda903Row<'Header'>): void {
  const last = c.episodes[c.episodes.length - 1];
  if (!last || c.exit === null || !['E17', 'E5', 'E6'].includes(last.rec ?? '')) return;
  const birthdayInYear = [19, 20, 21].some((age) => {
    const b = birthday(c.dob, age);
    return b >= s && b <= e;
  });
  if (!birthdayInYear) return;
  ret.Header.push(header(c));
  const inTouch = r.weighted({ YES: 88, NO: 5, REFU: 3, NREQ: 4 });
  ret.OC3.push({
    CHILD: c.id,
    DOB: iso(c.dob),
    IN_TOUCH: inTouch,
    ACTIV: inTouch === 'YES' ? r.weighted(ACTIVITIES) : null,
    ACCOM: inTouch === 'YES' ? r.weighted(ACCOMMODATIONS) : null,
  });
}

/** The outcome modules for a child in this year's return: OC2, AD1 and the adoption decision. */
function outcomes(ret: Ssda903Return, c: Child, s: number, e: number, r: Rng): void {
  const dob = iso(c.dob);
  // OC2: looked after continuously for at least 12 months at 31 March.
  if (c.entry <= e - 365 && (c.exit === null || c.exit > e)) {
    const age = ageOn(c.dob, e);
    const sdq = age >= 4 && age <= 16 && r.chance(0.8);
    const misuse = age >= 10 && r.chance(0.04);
    ret.OC2.push({
      CHILD: c.id,
      DOB: dob,
      SDQ_SCORE: sdq ? String(Math.min(40, Math.round(r.expo(13)))) : null,
      SDQ_REASON: sdq ? null : age < 4 || age > 16 ? 'SDQ1' : r.weighted({ SDQ2: 2, SDQ4: 5, SDQ5: 3 }),
      CONVICTED: age >= 10 ? (r.chance(0.03) ? '1' : '0') : null,
      HEALTH_CHECK: r.chance(0.9) ? '1' : '0',
      IMMUNISATIONS: r.chance(0.85) ? '1' : '0',
      TEETH_CHECK: r.chance(0.75) ? '1' : '0',
      HEALTH_ASSESSMENT: r.chance(0.88) ? '1' : '0',
      SUBSTANCE_MISUSE: misuse ? '1' : '0',
      INTERVENTION_RECEIVED: misuse ? (r.chance(0.6) ? '1' : '0') : null,
      INTERVENTION_OFFERED: misuse ? '1' : null,
    });
  }
  if (c.adoptionDecision === null || c.adoptionDecision > e) return;
  const last = c.episodes[c.episodes.length - 1]!;
  const adoptedInYear = c.exit !== null && c.exit >= s && c.exit <= e && (last.rec === 'E11' || last.rec === 'E12');
  ret.PlacedAdoption.push({
    CHILD: c.id,
    DOB: dob,
    DATE_PLACED: iso(c.adoptionDecision),
    DATE_PLACED_CEASED: adoptedInYear ? iso(c.exit!) : null,
    REASON_PLACED_CEASED: adoptedInYear ? 'RD1' : null,
  });
  if (!adoptedInYear) return;
  const placed = c.episodes.find((ep) => ep.pl.place === 'A5' || ep.pl.place === 'A6');
  const couple = r.chance(0.8);
  const sexes = couple ? r.weighted({ MF: 85, MM: 7, FF: 8 }) : r.weighted({ F1: 85, M1: 15 });
  ret.AD1.push({
    CHILD: c.id,
    DOB: dob,
    DATE_INT: iso(c.adoptionDecision),
    DATE_MATCH: iso(Math.max(c.adoptionDecision, (placed?.start ?? c.adoptionDecision) - r.int(14, 60))),
    FOSTER_CARE: placed?.pl.place === 'A5' ? '1' : '0',
    NB_ADOPTR: couple ? '2' : '1',
    SEX_ADOPTR: sexes,
    LS_ADOPTR: !couple ? 'L0' : sexes === 'MF' ? (r.chance(0.8) ? 'L11' : 'L3') : r.chance(0.7) ? 'L12' : 'L4',
  });
}

/** One year's return, as the council would have submitted it. */
function returnFor(children: Child[], startYear: number, seed: number): Ssda903Return {
  const { start, end } = collectionYear(startYear);
  const s = day(start);
  const e = day(end);
  const ret = emptyReturn();
  // The outcome modules' answers come from their own generator, so they never change the children.
  const r = rng((seed * 7919 + startYear) >>> 0);
  const header = (c: Child) => ({
    CHILD: c.id,
    SEX: c.sex,
    DOB: iso(c.dob),
    ETHNIC: c.ethnic,
    UPN: c.uasc ? 'UN2' : ageOn(c.dob, s) < 5 ? 'UN1' : c.upn,
    MOTHER: c.sex === 'F' ? '0' : null,
    MC_DOB: null,
  });
  for (const c of children) {
    if (c.entry > e || (c.exit !== null && c.exit < s)) {
      careLeaver(ret, c, s, e, r, header);
      continue;
    }
    const dob = iso(c.dob);
    ret.Header.push(header(c));
    outcomes(ret, c, s, e, r);
    for (const ep of c.episodes) {
      if (ep.start > e || (ep.end !== null && ep.end < s)) continue;
      const closed = ep.end !== null && ep.end <= e;
      ret.Episodes.push({
        CHILD: c.id,
        DECOM: iso(ep.start),
        RNE: ep.rne,
        LS: ep.ls,
        CIN: c.cin,
        PLACE: ep.pl.place,
        PLACE_PROVIDER: ep.pl.provider,
        DEC: closed ? iso(ep.end!) : null,
        REC: closed ? ep.rec : null,
        REASON_PLACE_CHANGE: closed ? ep.reason : null,
        HOME_POST: c.homePost,
        PL_POST: ep.pl.post,
        URN: ep.pl.urn,
      });
    }
    for (const rv of c.reviews) {
      if (rv < s || rv > e) continue;
      const age = ageOn(c.dob, rv);
      ret.Reviews.push({
        CHILD: c.id,
        DOB: dob,
        REVIEW: iso(rv),
        REVIEW_CODE: age < 4 ? 'PN0' : (['PN1', 'PN1', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'][(rv + c.dob) % 9] ?? 'PN1'),
      });
    }
    if (c.uasc) ret.UASC.push({ CHILD: c.id, SEX: c.sex, DOB: dob, DUC: iso(birthday(c.dob, 18)) });
    for (const m of c.missing) {
      if (m.start < s || m.start > e) continue;
      ret.Missing.push({ CHILD: c.id, DOB: dob, MISSING: m.type, MIS_START: iso(m.start), MIS_END: m.end <= e ? iso(m.end) : null });
    }
    if (startYear >= 2023) {
      for (const w of c.social) {
        if (w.start > e || (w.end !== null && w.end < s)) continue;
        ret.SWEpisodes.push({
          CHILD: c.id,
          DOB: dob,
          SW_ID: w.id,
          SW_DECOM: iso(w.start),
          SW_DEC: w.end !== null && w.end <= e ? iso(w.end) : null,
          SW_REASON: w.reason,
        });
      }
    }
  }
  return ret;
}

function countInCare(children: Child[], opts: DemoCouncilOptions): number {
  let total = 0;
  for (let y = opts.lastYearStart - opts.years + 1; y <= opts.lastYearStart; y++) {
    const t = day(`${y + 1}-03-31`);
    total += children.filter((c) => inCareOn(c, t)).length;
  }
  return total / opts.years;
}

export function generateDemoCouncil(opts: DemoCouncilOptions): DemoCouncil {
  if (!(opts.children > 0 && opts.years > 0 && Number.isInteger(opts.years))) throw new RangeError('children and years must be positive');
  // Two passes: the first measures how many are in care for an entry rate, the second sets the rate
  // so that about `children` are in care at each 31 March (a rate of 27 a month gives about 500).
  const guess = (27 * opts.children) / 500;
  const first = simulate(opts, guess);
  const measured = countInCare(first.children, opts);
  const { children, settings } = measured > 0 ? simulate(opts, (guess * opts.children) / measured) : first;

  const years: Ssda903Return[] = [];
  for (let y = opts.lastYearStart - opts.years + 1; y <= opts.lastYearStart; y++) years.push(returnFor(children, y, opts.seed));

  const lastEnd = day(`${opts.lastYearStart + 1}-03-31`);
  const byChild: Record<string, number> = {};
  for (const c of children) {
    if (!inCareOn(c, lastEnd)) continue;
    const ep = c.episodes[c.episodes.length - 1]!;
    // A few children in children's homes need more staff than the home's usual price buys.
    const extra = ep.pl.place === 'K2' && (c.dob + c.entry) % 7 === 0 ? 1.6 : 1;
    byChild[c.id] = Math.round(ep.pl.weeklyPence * extra);
  }
  const bySetting: Record<string, number> = {};
  for (const list of [
    [settings.fostering, settings.adoption],
    settings.ifas,
    settings.ownHomes,
    settings.homes,
    settings.supported,
    settings.secure,
    settings.schools,
    settings.familyCentres,
  ]) {
    for (const st of list) bySetting[st.urn] = st.weeklyPence;
  }
  return { years, weeklyCosts: { byChild, bySetting } };
}
