import { RetentionRule } from '@placewise/contracts';
import { z } from 'zod';

export const RetentionPolicyView = z.object({
  /** Null until the council has set it: no child who was never looked after is erased until then. */
  notLookedAfterYears: z.number().int().nullable(),
  setBy: z.string().nullable(),
  setAt: z.iso.datetime({ offset: true }).nullable(),
  /** Every rule, in words with its source. */
  rules: z.array(z.object({ rule: RetentionRule, words: z.string() })),
});
export type RetentionPolicyView = z.infer<typeof RetentionPolicyView>;

/** What the next sweep would erase. No name, date of birth or day the period ended (it would give the birthday away). */
export const DueView = z.object({
  today: z.iso.date(),
  total: z.number().int(),
  children: z.array(z.object({ childId: z.uuid(), rule: RetentionRule, why: z.string() })),
});
export type DueView = z.infer<typeof DueView>;

export const RemovalsView = z.object({
  total: z.number().int(),
  removals: z.array(
    z.object({
      at: z.iso.datetime({ offset: true }),
      childId: z.uuid(),
      rule: RetentionRule,
      why: z.string(),
      /** Each kind of record removed, in words, with how many rows of which table. */
      removed: z.array(z.object({ what: z.string(), table: z.string(), rows: z.number().int() })),
    }),
  ),
});
export type RemovalsView = z.infer<typeof RemovalsView>;
