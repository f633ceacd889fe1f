import { addCalendarDays, dayInWords, isDay } from '@placewise/contracts/dates';
import {
  CategoryOfNeed,
  collectionYear as collectionYearOf,
  Ethnicity,
  LegalStatus903,
  MissingType,
  Place,
  PLACES_WITHOUT_PROVIDER,
  PLACES_WITHOUT_URN,
  PlaceProvider,
  ReasonEpisodeCeased,
  ReasonNewEpisode,
  ReasonPlaceChange,
  ReviewParticipation,
  Sex903,
  SocialWorkerChangeReason,
  SSDA903_DATE_COLUMNS,
  SSDA903_TABLE_NAMES,
  TEMPORARY_PLACES,
  UPN_PATTERN,
  URN_PLACEHOLDER,
  UpnUnknown,
  type Ssda903Return,
  type Ssda903Row,
  type Ssda903Table,
} from '@placewise/contracts/ssda903';
import type { Provenance } from './files.js';

/**
 * The pre-flight check of an SSDA903 return: the DfE validator's rules that the record can break,
 * each a small named function with its DfE rule number, each failure in words a data officer reads
 * (what is wrong, where, and how to put it right). Run before export, and on import as the
 * consistency check. Pure: the return in, the failures out.
 *
 * Rules whose DfE number could not be confirmed carry a Placewise id (PW-...) instead: PW-REV1.
 */

export type PreflightFailure = {
  child: string;
  rule: string;
  table: Ssda903Table;
  rowIndex: number | null;
  field: string | null;
  message: string;
  fix: string;
};

export type PreflightOptions = { collectionYear: number; previous?: Ssda903Return };

type Episode = Ssda903Row<'Episodes'>;
type EpisodeAt = { row: Episode; index: number };

/** What every rule sees: the return, the year, and each child's episodes in date order. */
export type PreflightContext = {
  ret: Ssda903Return;
  opts: PreflightOptions;
  year: { start: string; end: string; label: string };
  episodesByChild: Map<string, EpisodeAt[]>;
  headerByChild: Map<string, Ssda903Row<'Header'>>;
};

type Rule = { rule: string; title: string; check: (ctx: PreflightContext) => PreflightFailure[] };

/** A day in words for messages, "7 Dec 2026" (an unreadable value is shown as it is). */
function shown(day: string | null): string {
  if (day === null) return '(blank)';
  return dayInWords(day);
}

/**
 * A 903 code in words for a message ("U6" -> "'Foster placement with another foster carer...'"): the
 * code itself stays in the failure's field and rule for the performance team; an unknown code is
 * quoted as it is, since it is what was typed.
 */
function named(list: { labels: Record<string, string> }, code: string | null | undefined): string {
  if (!code) return 'blank';
  // A label that names its own code ("Other placement (Z11)") reads without it: the code is in the field.
  const words = list.labels[code]?.replace(/\s*\([A-Z]\d+\)$/, '');
  return words ? `'${words.charAt(0).toLowerCase()}${words.slice(1)}'` : `"${code}"`;
}

/**
 * A 903 code with its meaning for a fix, where the performance officer needs the code to enter it:
 * "Children's home (K2)" (a label that names its own code, "Other placement (Z11)", reads once).
 */
function meaning(list: { labels: Record<string, string> }, code: string): string {
  const words = list.labels[code] ?? code;
  return words.endsWith(`(${code})`) ? words : `${words} (${code})`;
}

/** The 903 columns a message or fix names, in words (the column itself goes in brackets after it where a fix needs it). */
const COLUMN_WORDS: Record<string, string> = {
  DOB: "child's date of birth",
  MC_DOB: "date of birth of the mother's child",
  DECOM: 'date the episode started',
  DEC: 'date the episode ended',
  REVIEW: 'date of the review',
  DUC: 'date the child stopped being an unaccompanied asylum-seeking child',
  DATE_INT: 'date of the decision that the child should be placed for adoption',
  DATE_MATCH: 'date the child was matched with adopters',
  DATE_PLACED: 'date the child was placed for adoption',
  DATE_PLACED_CEASED: 'date the placement for adoption ended',
  DATE_PERM: 'date of the previous permanence order',
  MIS_START: 'date the child went missing or away',
  MIS_END: 'date the child came back',
  SW_DECOM: 'date the social worker started',
  SW_DEC: 'date the social worker stopped',
  DOLO_START: 'date the deprivation of liberty order started',
  DOLO_END: 'date the deprivation of liberty order ended',
  RNE: 'reason for the new episode',
  LS: 'legal status',
  CIN: 'category of need',
  PLACE: 'placement type',
  PLACE_PROVIDER: 'placement provider',
  PL_POST: 'placement postcode',
  URN: 'Ofsted unique reference number',
};
const columnWords = (col: string) => COLUMN_WORDS[col] ?? col.toLowerCase().replace(/_/g, ' ');

/** "Episode ended and a new one began the same day": how an episode ends when the child stays in care. */
const X1_WORDS = named(ReasonEpisodeCeased, 'X1');
const STARTED_WORDS = named(ReasonNewEpisode, 'S');

function validDay(v: string | null): v is string {
  return v !== null && isDay(v);
}

/** Whole years from `dob` to `day` (both ISO days). */
export function ageOn(dob: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dob.slice(0, 4));
  return day.slice(5) < dob.slice(5) ? years - 1 : years;
}

function fail(
  rule: string,
  table: Ssda903Table,
  child: string | null,
  rowIndex: number | null,
  field: string | null,
  message: string,
  fix: string,
): PreflightFailure {
  return { child: child ?? '(no child)', rule, table, rowIndex, field, message, fix };
}

function epWords(e: Episode): string {
  return `The episode starting ${shown(e.DECOM)}`;
}

/** A code-list rule: the column's value, when given, must be one of the codes. */
function codeRule<T extends Ssda903Table>(
  rule: string,
  title: string,
  tables: readonly T[],
  column: string,
  codes: { codes: readonly string[]; labels: Record<string, string> },
  what: string,
): Rule {
  return {
    rule,
    title,
    check: ({ ret }) =>
      tables.flatMap((table) =>
        (ret[table] as readonly Record<string, string | null>[]).flatMap((row, i) => {
          const v = row[column] ?? null;
          if (v === null || codes.codes.includes(v)) return [];
          return [
            fail(
              rule,
              table,
              row.CHILD ?? null,
              i,
              column,
              `"${v}" is not a ${what} code`,
              `Record the ${what} as one of: ${codes.codes.map((c) => meaning(codes, c)).join(', ')}`,
            ),
          ];
        }),
      ),
  };
}

const PLACEMENT_FIELDS = ['PLACE', 'PLACE_PROVIDER', 'PL_POST', 'URN'] as const;
function placementDiffers(a: Episode, b: Episode): boolean {
  return PLACEMENT_FIELDS.some((f) => a[f] !== b[f]);
}

/** Each episode with the one before it for the same child. */
function pairs(ctx: PreflightContext): { prev: EpisodeAt; cur: EpisodeAt; child: string }[] {
  const out: { prev: EpisodeAt; cur: EpisodeAt; child: string }[] = [];
  for (const [child, eps] of ctx.episodesByChild) {
    for (let i = 1; i < eps.length; i++) out.push({ prev: eps[i - 1]!, cur: eps[i]!, child });
  }
  return out;
}

/** The episode is a continuation of the previous one (the child did not leave care in between). */
function continues(prev: Episode, cur: Episode): boolean {
  return cur.RNE !== 'S' && prev.REC === 'X1' && prev.DEC !== null && prev.DEC === cur.DECOM;
}

const isTemporary = (e: Episode | undefined) => e !== undefined && TEMPORARY_PLACES.includes(e.PLACE as Place);

/**
 * The episode ended with a move that needs a reason (as the DfE's 225 reads it): it ended with X1,
 * the next episode is a change of placement (P, T, B or U), and neither placement is temporary.
 */
function endedWithMove(eps: EpisodeAt[], i: number): boolean {
  const cur = eps[i]!.row;
  const next = eps[i + 1]?.row;
  return next !== undefined && cur.REC === 'X1' && ['P', 'T', 'B', 'U'].includes(next.RNE ?? '') && !isTemporary(cur) && !isTemporary(next);
}

/** Periods of care: from an S episode's start to the end of the last episode before the next S. */
function periodsOfCare(eps: EpisodeAt[]): { start: string; end: string | null }[] {
  const periods: { start: string; end: string | null }[] = [];
  for (const { row } of eps) {
    if (!validDay(row.DECOM)) continue;
    const last = periods[periods.length - 1];
    if (last && last.end !== null && row.DECOM === last.end && row.RNE !== 'S') last.end = validDay(row.DEC) ? row.DEC : null;
    else if (last && last.end === null) continue;
    else periods.push({ start: row.DECOM, end: validDay(row.DEC) ? row.DEC : null });
  }
  return periods;
}

function inCare(periods: { start: string; end: string | null }[], day: string): boolean {
  return periods.some((p) => p.start <= day && (p.end === null || day <= p.end));
}

const RULES: Rule[] = [
  codeRule('101', 'Sex is M, F or U', ['Header', 'UASC'], 'SEX', Sex903, 'sex'),
  codeRule('103', 'Ethnicity is a DfE code', ['Header'], 'ETHNIC', Ethnicity, 'ethnicity'),
  codeRule('143', 'Reason for new episode is a DfE code', ['Episodes'], 'RNE', ReasonNewEpisode, 'reason for new episode'),
  codeRule('144', 'Legal status is a DfE code', ['Episodes'], 'LS', LegalStatus903, 'legal status'),
  codeRule('145', 'Category of need is a DfE code', ['Episodes'], 'CIN', CategoryOfNeed, 'category of need'),
  codeRule('146', 'Placement type is a DfE code', ['Episodes'], 'PLACE', Place, 'placement type'),
  codeRule('149', 'Reason episode ceased is a DfE code', ['Episodes'], 'REC', ReasonEpisodeCeased, 'reason the episode ended'),
  codeRule('167', 'Review participation is a DfE code', ['Reviews'], 'REVIEW_CODE', ReviewParticipation, 'review participation'),
  codeRule('1006', 'Missing or away is M or A', ['Missing'], 'MISSING', MissingType, 'missing or away type'),
  codeRule(
    '1009',
    'Reason for placement change is a DfE code',
    ['Episodes'],
    'REASON_PLACE_CHANGE',
    ReasonPlaceChange,
    'reason for placement change',
  ),
  {
    rule: '102',
    title: 'Dates are real days; date of birth and episode start are recorded',
    check: ({ ret }) =>
      SSDA903_TABLE_NAMES.flatMap((table) =>
        (ret[table] as readonly Record<string, string | null>[]).flatMap((row, i) => {
          const out: PreflightFailure[] = [];
          for (const col of SSDA903_DATE_COLUMNS[table] as readonly string[]) {
            const v = row[col] ?? null;
            const required = (table === 'Header' && col === 'DOB') || (table === 'Episodes' && col === 'DECOM');
            if (v === null && required) {
              out.push(
                fail(
                  '102',
                  table,
                  row.CHILD ?? null,
                  i,
                  col,
                  `The ${columnWords(col)} is missing`,
                  `Enter the ${columnWords(col)} (${col})`,
                ),
              );
            } else if (v !== null && !isDay(v)) {
              out.push(
                fail(
                  '102',
                  table,
                  row.CHILD ?? null,
                  i,
                  col,
                  `The ${columnWords(col)} "${v}" is not a real date`,
                  `Correct the ${columnWords(col)} (${col})`,
                ),
              );
            }
          }
          return out;
        }),
      ),
  },
  {
    rule: '302',
    title: 'No episode starts before the child was born',
    check: ({ episodesByChild, headerByChild }) =>
      [...episodesByChild].flatMap(([child, eps]) => {
        const dob = headerByChild.get(child)?.DOB ?? null;
        if (!validDay(dob)) return [];
        return eps
          .filter(({ row }) => validDay(row.DECOM) && row.DECOM < dob)
          .map(({ row, index }) =>
            fail(
              '302',
              'Episodes',
              child,
              index,
              'DECOM',
              `${epWords(row)} is before the child's date of birth (${shown(dob)})`,
              'Correct the episode start date or the date of birth',
            ),
          );
      }),
  },
  {
    rule: '356',
    title: 'An episode ends on or after the day it started',
    check: ({ ret }) =>
      ret.Episodes.flatMap((e, i) =>
        validDay(e.DEC) && validDay(e.DECOM) && e.DEC < e.DECOM
          ? [
              fail(
                '356',
                'Episodes',
                e.CHILD,
                i,
                'DEC',
                `${epWords(e)} ends on ${shown(e.DEC)}, before it started`,
                'Correct the start or end date of the episode',
              ),
            ]
          : [],
      ),
  },
  {
    rule: '357',
    title: "The child's first episode starting in the year is 'started to be looked after' (RNE S)",
    check: ({ episodesByChild, year }) =>
      [...episodesByChild].flatMap(([child, eps]) => {
        const first = eps[0];
        if (!first || first.row.RNE === 'S' || !validDay(first.row.DECOM) || first.row.DECOM < year.start) return [];
        return [
          fail(
            '357',
            'Episodes',
            child,
            first.index,
            'RNE',
            `${epWords(first.row)} is the child's first episode but its reason is not 'started to be looked after'`,
            `Add the episode that came before it, or make this one's reason for the new episode ${STARTED_WORDS} (RNE S)`,
          ),
        ];
      }),
  },
  {
    rule: '142',
    title: 'Only the last episode may be open',
    check: (ctx) =>
      pairs(ctx)
        .filter(({ prev }) => prev.row.DEC === null)
        .map(({ prev, cur, child }) =>
          fail(
            '142',
            'Episodes',
            child,
            prev.index,
            'DEC',
            `${epWords(prev.row)} has no end date, but a later episode starts ${shown(cur.row.DECOM)}`,
            'Enter the end date and reason of the earlier episode',
          ),
        ),
  },
  {
    rule: '501',
    title: 'Episodes do not overlap',
    check: (ctx) =>
      pairs(ctx)
        .filter(({ prev, cur }) => validDay(prev.row.DEC) && validDay(cur.row.DECOM) && cur.row.DECOM < prev.row.DEC)
        .map(({ prev, cur, child }) =>
          fail(
            '501',
            'Episodes',
            child,
            cur.index,
            'DECOM',
            `${epWords(cur.row)} starts before the previous episode ended (${shown(prev.row.DEC)})`,
            'Correct the dates so that each episode starts on or after the day the previous one ended',
          ),
        ),
  },
  {
    rule: '432',
    title: "An episode after the child left care is 'started to be looked after' (RNE S)",
    check: (ctx) =>
      pairs(ctx)
        .filter(({ prev, cur }) => cur.row.RNE !== 'S' && prev.row.DEC !== null && prev.row.REC !== null && prev.row.REC !== 'X1')
        .map(({ prev, cur, child }) =>
          fail(
            '432',
            'Episodes',
            child,
            cur.index,
            'RNE',
            `${epWords(cur.row)} follows the child leaving care on ${shown(prev.row.DEC)}, but its reason is not 'started to be looked after'`,
            `Make this episode's reason for the new episode ${STARTED_WORDS} (RNE S), or, if the child stayed in care, end the previous episode with ${X1_WORDS} (REC X1)`,
          ),
        ),
  },
  {
    rule: '431',
    title: 'A new period of care (RNE S) does not start the day the previous episode ended',
    check: (ctx) =>
      pairs(ctx)
        .filter(({ prev, cur }) => cur.row.RNE === 'S' && prev.row.DEC !== null && prev.row.DEC === cur.row.DECOM)
        .map(({ cur, child }) =>
          fail(
            '431',
            'Episodes',
            child,
            cur.index,
            'RNE',
            `${epWords(cur.row)} is 'started to be looked after', but the previous episode ended the same day`,
            `If the child stayed in care, record what changed as the reason for the new episode (RNE L for legal status only, P or T for the placement only, B or U for both) and end the previous episode with ${X1_WORDS} (REC X1); if they left care, correct the dates`,
          ),
        ),
  },
  {
    rule: '433',
    title: 'A continuing episode starts the day the previous one ended',
    check: (ctx) =>
      pairs(ctx)
        .filter(({ prev, cur }) => cur.row.RNE !== 'S' && prev.row.REC === 'X1' && prev.row.DEC !== null && cur.row.DECOM !== prev.row.DEC)
        .map(({ prev, cur, child }) =>
          fail(
            '433',
            'Episodes',
            child,
            cur.index,
            'DECOM',
            `${epWords(cur.row)} continues the previous episode, which ended ${shown(prev.row.DEC)}, but does not start that day`,
            `Start the episode on the day the previous one ended, or, if the child left care in between, make its reason ${STARTED_WORDS} (RNE S)`,
          ),
        ),
  },
  {
    rule: '434',
    title: 'A change of legal status only (RNE L): legal status changed, placement the same',
    check: (ctx) =>
      pairs(ctx)
        .filter(
          ({ prev, cur }) =>
            cur.row.RNE === 'L' && continues(prev.row, cur.row) && (prev.row.LS === cur.row.LS || placementDiffers(prev.row, cur.row)),
        )
        .map(({ prev, cur, child }) =>
          fail(
            '434',
            'Episodes',
            child,
            cur.index,
            'RNE',
            prev.row.LS === cur.row.LS
              ? `${epWords(cur.row)} is a change of legal status but the legal status (${named(LegalStatus903, cur.row.LS)}) is the same as the previous episode's`
              : `${epWords(cur.row)} is a change of legal status only but the placement details differ from the previous episode's`,
            prev.row.LS === cur.row.LS
              ? 'Record the new legal status, or use the reason that matches what changed'
              : 'Make it a change of legal status and placement (RNE B or U), or keep the placement details the same',
          ),
        ),
  },
  {
    rule: '435',
    title: 'A change of placement only (RNE P or T): legal status the same, placement different',
    check: (ctx) =>
      pairs(ctx)
        .filter(
          ({ prev, cur }) =>
            (cur.row.RNE === 'P' || cur.row.RNE === 'T') &&
            continues(prev.row, cur.row) &&
            (prev.row.LS !== cur.row.LS || !placementDiffers(prev.row, cur.row)),
        )
        .map(({ prev, cur, child }) =>
          fail(
            '435',
            'Episodes',
            child,
            cur.index,
            'RNE',
            prev.row.LS !== cur.row.LS
              ? `${epWords(cur.row)} is a change of placement only (${named(ReasonNewEpisode, cur.row.RNE)}) but the legal status changed from ${named(LegalStatus903, prev.row.LS)} to ${named(LegalStatus903, cur.row.LS)}`
              : `${epWords(cur.row)} is a change of placement (${named(ReasonNewEpisode, cur.row.RNE)}) but the placement details are the same as the previous episode's`,
            prev.row.LS !== cur.row.LS
              ? 'Make it a change of legal status and placement (RNE B or U)'
              : 'Record the move with its new placement, or make it a change of legal status (RNE L)',
          ),
        ),
  },
  {
    rule: '436',
    title: 'A change of legal status and placement (RNE B or U): both changed',
    check: (ctx) =>
      pairs(ctx)
        .filter(
          ({ prev, cur }) =>
            (cur.row.RNE === 'B' || cur.row.RNE === 'U') &&
            continues(prev.row, cur.row) &&
            (prev.row.LS === cur.row.LS || !placementDiffers(prev.row, cur.row)),
        )
        .map(({ cur, child }) =>
          fail(
            '436',
            'Episodes',
            child,
            cur.index,
            'RNE',
            `${epWords(cur.row)} is a change of legal status and placement (${named(ReasonNewEpisode, cur.row.RNE)}) but only one of them changed`,
            'Make it a change of legal status only (RNE L), or a change of placement only (RNE P, or T when the carers are the same)',
          ),
        ),
  },
  {
    rule: '217',
    title: 'Placed for adoption with current foster carers (A3, A5): RNE S, T or U',
    check: ({ ret }) =>
      ret.Episodes.flatMap((e, i) =>
        (e.PLACE === 'A3' || e.PLACE === 'A5') && !['S', 'T', 'U'].includes(e.RNE ?? '')
          ? [
              fail(
                '217',
                'Episodes',
                e.CHILD,
                i,
                'RNE',
                `${epWords(e)} is a placement for adoption with the current foster carers but its reason is ${named(ReasonNewEpisode, e.RNE)}`,
                `The carers are the same: make it a change of placement with the same carers (RNE T), or of legal status and placement with the same carers (RNE U), or ${STARTED_WORDS} (RNE S) if the child has just come into care`,
              ),
            ]
          : [],
      ),
  },
  {
    rule: '225',
    title: 'An episode ending in a move records the reason for the placement change',
    check: ({ episodesByChild }) =>
      [...episodesByChild].flatMap(([child, eps]) =>
        eps.flatMap(({ row, index }, i) =>
          endedWithMove(eps, i) && row.REASON_PLACE_CHANGE === null
            ? [
                fail(
                  '225',
                  'Episodes',
                  child,
                  index,
                  'REASON_PLACE_CHANGE',
                  `${epWords(row)} ended with a move on ${shown(row.DEC)} but the reason for the placement change is blank`,
                  `Record the reason for the placement change (REASON_PLACE_CHANGE), for example ${named(ReasonPlaceChange, 'CARPL')} (CARPL)`,
                ),
              ]
            : [],
        ),
      ),
  },
  {
    rule: '226',
    title: 'No reason for placement change on a temporary placement (T0-T4), nor on the episode before it',
    check: ({ episodesByChild }) =>
      [...episodesByChild].flatMap(([child, eps]) =>
        eps.flatMap(({ row, index }, i) => {
          if (!isTemporary(row)) return [];
          const prev = eps[i - 1]?.row;
          const own = row.REASON_PLACE_CHANGE !== null;
          if (!own && (prev?.REASON_PLACE_CHANGE ?? null) === null) return [];
          return [
            fail(
              '226',
              'Episodes',
              child,
              index,
              'REASON_PLACE_CHANGE',
              own
                ? `${epWords(row)} is a temporary placement (${named(Place, row.PLACE)}) but has a reason for placement change`
                : `${epWords(row)} is a temporary placement (${named(Place, row.PLACE)}), but the episode before it gives a reason for the placement change (${named(ReasonPlaceChange, prev?.REASON_PLACE_CHANGE)})`,
              'Leave the reason for placement change blank for a temporary placement and for the episode before it',
            ),
          ];
        }),
      ),
  },
  {
    rule: '233',
    title: 'A reason for placement change only where the placement changed',
    check: ({ episodesByChild }) =>
      [...episodesByChild].flatMap(([child, eps]) =>
        eps.flatMap(({ row, index }, i) =>
          row.REASON_PLACE_CHANGE !== null && !endedWithMove(eps, i) && !isTemporary(row) && !isTemporary(eps[i + 1]?.row)
            ? [
                fail(
                  '233',
                  'Episodes',
                  child,
                  index,
                  'REASON_PLACE_CHANGE',
                  `${epWords(row)} has a reason for placement change (${named(ReasonPlaceChange, row.REASON_PLACE_CHANGE)}) but it did not end with a move to another placement`,
                  'Clear the reason for placement change, or record the move that followed this episode',
                ),
              ]
            : [],
        ),
      ),
  },
  {
    rule: '383',
    title: 'After a temporary placement (T0-T4) the child returns to their usual placement',
    check: ({ episodesByChild }) =>
      [...episodesByChild].flatMap(([child, eps]) =>
        eps.flatMap(({ row }, i) => {
          const before = eps[i - 1]?.row;
          const after = eps[i + 1];
          if (!isTemporary(row) || !before || !after || !continues(before, row) || !continues(row, after.row)) return [];
          if (!placementDiffers(before, after.row)) return [];
          return [
            fail(
              '383',
              'Episodes',
              child,
              after.index,
              'PLACE',
              `${epWords(after.row)} follows a temporary placement (${named(Place, row.PLACE)}) but is not the placement the child was in before it`,
              'After a temporary placement, record the return to the usual placement first, then any move as its own episode',
            ),
          ];
        }),
      ),
  },
  {
    rule: '213',
    title: 'No placement provider for T0-T3 and Z11-Z14',
    check: ({ ret }) =>
      ret.Episodes.flatMap((e, i) =>
        PLACES_WITHOUT_PROVIDER.includes(e.PLACE as Place) && e.PLACE_PROVIDER !== null
          ? [
              fail(
                '213',
                'Episodes',
                e.CHILD,
                i,
                'PLACE_PROVIDER',
                `${epWords(e)} is a placement of the type ${named(Place, e.PLACE)}, which has no placement provider, but the provider is ${named(PlaceProvider, e.PLACE_PROVIDER)}`,
                'Leave the placement provider blank for this placement type',
              ),
            ]
          : [],
      ),
  },
  {
    rule: '178',
    title: 'Placement provider is a DfE code, and recorded for every other placement type',
    check: ({ ret }) =>
      ret.Episodes.flatMap((e, i) => {
        if (e.PLACE_PROVIDER !== null && !PlaceProvider.codes.includes(e.PLACE_PROVIDER as never)) {
          return [
            fail(
              '178',
              'Episodes',
              e.CHILD,
              i,
              'PLACE_PROVIDER',
              `"${e.PLACE_PROVIDER}" is not a placement provider code`,
              `Record the placement provider as one of: ${PlaceProvider.codes.map((c) => meaning(PlaceProvider, c)).join(', ')}`,
            ),
          ];
        }
        if (e.PLACE_PROVIDER === null && e.PLACE !== null && !PLACES_WITHOUT_PROVIDER.includes(e.PLACE as Place)) {
          return [
            fail(
              '178',
              'Episodes',
              e.CHILD,
              i,
              'PLACE_PROVIDER',
              `${epWords(e)} has no placement provider`,
              "Record who provides the placement (PLACE_PROVIDER), for example the council's own provision (PR1)",
            ),
          ];
        }
        return [];
      }),
  },
  {
    rule: '218',
    title: 'Ofsted URN recorded where the placement type needs one',
    check: ({ ret }) =>
      ret.Episodes.flatMap((e, i) =>
        e.PLACE !== null && !PLACES_WITHOUT_URN.includes(e.PLACE as Place) && (e.URN === null || e.URN === URN_PLACEHOLDER)
          ? [
              fail(
                '218',
                'Episodes',
                e.CHILD,
                i,
                'URN',
                `${epWords(e)} is a placement of the type ${named(Place, e.PLACE)}, which needs the setting's Ofsted unique reference number, but none is recorded`,
                'Record the Ofsted unique reference number (URN) of the home, fostering service or agency',
              ),
            ]
          : [],
      ),
  },
  {
    rule: '222',
    title: 'No Ofsted URN for placement types without one (blank or XXXXXXX)',
    check: ({ ret }) =>
      ret.Episodes.flatMap((e, i) =>
        e.PLACE !== null && PLACES_WITHOUT_URN.includes(e.PLACE as Place) && e.URN !== null && e.URN !== URN_PLACEHOLDER
          ? [
              fail(
                '222',
                'Episodes',
                e.CHILD,
                i,
                'URN',
                `${epWords(e)} is a placement of the type ${named(Place, e.PLACE)}, which has no Ofsted unique reference number, but "${e.URN}" is recorded`,
                `Leave the Ofsted unique reference number (URN) blank, or record that there is none (${URN_PLACEHOLDER})`,
              ),
            ]
          : [],
      ),
  },
  {
    rule: '406',
    title: 'No home postcode for an unaccompanied asylum-seeking child',
    check: ({ ret }) => {
      const uasc = new Map(ret.UASC.map((u) => [u.CHILD, u.DUC]));
      return ret.Episodes.flatMap((e, i) => {
        if (e.CHILD === null || !uasc.has(e.CHILD) || e.HOME_POST === null) return [];
        const duc = uasc.get(e.CHILD) ?? null;
        if (validDay(duc) && validDay(e.DECOM) && e.DECOM > duc) return [];
        return [
          fail(
            '406',
            'Episodes',
            e.CHILD,
            i,
            'HOME_POST',
            `${epWords(e)} has a home postcode (${e.HOME_POST}), but the child is an unaccompanied asylum-seeking child`,
            'Leave the home postcode blank for an unaccompanied asylum-seeking child',
          ),
        ];
      });
    },
  },
  {
    rule: '168',
    title: 'UPN is a letter and 12 digits, or UN1 to UN5',
    check: ({ ret }) =>
      ret.Header.flatMap((h, i) =>
        h.UPN === null || (!UPN_PATTERN.test(h.UPN) && !UpnUnknown.codes.includes(h.UPN as never))
          ? [
              fail(
                '168',
                'Header',
                h.CHILD,
                i,
                'UPN',
                h.UPN === null ? 'The unique pupil number (UPN) is blank' : `"${h.UPN}" is not a unique pupil number`,
                'Record the unique pupil number (UPN: a letter and 12 digits), or why it is not known (UN1 to UN5)',
              ),
            ]
          : [],
      ),
  },
  {
    rule: '209',
    title: 'UN1 (no UPN yet) only for a child below school age',
    check: ({ ret, year }) =>
      ret.Header.flatMap((h, i) =>
        h.UPN === 'UN1' && validDay(h.DOB) && ageOn(h.DOB, year.start) >= 5
          ? [
              fail(
                '209',
                'Header',
                h.CHILD,
                i,
                'UPN',
                `The record says the child has no unique pupil number because they are not yet of school age, but the child was ${ageOn(h.DOB, year.start)} on ${shown(year.start)}`,
                "Record the child's unique pupil number (UPN) from their school, or the right reason it is not known (UN2 to UN5)",
              ),
            ]
          : [],
      ),
  },
  {
    rule: '210',
    title: 'UN4 (newly looked after) not for a child looked after more than a week at 31 March',
    check: ({ ret, year, episodesByChild }) =>
      ret.Header.flatMap((h, i) => {
        if (h.UPN !== 'UN4' || h.CHILD === null) return [];
        const periods = periodsOfCare(episodesByChild.get(h.CHILD) ?? []);
        const open = periods.find((p) => p.start <= year.end && (p.end === null || p.end > year.end));
        if (!open || open.start > addCalendarDays(year.end, -7)) return [];
        return [
          fail(
            '210',
            'Header',
            h.CHILD,
            i,
            'UPN',
            `The record says the child has no unique pupil number because they are newly looked after, but the child has been looked after since ${shown(open.start)}`,
            "Record the child's unique pupil number (UPN), or the right reason it is not known (UN1 to UN5)",
          ),
        ];
      }),
  },
  {
    rule: '174',
    title: "Mother's details (MOTHER, MC_DOB) only for girls",
    check: ({ ret }) =>
      ret.Header.flatMap((h, i) =>
        h.SEX !== 'F' && (h.MOTHER !== null || h.MC_DOB !== null)
          ? [
              fail(
                '174',
                'Header',
                h.CHILD,
                i,
                h.MOTHER !== null ? 'MOTHER' : 'MC_DOB',
                "Whether the child is a mother (and her child's date of birth) is recorded, but the child is not recorded as female",
                "Clear the mother's details, or correct the child's sex",
              ),
            ]
          : [],
      ),
  },
  {
    rule: 'PW-REV1',
    title: 'A review falls within a period of care',
    check: ({ ret, episodesByChild }) =>
      ret.Reviews.flatMap((r, i) =>
        r.CHILD !== null && validDay(r.REVIEW) && !inCare(periodsOfCare(episodesByChild.get(r.CHILD) ?? []), r.REVIEW)
          ? [
              fail(
                'PW-REV1',
                'Reviews',
                r.CHILD,
                i,
                'REVIEW',
                `The review on ${shown(r.REVIEW)} is on a day the child was not looked after`,
                'Correct the review date, or the episodes around it',
              ),
            ]
          : [],
      ),
  },
  {
    rule: '440',
    title: 'Review participation PN0 (under 4) only for a child under 4',
    check: ({ ret, headerByChild }) =>
      ret.Reviews.flatMap((r, i) => {
        const dob = r.DOB ?? (r.CHILD !== null ? (headerByChild.get(r.CHILD)?.DOB ?? null) : null);
        if (r.REVIEW_CODE !== 'PN0' || !validDay(dob) || !validDay(r.REVIEW) || ageOn(dob, r.REVIEW) < 4) return [];
        return [
          fail(
            '440',
            'Reviews',
            r.CHILD,
            i,
            'REVIEW_CODE',
            `The review on ${shown(r.REVIEW)} says the child was under 4, but they were ${ageOn(dob, r.REVIEW)}`,
            'Record how the child took part in the review (PN1 to PN7)',
          ),
        ];
      }),
  },
  {
    rule: '581/578',
    title: 'A missing episode starts while the child is looked after',
    check: ({ ret, episodesByChild }) =>
      ret.Missing.flatMap((m, i) => {
        if (m.CHILD === null || !validDay(m.MIS_START)) return [];
        const periods = periodsOfCare(episodesByChild.get(m.CHILD) ?? []);
        if (inCare(periods, m.MIS_START)) return [];
        const before = periods.length === 0 || m.MIS_START < periods[0]!.start;
        return [
          fail(
            before ? '581' : '578',
            'Missing',
            m.CHILD,
            i,
            'MIS_START',
            before
              ? `The missing episode starting ${shown(m.MIS_START)} is before the child started to be looked after`
              : `The missing episode starting ${shown(m.MIS_START)} is on a day the child was not looked after`,
            'Correct the date the child went missing, or the episodes around it',
          ),
        ];
      }),
  },
  {
    rule: '567',
    title: 'A missing episode ends on or after the day it started',
    check: ({ ret }) =>
      ret.Missing.flatMap((m, i) =>
        validDay(m.MIS_START) && validDay(m.MIS_END) && m.MIS_END < m.MIS_START
          ? [
              fail(
                '567',
                'Missing',
                m.CHILD,
                i,
                'MIS_END',
                `The missing episode starting ${shown(m.MIS_START)} ends on ${shown(m.MIS_END)}, before it started`,
                'Correct the start or end date of the missing episode',
              ),
            ]
          : [],
      ),
  },
  {
    rule: '574',
    title: "A child's missing episodes do not overlap",
    check: ({ ret }) => overlapping(ret.Missing, 'Missing', 'MIS_START', 'MIS_END', '574', 'missing episode'),
  },
  {
    rule: 'SW02',
    title: 'Social worker ID starts with SW (or XX when not known)',
    check: ({ ret }) =>
      ret.SWEpisodes.flatMap((s, i) =>
        s.SW_ID === null || !/^(SW|XX)/.test(s.SW_ID)
          ? [
              fail(
                'SW02',
                'SWEpisodes',
                s.CHILD,
                i,
                'SW_ID',
                s.SW_ID === null ? 'The social worker ID is blank' : `"${s.SW_ID}" is not a social worker ID`,
                "Record the social worker's registration number from Social Work England (SW followed by digits), or that it is not known (XX)",
              ),
            ]
          : [],
      ),
  },
  {
    rule: 'SW13',
    title: 'Reason for social worker change recorded from 01/04/2023 (not on the first social worker)',
    check: ({ ret }) => {
      const firstOf = new Map<string, number>();
      ret.SWEpisodes.forEach((s, i) => {
        if (s.CHILD === null || !validDay(s.SW_DECOM)) return;
        const at = firstOf.get(s.CHILD);
        if (at === undefined || (ret.SWEpisodes[at]?.SW_DECOM ?? '') > s.SW_DECOM) firstOf.set(s.CHILD, i);
      });
      return ret.SWEpisodes.flatMap((s, i) => {
        if (s.CHILD === null || !validDay(s.SW_DECOM) || s.SW_DECOM < '2023-04-01' || firstOf.get(s.CHILD) === i) return [];
        if (s.SW_REASON !== null && SocialWorkerChangeReason.codes.includes(s.SW_REASON as never)) return [];
        return [
          fail(
            'SW13',
            'SWEpisodes',
            s.CHILD,
            i,
            'SW_REASON',
            s.SW_REASON === null
              ? `The social worker who started ${shown(s.SW_DECOM)} has no reason for the change of social worker`
              : `"${s.SW_REASON}" is not a reason for a change of social worker`,
            `Record why the social worker changed, one of: ${SocialWorkerChangeReason.codes.map((c) => meaning(SocialWorkerChangeReason, c)).join(', ')}`,
          ),
        ];
      });
    },
  },
  {
    rule: '503',
    title: "An episode open at the end of last year's return carries on unchanged into this year's",
    check: ({ opts, episodesByChild }) => {
      if (!opts.previous) return [];
      const lastByChild = new Map<string, Episode>();
      for (const e of opts.previous.Episodes) {
        if (e.CHILD === null) continue;
        const seen = lastByChild.get(e.CHILD);
        if (!seen || (seen.DECOM ?? '') <= (e.DECOM ?? '')) lastByChild.set(e.CHILD, e);
      }
      const out: PreflightFailure[] = [];
      for (const [child, last] of lastByChild) {
        if (last.DEC !== null) continue;
        const same = (episodesByChild.get(child) ?? []).find(({ row }) => row.DECOM === last.DECOM);
        if (!same) {
          out.push(
            fail(
              '503',
              'Episodes',
              child,
              null,
              'DECOM',
              `Last year's return ends with an open episode starting ${shown(last.DECOM)}, which is missing from this year's`,
              'Include the episode that was open on 31 March, with the same start date and details',
            ),
          );
          continue;
        }
        const changed = (['RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'PL_POST', 'URN'] as const).filter((f) => same.row[f] !== last[f]);
        if (changed.length > 0) {
          out.push(
            fail(
              '503',
              'Episodes',
              child,
              same.index,
              changed[0]!,
              `${epWords(same.row)} was open at the end of last year's return but its ${changed.map(columnWords).join(', ')} ${changed.length === 1 ? 'differs' : 'differ'} from what was sent then`,
              "Make the episode match last year's return, or ask the DfE to amend last year's",
            ),
          );
        }
      }
      return out;
    },
  },
  {
    rule: '700',
    title: 'A deprivation of liberty order has a real start date',
    check: ({ ret }) =>
      ret.DoLo.flatMap((d, i) =>
        validDay(d.DOLO_START)
          ? []
          : [
              fail(
                '700',
                'DoLo',
                d.CHILD,
                i,
                'DOLO_START',
                'The deprivation of liberty order has no start date',
                'Enter the date the order started',
              ),
            ],
      ),
  },
  {
    rule: '701',
    title: 'A deprivation of liberty order ends on or after it started',
    check: ({ ret }) =>
      ret.DoLo.flatMap((d, i) =>
        validDay(d.DOLO_START) && validDay(d.DOLO_END) && d.DOLO_END < d.DOLO_START
          ? [
              fail(
                '701',
                'DoLo',
                d.CHILD,
                i,
                'DOLO_END',
                `The deprivation of liberty order starting ${shown(d.DOLO_START)} ends on ${shown(d.DOLO_END)}, before it started`,
                'Correct the start or end date of the order',
              ),
            ]
          : [],
      ),
  },
  {
    rule: '702',
    title: "A child's deprivation of liberty orders do not overlap",
    check: ({ ret }) => overlapping(ret.DoLo, 'DoLo', 'DOLO_START', 'DOLO_END', '702', 'deprivation of liberty order'),
  },
  {
    rule: '703',
    title: 'While under a deprivation of liberty order the child is in a K2, Z12 or Z13 placement (never K1, P1, R5 or K3)',
    check: ({ ret, episodesByChild }) =>
      ret.DoLo.flatMap((d) => {
        if (d.CHILD === null || !validDay(d.DOLO_START)) return [];
        const end = validDay(d.DOLO_END) ? d.DOLO_END : '9999-12-31';
        return (episodesByChild.get(d.CHILD) ?? [])
          .filter(({ row }) => validDay(row.DECOM) && row.DECOM <= end && (row.DEC === null || row.DEC > d.DOLO_START!))
          .filter(({ row }) => !['K2', 'Z12', 'Z13'].includes(row.PLACE ?? ''))
          .map(({ row, index }) =>
            fail(
              '703',
              'Episodes',
              d.CHILD,
              index,
              'PLACE',
              `${epWords(row)} is a placement of the type ${named(Place, row.PLACE)} while the child is under a deprivation of liberty order from ${shown(d.DOLO_START)}`,
              ['K1', 'P1', 'R5', 'K3'].includes(row.PLACE ?? '')
                ? 'A child under a deprivation of liberty order cannot be in this placement type: check the placement and the order dates'
                : "Record the placement as a children's home (K2) or another placement (Z12 or Z13), or check the order's dates",
            ),
          );
      }),
  },
];

function overlapping<T extends 'Missing' | 'DoLo'>(
  rows: readonly Ssda903Row<T>[],
  table: T,
  startCol: string,
  endCol: string,
  rule: string,
  what: string,
): PreflightFailure[] {
  const byChild = new Map<string, { start: string; end: string | null; index: number }[]>();
  (rows as readonly Record<string, string | null>[]).forEach((r, index) => {
    const start = r[startCol] ?? null;
    const end = r[endCol] ?? null;
    if (r.CHILD == null || !validDay(start)) return;
    const list = byChild.get(r.CHILD) ?? [];
    list.push({ start, end: validDay(end) ? end : null, index });
    byChild.set(r.CHILD, list);
  });
  const out: PreflightFailure[] = [];
  for (const [child, list] of byChild) {
    list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.index - b.index));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const cur = list[i]!;
      if (prev.end === null || cur.start <= prev.end) {
        out.push(
          fail(
            rule,
            table,
            child,
            cur.index,
            startCol,
            `The ${what} starting ${shown(cur.start)} overlaps the one starting ${shown(prev.start)}${prev.end === null ? ', which has no end date' : ` (ended ${shown(prev.end)})`}`,
            `Correct the dates so that the child's ${what}s do not overlap`,
          ),
        );
      }
    }
  }
  return out;
}

/** The rules, for documentation: their DfE number (or Placewise id) and what they check. */
export const PREFLIGHT_RULES: { rule: string; title: string }[] = RULES.map(({ rule, title }) => ({ rule, title }));

export function preflightContext(ret: Ssda903Return, opts: PreflightOptions): PreflightContext {
  const episodesByChild = new Map<string, EpisodeAt[]>();
  ret.Episodes.forEach((row, index) => {
    if (row.CHILD === null) return;
    const list = episodesByChild.get(row.CHILD) ?? [];
    list.push({ row, index });
    episodesByChild.set(row.CHILD, list);
  });
  for (const list of episodesByChild.values()) {
    list.sort((a, b) => {
      const x = a.row.DECOM ?? '';
      const y = b.row.DECOM ?? '';
      return x < y ? -1 : x > y ? 1 : a.index - b.index;
    });
  }
  const headerByChild = new Map<string, Ssda903Row<'Header'>>();
  for (const h of ret.Header) if (h.CHILD !== null && !headerByChild.has(h.CHILD)) headerByChild.set(h.CHILD, h);
  return { ret, opts, year: collectionYearOf(opts.collectionYear), episodesByChild, headerByChild };
}

/** Every failure of every rule, in rule order, then table order. */
export function preflight(ret: Ssda903Return, opts: PreflightOptions): PreflightFailure[] {
  const ctx = preflightContext(ret, opts);
  return RULES.flatMap((r) => r.check(ctx));
}

/**
 * Where a failure is in the files a return was read from: the file, the line of its row and the
 * column (null for a failure about a child rather than a row, or a row not read from a file).
 */
export function failureLocation(f: PreflightFailure, provenance: Provenance): { file: string; line: number; column: string | null } | null {
  if (f.rowIndex === null) return null;
  const at = provenance[f.table][f.rowIndex];
  return at ? { file: at.file, line: at.line, column: f.field } : null;
}

/** Runs one rule by its id (for tests and for explaining a rule on its own). */
export function runRule(rule: string, ret: Ssda903Return, opts: PreflightOptions): PreflightFailure[] {
  const found = RULES.find((r) => r.rule === rule);
  if (!found) throw new RangeError(`no pre-flight rule ${rule}`);
  return found.check(preflightContext(ret, opts));
}
