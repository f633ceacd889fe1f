import { z } from 'zod';

/** A child as referrals answers with it, for the OpenAPI document (tests parse real answers with it). */
export const ChildViewSchema = z.object({
  id: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string(),
  age: z.number().int(),
  reference: z.string().nullable(),
  createdAt: z.string(),
});
