import { z } from 'zod';

/** The council's commissioning settings as answered by GET and PUT /council and PUT /council/variation-limits (council.service.ts builds it). */
export const CouncilView = z.object({
  localAuthority: z.string(),
  /** Null until the council records its area (locations cannot be told until then). */
  area: z.string().nullable(),
  neighbours: z.array(z.string()),
  region: z.string().nullable(),
  weights: z.object({
    needs: z.number().int(),
    distance: z.number().int(),
    education: z.number().int(),
    siblings: z.number().int(),
    price: z.number().int(),
  }),
  variationLimitBasisPoints: z.number().int(),
  variationLimitPence: z.number().int(),
});
