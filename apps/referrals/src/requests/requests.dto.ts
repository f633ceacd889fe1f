import {
  Day,
  DayBetween,
  LegalStatus,
  Location,
  Pence,
  PlacementType,
  Provision,
  RequestKind,
  RequestStatus,
  Text,
  TODAY,
  Urgency,
} from '@placewise/contracts';
import { z } from 'zod';

/** What a social worker submits. Unknown fields (a local authority, a status) are refused. */
export const SubmitRequest = z
  .object({
    childId: z.uuid(),
    kind: RequestKind,
    legalStatus: LegalStatus,
    placementType: PlacementType,
    provision: Provision,
    /** Gross weekly cost including additional services, before partner contributions, in pence. */
    weeklyCostPence: Pence,
    location: Location,
    urgency: Urgency,
    /** The day the child was placed, if already placed (emergency, out of hours): approval is then retrospective. */
    placedAt: DayBetween({ to: TODAY }).optional(),
    /** For an exit, step-down, move or variation: the day it should take effect. */
    effectiveDate: Day.optional(),
    /** The child's needs in the social worker's words. Stays in referrals. */
    summary: Text(4000, { min: 0, multiline: true }).optional(),
  })
  .strict()
  .refine((r) => r.kind !== 'EXIT' || r.effectiveDate !== undefined, {
    path: ['effectiveDate'],
    message: 'an exit needs the day it takes effect',
  })
  .refine((r) => r.urgency === 'EMERGENCY' || r.placedAt === undefined, {
    path: ['placedAt'],
    message: 'only an EMERGENCY request can record a child as already placed',
  });
export type SubmitRequest = z.infer<typeof SubmitRequest>;

export const Resubmit = z
  .object({
    /** The items of information the panel asked for, now provided (as the panel listed them). */
    itemsProvided: z.array(Text(200)).min(1).max(20),
    /** An updated account of the child's needs, if it changed. */
    summary: Text(4000, { min: 0, multiline: true }).optional(),
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
