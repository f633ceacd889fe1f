import { z } from 'zod';
import { addMonths, londonToday } from './dates.js';

/**
 * The shared vocabulary of Placewise. Values are stored in databases and carried in events:
 * add new values at will, never rename or remove one that has been used.
 */

/** CARER_APPROVAL_EXTENSION: a reg 25 extension of a connected person's temporary approval (CPPCR 2010). */
export const RequestKind = z.enum(['ENTRY_TO_CARE', 'PLACEMENT', 'VARIATION', 'STEP_DOWN', 'EXIT', 'CARER_APPROVAL_EXTENSION']);
export type RequestKind = z.infer<typeof RequestKind>;

/** Legal basis on which the child is (or will be) looked after. */
export const LegalStatus = z.enum([
  'S20', // voluntary accommodation, Children Act 1989 s20
  'ICO_S38', // interim care order
  'CO_S31', // full care order
  'PLACEMENT_ORDER',
  'EPO_S44', // emergency protection order
  'PP_S46', // police protection
  'REMAND_LA', // remanded to local authority accommodation
  'REMAND_YDA', // remanded to youth detention accommodation
  'SECURE_S25',
  'DOL_INHERENT', // deprivation of liberty order under the High Court's inherent jurisdiction
  'UASC_S20', // unaccompanied asylum-seeking child accommodated under s20
  'SHORT_BREAKS',
]);
export type LegalStatus = z.infer<typeof LegalStatus>;

export const PlacementType = z.enum([
  'INHOUSE_FOSTER',
  'KINSHIP_FOSTER',
  'IFA_FOSTER',
  'IFA_ENHANCED',
  'PARENT_CHILD_FOSTER',
  'RESIDENTIAL_FAMILY_CENTRE',
  'LA_CHILDRENS_HOME',
  'PRIVATE_CHILDRENS_HOME',
  'VOL_CHILDRENS_HOME',
  'SUPPORTED_ACCOM_REGISTERED',
  'SUPPORTED_ACCOM_UNREGISTERED',
  'SUPPORTED_LODGINGS',
  'OTHER_ARRANGEMENTS_UNREGULATED',
  'SECURE_CHILDRENS_HOME',
  'RESIDENTIAL_SCHOOL',
  'PLACED_WITH_PARENTS',
  'UNREGISTERED_CHILDRENS_HOME',
  'HOSPITAL',
]);
export type PlacementType = z.infer<typeof PlacementType>;

/** Whether the placement is provided by the council itself or bought in. */
export const Provision = z.enum(['IN_HOUSE', 'EXTERNAL']);
export type Provision = z.infer<typeof Provision>;

/** Where the placement is relative to the council's own area (CPPCR reg 11). */
export const Location = z.enum(['IN_AREA', 'OUT_OF_AREA_ADJOINING', 'OUT_OF_AREA_AT_DISTANCE']);
export type Location = z.infer<typeof Location>;

export const Urgency = z.enum(['PLANNED', 'URGENT', 'EMERGENCY']);
export type Urgency = z.infer<typeof Urgency>;

/** Approver tiers in ascending order of seniority, then the special approvers. */
export const ApproverTier = z.enum(['SW', 'TM', 'SM', 'HOS', 'AD', 'DCS']);
export type ApproverTier = z.infer<typeof ApproverTier>;
export const APPROVER_ORDER: readonly ApproverTier[] = ApproverTier.options;

export const PanelType = z.enum(['GATEWAY', 'PLACEMENT_RESOURCES', 'HIGH_COST', 'JOINT_FUNDING']);
export type PanelType = z.infer<typeof PanelType>;

/**
 * What a rule deadline is for, so a consumer can act on it without reading its id. A closed set,
 * taken from the deadlines the rule sets contain:
 * - DECISION: the approval or panel decision on the request itself;
 * - RATIFICATION: retrospective approval of an emergency decision (at panel);
 * - PLACEMENT_PLAN: the placement plan agreed with the carer or provider;
 * - VISIT: a social worker's visit to the child;
 * - REVIEW: a looked-after child review or placement review meeting;
 * - FUNDING_REVIEW: a panel or director's review of the funding agreed;
 * - NOTIFICATION: a notice another body must be sent (e.g. the area authority);
 * - RESPONSE: a manager's written response (e.g. to an IRO's alert);
 * - CARER_APPROVAL: a connected person's temporary approval running out;
 * - LEGAL_AUTHORITY: the end of what authorises the child's accommodation (police protection, an EPO, secure without an order);
 * - COURT: a court timetable (care proceedings);
 * - TRANSFER: a transfer between councils (the National Transfer Scheme).
 */
export const DeadlinePurpose = z.enum([
  'DECISION',
  'RATIFICATION',
  'PLACEMENT_PLAN',
  'VISIT',
  'REVIEW',
  'FUNDING_REVIEW',
  'NOTIFICATION',
  'RESPONSE',
  'CARER_APPROVAL',
  'LEGAL_AUTHORITY',
  'COURT',
  'TRANSFER',
]);
export type DeadlinePurpose = z.infer<typeof DeadlinePurpose>;

/** The purposes whose deadline is a decision on the request: the case must be decided by the earliest of them. */
export const DECISION_PURPOSES: readonly DeadlinePurpose[] = ['DECISION', 'RATIFICATION'];

export const DecisionOutcome = z.enum(['APPROVED', 'APPROVED_WITH_CONDITIONS', 'DECLINED', 'DEFERRED', 'REFERRED_UP']);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

/** Why a placement ends. */
export const EndReason = z.enum(['PLANNED_END', 'STEP_DOWN', 'MOVE', 'PROVIDER_NOTICE', 'BREAKDOWN', 'EXIT_FROM_CARE', 'AGE_18', 'OTHER']);
export type EndReason = z.infer<typeof EndReason>;

export const RequestStatus = z.enum([
  'SUBMITTED', // routed to an approver or panel, waiting for a decision
  'APPROVED',
  'DECLINED',
  'DEFERRED',
  'PLACED', // a placement started against it
  'ENDED', // its placement has ended
  'REFUSED', // a re-approval the law does not allow (the award or variation cannot go ahead)
]);
export type RequestStatus = z.infer<typeof RequestStatus>;

export const Role = z.enum([
  'social-worker',
  'panel-member',
  'panel-chair',
  'approver:TM',
  'approver:SM',
  'approver:HOS',
  'approver:AD',
  'approver:DCS',
  'commissioner',
  'finance',
  'auditor',
  /** A council's own administrator of the queues: sees and replays only its council's failed jobs. */
  'ops',
  /**
   * The deployment's operator (whoever runs Placewise for the councils): job metadata across every
   * council with no personal or council data (no payload, council or correlation id), replays, the
   * queue board. Holds no business role.
   */
  'ops:deployment',
  /** Keeps the panels' schedules, agendas and minutes. */
  'panel-admin',
  /** A provider's own staff: sees only their provider's referrals and offers (token claim `provider`). */
  'provider',
  /** The council's performance and data team: loads its SSDA903 returns and produces the new one. */
  'performance',
]);
export type Role = z.infer<typeof Role>;

/** Each role in the words a person reads (an access log, a due list, a page's "who may see this"). */
export const ROLE_WORDS: Record<Role, string> = {
  'social-worker': 'social worker',
  'panel-member': 'panel member',
  'panel-chair': 'panel chair',
  'approver:TM': 'team manager',
  'approver:SM': 'service manager',
  'approver:HOS': 'head of service',
  'approver:AD': 'assistant director',
  'approver:DCS': "director of children's services",
  commissioner: 'commissioner',
  finance: 'finance officer',
  auditor: 'auditor',
  ops: "council's queue administrator",
  'ops:deployment': 'deployment operator',
  'panel-admin': 'panel administrator',
  provider: "provider's staff",
  performance: 'performance and data team',
};

/** A calendar date, YYYY-MM-DD (Europe/London). Carried in events; a request's fields use `Day`. */
export const IsoDate = z.iso.date();

/*
 * What a person may type, and what a day may be: one definition for every request body, query
 * string and path parameter in every service, so hostile input is a 400 naming the field and the
 * reason, never a database error.
 */

/** The earliest and latest day any field accepts (PostgreSQL would take more, nobody's care does). */
export const EARLIEST_DAY = '1900-01-01';
export const LATEST_DAY = '2100-12-31';

// C0 control characters (and DEL); tab, line feed and carriage return are checked separately.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
const LONE_SURROGATE = /\p{Surrogate}/u;

/** Why a text is not acceptable, or null: NUL, other control characters, lone surrogates, line breaks where one line is asked for. */
export function textProblem(value: string, multiline: boolean): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it contains a lone surrogate)';
  if (CONTROL.test(value)) return 'must not contain control characters';
  if (!multiline && LINE_BREAK_OR_TAB.test(value)) return 'must be one line (no tabs or line breaks)';
  return null;
}

export interface TextOptions {
  /** At least this many characters after trimming (default 1: blank is refused). */
  min?: number;
  /** Line breaks and tabs allowed (comments, reasons, notes); otherwise one line (names, references). */
  multiline?: boolean;
  /** The reason given when the text is shorter than `min`. */
  minMessage?: string;
}

/**
 * Text a person types: trimmed, then `min`..`max` characters, with no NUL, no lone UTF-16
 * surrogate, no control characters other than tab and line breaks (and those only when
 * `multiline`). Use it for every free-text field of a request.
 */
export function Text(max: number, opts: TextOptions = {}): z.ZodString {
  const multiline = opts.multiline ?? false;
  const min = opts.min ?? 1;
  return z
    .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be text') })
    .check(
      z.superRefine((value, ctx) => {
        const problem = textProblem(value, multiline);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value, abort: true });
      }),
    )
    .trim()
    .min(min, opts.minMessage ?? (min === 1 ? 'must not be blank' : `must be at least ${min} characters`))
    .max(max, `must be at most ${max} characters`);
}

/**
 * A bound of a day field: a fixed day, or one computed from today (London) when the request
 * arrives, with the reason given when a day is beyond it.
 */
export type DayBound = string | { label: string; day: () => string; message?: string };

export interface DayOptions {
  /** The earliest day allowed (default 1900-01-01). */
  from?: DayBound;
  /** The latest day allowed (default 2100-12-31). */
  to?: DayBound;
}

const bound = (b: DayBound): { label: string; day: () => string; message?: string } =>
  typeof b === 'string' ? { label: b, day: () => b } : b;

/** Today, London: for `to` on a day that cannot be in the future. */
export const TODAY: DayBound = { label: 'today', day: () => londonToday(), message: 'must not be in the future' };
/** A year from today, London: for a review or a plan's date. */
export const A_YEAR_AHEAD: DayBound = { label: 'a year from today', day: () => addMonths(londonToday(), 12) };

/**
 * A day a person enters: YYYY-MM-DD, a real calendar day, between 1900-01-01 and 2100-12-31 or
 * narrower where the field says (`Day` is the default range; `DayBetween({ to: TODAY })` etc.).
 */
export function DayBetween(opts: DayOptions = {}): z.ZodISODate {
  const from = bound(opts.from ?? EARLIEST_DAY);
  const to = bound(opts.to ?? LATEST_DAY);
  return z.iso
    .date({ error: (i) => (i.input === undefined ? 'is required' : 'must be a date (YYYY-MM-DD), a real calendar day'), abort: true })
    .check(
      z.superRefine((value, ctx) => {
        if (value < from.day()) ctx.addIssue({ code: 'custom', message: from.message ?? `must not be before ${from.label}`, input: value });
        else if (value > to.day()) ctx.addIssue({ code: 'custom', message: to.message ?? `must not be after ${to.label}`, input: value });
      }),
    );
}

/** A day a person enters, between 1900-01-01 and 2100-12-31. */
export const Day = DayBetween();

/**
 * An instant a person enters (a sitting's start): ISO date and time with an offset, its day
 * between 1900-01-01 and 2100-12-31.
 */
export const Instant = z.iso
  .datetime({
    offset: true,
    error: (i) => (i.input === undefined ? 'is required' : 'must be a date and time with an offset (ISO 8601)'),
    abort: true,
  })
  .check(
    z.superRefine((value, ctx) => {
      const day = value.slice(0, 10);
      if (day < EARLIEST_DAY || day > LATEST_DAY) {
        ctx.addIssue({ code: 'custom', message: `must be between ${EARLIEST_DAY} and ${LATEST_DAY}`, input: value });
      }
    }),
  );
/**
 * Money is integer pence, never a float. An amount such as a weekly cost or a fee is stored as a
 * 32-bit integer, so at most 2,147,483,647p (about £21.5m); totals (budgets, commitments) are
 * 64-bit and have their own schemas.
 */
export const Pence = z.number().int().nonnegative().max(2_147_483_647, 'must be at most 2147483647 pence');

/**
 * The first string (key or value) in a JSON value that is not acceptable text, with its path and
 * reason, or null: for bodies that carry free-form JSON (a council's policy), which PostgreSQL
 * would refuse with a NUL or a lone surrogate.
 */
export function hostileTextIn(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; reason: string } | null {
  if (typeof value === 'string') {
    const reason = textProblem(value, true);
    return reason ? { path, reason } : null;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = hostileTextIn(v, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const reason = textProblem(k, false);
      if (reason) return { path: [...path, k], reason: `its key ${reason}` };
      const found = hostileTextIn(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}
