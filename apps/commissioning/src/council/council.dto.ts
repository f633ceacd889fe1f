import { Text } from '@placewise/contracts';
import { z } from 'zod';

const Weight = z.number().int().min(0).max(100);
export const RankingWeights = z
  .object({ needs: Weight, distance: Weight, education: Weight, siblings: Weight, price: Weight })
  .strict()
  .refine((w) => w.needs + w.distance + w.education + w.siblings + w.price > 0, { message: 'at least one weight must be above zero' });

const AreaName = Text(100);

export const PutCouncil = z
  .object({
    area: AreaName,
    neighbours: z.array(AreaName).max(30).default([]),
    region: Text(100).nullable().default(null),
    weights: RankingWeights.optional(),
  })
  .strict()
  .refine((c) => !c.neighbours.some((n) => n.toLowerCase() === c.area.toLowerCase()), {
    path: ['neighbours'],
    message: 'must not include the council itself',
  });

export const PutVariationLimits = z
  .object({
    /** A rise above this share of the current weekly price (basis points: 500 = 5%) goes for re-approval. */
    variationLimitBasisPoints: z.number().int().min(0).max(10_000),
    /** ...or above this many pence a week. */
    variationLimitPence: z.number().int().min(0).max(10_000_000),
  })
  .strict();
