import { IsoDate, RequestStatus } from '@placewise/contracts';
import { RequestInputFactsSchema, type RequestInputFacts } from '@placewise/rules';
import { londonToday } from '@placewise/contracts/dates';
import { z } from 'zod';

/**
 * What a social worker submits: the rules' own facts (RequestInputFactsSchema, every fact the
 * rules define minus those Placewise derives: the child's age, school year and key stage from the
 * date of birth, the moment of submission, out of hours), plus the child and the summary. Derived
 * from the rules package so the two cannot drift (requests.dto.test.ts compares the key sets).
 * Unknown fields (a local authority, a status, a derived fact such as childAge) are refused.
 */
export const SubmitRequest = RequestInputFactsSchema.extend({
  childId: z.uuid(),
  /** The day the child was placed, if already placed (emergency, out of hours): approval is then retrospective. */
  placedAt: IsoDate.refine((d) => d <= londonToday(), 'must not be in the future').optional(),
  /** The child's needs in the social worker's words. Stays in referrals. */
  summary: z.string().trim().max(4000).optional(),
})
  .strict()
  .refine((r) => r.kind !== 'EXIT' || r.effectiveDate !== undefined, {
    path: ['effectiveDate'],
    message: 'an exit needs the day it takes effect',
  })
  .refine((r) => r.urgency === 'EMERGENCY' || r.placedAt === undefined, {
    path: ['placedAt'],
    message: 'only an EMERGENCY request can record a child as already placed',
  })
  .refine((r) => r.kind !== 'CARER_APPROVAL_EXTENSION' || r.placementType === 'KINSHIP_FOSTER', {
    path: ['placementType'],
    message: 'an extension of temporary approval (CPPCR reg 25) is for a connected person: KINSHIP_FOSTER',
  })
  .refine((r) => r.connectedPersonTempApprovedOn === undefined || r.connectedPersonTempApprovedOn <= londonToday(), {
    path: ['connectedPersonTempApprovedOn'],
    message: 'must not be in the future',
  });
/** The part of a submission that is the rules' facts. */
export function typedFacts(input: SubmitRequest): RequestInputFacts {
  const { childId: _childId, summary: _summary, ...facts } = input;
  return { ...facts, placedAt: facts.placedAt ?? null };
}
export type SubmitRequest = z.infer<typeof SubmitRequest>;

export const Resubmit = z
  .object({
    /** The items of information the panel asked for, now provided (as the panel listed them). */
    itemsProvided: z.array(z.string().trim().min(1).max(200)).min(1).max(20),
    /** An updated account of the child's needs, if it changed. */
    summary: z.string().trim().max(4000).optional(),
  })
  .strict();
export type Resubmit = z.infer<typeof Resubmit>;

export const ListRequests = z.object({
  status: RequestStatus.optional(),
  childId: z.uuid().optional(),
  take: z.coerce.number().int().min(1).max(200).default(50),
  skip: z.coerce.number().int().min(0).default(0),
});
export type ListRequests = z.infer<typeof ListRequests>;
