import { IsoDate } from '@placewise/contracts';
import { z } from 'zod';
import type { Prisma } from '../../generated/client/index.js';
import type { GateResult } from '../matching/gates.js';
import { AdditionalService } from './searches.dto.js';
import { GateResultView } from './searches.views.js';

/**
 * The JSON an offer stores, parsed where it is read (the repositories), so no service casts a JSON
 * value: the gates it was checked against, its additional services, and an award held for re-approval.
 */
// A result stored before `applies` existed applied: every gate was judged then.
export const StoredGates = z.array(GateResultView.transform((g) => ({ ...g, applies: g.applies ?? true })));
export const StoredServices = z.array(AdditionalService);
export const PendingAward = z.object({
  plannedEndDate: IsoDate.nullable(),
  noticeWeeks: z.number().int(),
  requestedBy: z.string(),
  reasons: z.array(z.enum(['ABOVE_CEILING', 'CHANGED_TYPE', 'CHANGED_LOCATION'])),
});
export type PendingAward = z.infer<typeof PendingAward>;

interface OfferJson {
  gates: Prisma.JsonValue;
  additionalServices: Prisma.JsonValue;
  pendingAward: Prisma.JsonValue | null;
}

/** An offer row with its JSON parsed. */
export type TypedOffer<T extends OfferJson> = Omit<T, keyof OfferJson> & {
  gates: GateResult[];
  additionalServices: AdditionalService[];
  pendingAward: PendingAward | null;
};

export function typedOffer<T extends OfferJson>(o: T): TypedOffer<T> {
  return {
    ...o,
    gates: StoredGates.parse(o.gates),
    additionalServices: StoredServices.parse(o.additionalServices),
    pendingAward: o.pendingAward === null ? null : PendingAward.parse(o.pendingAward),
  };
}
