import { Instant, PanelType, Text } from '@placewise/contracts';
import { z } from 'zod';
import { VoteChoice } from '../stored-enums.js';

export const MemberRole = z.enum([
  'CHAIR',
  'VICE_CHAIR',
  'SOCIAL_CARE',
  'FINANCE',
  'HEALTH',
  'EDUCATION',
  'IRO',
  'LEGAL',
  'COMMISSIONING',
  'ADVISER',
]);
export type MemberRole = z.infer<typeof MemberRole>;

export const NewMember = z
  .object({
    /** The member's token subject (their sign-in id). */
    userId: Text(200),
    name: Text(200),
    role: MemberRole,
    voting: z.boolean().default(true),
  })
  .strict();

const Weekday = z.enum(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY']);
export const WEEKDAYS = Weekday.options;

export const CreatePanel = z
  .object({
    name: Text(200),
    type: PanelType,
    quorum: z
      .object({ votingMembers: z.number().int().min(1).max(20).default(2), financeRequired: z.boolean().optional() })
      .strict()
      .default({ votingMembers: 2 }),
    /** Regular sittings, e.g. every Tuesday at 10:00 (Europe/London), cut-off 2 working days before. */
    schedule: z
      .object({
        weekday: Weekday,
        time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour, Europe/London)'),
        cutOffWorkingDays: z.number().int().min(0).max(20).default(2),
        durationMinutes: z.number().int().min(15).max(600).default(180),
      })
      .strict()
      .nullable()
      .default(null),
    members: z.array(NewMember).min(1).max(40),
  })
  .strict()
  .superRefine((p, ctx) => {
    const chairs = p.members.filter((m) => m.role === 'CHAIR');
    if (chairs.length !== 1) ctx.addIssue({ code: 'custom', path: ['members'], message: 'exactly one member must have the role CHAIR' });
    const ids = p.members.map((m) => m.userId);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['members'], message: 'a person can be a member only once' });
    const finance = p.type === 'HIGH_COST' || p.quorum.financeRequired === true;
    if (finance && !p.members.some((m) => m.role === 'FINANCE' && m.voting)) {
      ctx.addIssue({ code: 'custom', path: ['members'], message: 'this panel needs a voting finance member for its quorum' });
    }
    const voters = p.members.filter((m) => m.voting && m.role !== 'CHAIR').length;
    if (voters < p.quorum.votingMembers)
      ctx.addIssue({
        code: 'custom',
        path: ['quorum', 'votingMembers'],
        message: `the panel has only ${voters} voting members besides the chair`,
      });
    if (p.quorum.financeRequired === false && p.type === 'HIGH_COST')
      ctx.addIssue({
        code: 'custom',
        path: ['quorum', 'financeRequired'],
        message: 'a high-cost panel always needs a finance member present',
      });
  });

export const ExtraordinarySitting = z
  .object({
    startsAt: Instant,
    reason: Text(1000, { multiline: true }),
  })
  .strict();

export const SittingRange = z.object({
  from: Instant.optional(),
  to: Instant.optional(),
});

export const AgendaAdd = z.object({ caseId: z.uuid() }).strict();

export const AttendanceBody = z
  .object({
    members: z
      .array(z.object({ userId: Text(200), present: z.boolean() }).strict())
      .min(1)
      .max(40),
  })
  .strict();

export const ConflictBody = z.object({ reason: Text(2000, { multiline: true }) }).strict();

export const VoteBody = z.object({ vote: VoteChoice, comment: Text(4000, { min: 0, multiline: true }).optional() }).strict();

export const MySittings = z.object({
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
