import { z } from 'zod';

/**
 * What one service holds about one child, for a subject access request: each kind of record with its rows
 * as plain JSON (days and instants as ISO text, large numbers as text, file contents left out: the file is
 * named, not copied). The workspace puts the five services' parts together into one document.
 */
export const SubjectAccessPart = z.object({
  service: z.string().describe('the service, in words'),
  generatedAt: z.string(),
  records: z.array(
    z.object({
      kind: z.string().describe('the kind of record, in words'),
      rows: z.array(z.record(z.string(), z.unknown())),
    }),
  ),
});
export type SubjectAccessPart = z.infer<typeof SubjectAccessPart>;

/** A database row (with nested relations) as plain JSON for a subject access document. */
export function plainRecord(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return `(a file of ${value.byteLength} bytes, not copied here)`;
  if (Array.isArray(value)) return value.map(plainRecord);
  if (typeof value === 'object') {
    // Prisma's Decimal prints as its value.
    if ('toFixed' in value && typeof (value as { toFixed: unknown }).toFixed === 'function') return String(value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainRecord(v)]));
  }
  return value;
}

/** One service's part: the kinds in the order given, each with its rows made plain. */
export function subjectAccessPart(service: string, records: [kind: string, rows: readonly object[]][]): SubjectAccessPart {
  return {
    service,
    generatedAt: new Date().toISOString(),
    records: records.map(([kind, rows]) => ({ kind, rows: rows.map((r) => plainRecord(r) as Record<string, unknown>) })),
  };
}
