import { z } from 'zod';

export const ExportView = z.object({
  id: z.uuid(),
  collectionYear: z.number().int(),
  label: z.string(),
  status: z.enum(['QUEUED', 'RUNNING', 'DONE', 'FAILED']),
  progress: z.number(),
  children: z.number().int().nullable(),
  preflightFailures: z.number().int().nullable(),
  error: z.string().nullable(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Where the zip is, once done. */
  file: z.string().nullable(),
  /** When the retention job removed the file (a child in it was erased); the row stays. */
  fileErasedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ExportView = z.infer<typeof ExportView>;

export const PreflightView = z.object({
  collectionYear: z.number().int(),
  label: z.string(),
  children: z.number().int(),
  failures: z.array(
    z.object({
      child: z.string(),
      rule: z.string(),
      table: z.string(),
      field: z.string().nullable(),
      message: z.string(),
      fix: z.string(),
      path: z.string().nullable(),
    }),
  ),
});

export const LoadView = z.object({
  importId: z.uuid(),
  unchanged: z.boolean(),
  children: z.number().int(),
  newChildren: z.number().int(),
  episodes: z.number().int(),
  placements: z.number().int(),
});
