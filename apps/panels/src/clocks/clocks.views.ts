import { z } from 'zod';

/**
 * The shapes the clocks routes answer with (OpenAPI; the integration tests parse real responses with
 * them). Codes (`purpose`, `owner`, `state`) are there for programs; every `...Name`/`what`/`text`
 * field is words for people.
 */
export const ClockView = z.object({
  id: z.uuid(),
  childId: z.uuid(),
  requestId: z.uuid(),
  purpose: z.string(),
  /** What it is for, in words. */
  what: z.string(),
  /** The rule's own words for the deadline. */
  text: z.string(),
  ruleId: z.string(),
  deadlineId: z.string(),
  /** For a child's statutory reviews: which review (1 for the first). */
  reviewNumber: z.number().int().nullable(),
  owner: z.string(),
  ownerName: z.string(),
  escalatesTo: z.string(),
  escalatesToName: z.string(),
  dueAt: z.string(),
  /** The London day it is due. */
  dueDate: z.string(),
  remindAt: z.string().nullable(),
  escalateAt: z.string(),
  status: z.enum(['ACTIVE', 'COMPLETED', 'CANCELLED']),
  state: z.enum(['UPCOMING', 'DUE_SOON', 'LATE', 'ESCALATED', 'COMPLETED', 'CANCELLED']),
  /** Where it stands, in words: "Late (was due 18 December 2026): escalated to the team manager". */
  stateText: z.string(),
  late: z.boolean(),
  remindedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  completedOn: z.string().nullable(),
  completedBy: z.string().nullable(),
  completionNote: z.string().nullable(),
  createdAt: z.string(),
});

export const DueListView = z.object({
  /** The roles listed. */
  roles: z.array(z.string()),
  /** The same, in words. */
  rolesText: z.string(),
  asOf: z.string(),
  late: z.number().int(),
  dueSoon: z.number().int(),
  clocks: z.array(ClockView),
});

export const ClockHistoryEntry = z.object({
  kind: z.enum(['CREATED', 'REMINDED', 'ESCALATED', 'COMPLETED', 'CANCELLED']),
  at: z.string(),
  by: z.string(),
  firedBy: z.enum(['JOB', 'SWEEP']).nullable(),
  /** What happened, in words. */
  text: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

export const ClockDetailView = ClockView.extend({
  history: z.array(ClockHistoryEntry),
  /** After a review is recorded as held: the next review's clock. */
  next: ClockView.nullable(),
});

const MonthFigures = z.object({
  /** Clocks due in the month (not counting those no longer needed). */
  due: z.number().int(),
  /** Done on or before the day due. */
  onTime: z.number().int(),
  /** Done after the day due. */
  doneLate: z.number().int(),
  /** Not done, and past the deadline. */
  openLate: z.number().int(),
  /** Not done, and not yet due. */
  open: z.number().int(),
  /** No longer needed (left out of the rate). */
  cancelled: z.number().int(),
  /** On time out of those done or late, to one decimal place; null when none. */
  onTimePercent: z.number().nullable(),
});

/** Statutory clocks on time, per kind and month (the London month of the day due). */
export const ClockIndicatorsView = z.object({
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  kinds: z.array(
    z.object({
      purpose: z.string(),
      /** The kind, in words. */
      what: z.string(),
      months: z.array(
        MonthFigures.extend({
          /** YYYY-MM. */
          month: z.string(),
          /** The month in words: "November 2026". */
          label: z.string(),
        }),
      ),
      total: MonthFigures,
    }),
  ),
});
