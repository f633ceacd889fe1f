import { z } from 'zod';

export const AccessLogEntryView = z.object({
  at: z.string().describe('when, as an instant'),
  who: z.string().describe("the person's name"),
  roles: z.array(z.string()).describe('their roles then, in words'),
  child: z.object({ id: z.string(), reference: z.string().nullable(), name: z.string().nullable() }),
  through: z.string().describe('what they read it through, in words'),
});

export const AccessLogView = z.object({
  total: z.number().int(),
  entries: z.array(AccessLogEntryView),
});
export type AccessLogView = z.infer<typeof AccessLogView>;
