import { Day, Text } from '@placewise/contracts';
import { z } from 'zod';

export const AccessLogQuery = z
  .object({
    child: z.uuid({ error: 'must be a child id' }).optional(),
    actor: Text(200).optional(),
    from: Day.optional(),
    to: Day.optional(),
    take: z.coerce.number().int().min(1).max(500).default(100),
    skip: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });
