import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import {
  ApproverTier,
  IsoDate,
  LegalStatus,
  Location,
  PanelType,
  Pence,
  PlacementType,
  Provision,
  RequestKind,
  Urgency,
} from '../domain.js';

/** The part of a rules outcome that travels with a request: enough to route and to explain. */
export const RoutedOutcome = z.object({
  ruleSetVersion: z.string(),
  policyHash: z.string(),
  approver: ApproverTier,
  panel: PanelType.nullable(),
  costBand: z.string().nullable(),
  retrospective: z.boolean(),
  gates: z.array(z.object({ id: z.string(), ruleId: z.string(), text: z.string() })),
  deadlines: z.array(
    z.object({ id: z.string(), ruleId: z.string(), due: z.iso.datetime({ offset: true }), text: z.string() }),
  ),
  reasons: z.array(z.object({ ruleId: z.string(), text: z.string() })),
});
export type RoutedOutcome = z.infer<typeof RoutedOutcome>;

export const RequestSubmittedV1 = defineEvent({
  type: 'request.submitted',
  version: 1,
  producer: 'referrals',
  schema: z.object({
    requestId: z.uuid(),
    childId: z.uuid(),
    childAge: z.number().int().min(0).max(25),
    kind: RequestKind,
    legalStatus: LegalStatus,
    placementType: PlacementType,
    provision: Provision,
    weeklyCostPence: Pence,
    location: Location,
    urgency: Urgency,
    placedAt: IsoDate.nullable(),
    submittedAt: z.iso.datetime({ offset: true }),
    submittedBy: z.string(),
    outcome: RoutedOutcome,
  }),
});
