import { ApproverTier } from '@placewise/contracts';
import { z } from 'zod';

/**
 * The stored statuses and kinds that are this service's own (the request's facts, the tiers, panel
 * types and decision outcomes are @placewise/contracts' enums). Each is a database enum with the same
 * values (prisma/schema.prisma); stored-enums.test.ts checks they stay equal.
 */
export const CaseStatus = z.enum(['OPEN', 'DECIDED']);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Who decided: an approver's tier, or PANEL for a panel's decision. */
export const DecidedByTier = z.enum([...ApproverTier.options, 'PANEL']);
export type DecidedByTier = z.infer<typeof DecidedByTier>;

export const SittingKind = z.enum(['REGULAR', 'EXTRAORDINARY']);
export type SittingKind = z.infer<typeof SittingKind>;

export const SittingStatus = z.enum(['SCHEDULED', 'CANCELLED']);
export type SittingStatus = z.infer<typeof SittingStatus>;

/** A case on a sitting's agenda: LISTED until heard, then how it left the agenda. */
export const AgendaStatus = z.enum(['LISTED', 'DECIDED', 'DEFERRED', 'REFERRED_UP', 'MOVED', 'CARRIED_OVER', 'ESCALATED']);
export type AgendaStatus = z.infer<typeof AgendaStatus>;

export const VoteChoice = z.enum(['APPROVE', 'DECLINE', 'ABSTAIN']);
export type VoteChoice = z.infer<typeof VoteChoice>;

export const TimerKind = z.enum(['REMINDER', 'DECISION_OVERDUE', 'RETROSPECTIVE_OVERDUE']);
export type TimerKind = z.infer<typeof TimerKind>;

/** How a timer was fired: the delayed job or the periodic sweep. */
export const TimerSource = z.enum(['JOB', 'SWEEP']);
export type TimerSource = z.infer<typeof TimerSource>;

/** A statutory clock: running, done (the thing recorded as done), or no longer needed (its request declined). */
export const ClockStatus = z.enum(['ACTIVE', 'COMPLETED', 'CANCELLED']);
export type ClockStatus = z.infer<typeof ClockStatus>;

/** What happened to a statutory clock (its history; each at most once per clock). */
export const ClockEventKind = z.enum(['CREATED', 'REMINDED', 'ESCALATED', 'COMPLETED', 'CANCELLED']);
export type ClockEventKind = z.infer<typeof ClockEventKind>;
