import { z } from 'zod';

/** A child as referrals answers with it, for the OpenAPI document (tests parse real answers with it). */
export const ChildViewSchema = z.object({
  id: z.uuid(),
  /** Null for a child loaded from a 903 return before anyone has added the name. */
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  /** The name to show: given and family name, or the council's reference for a child known by it alone. */
  displayName: z.string(),
  dateOfBirth: z.string(),
  age: z.number().int(),
  reference: z.string().nullable(),
  createdAt: z.string(),
});
