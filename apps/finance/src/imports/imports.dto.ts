import { z } from 'zod';

export const UnpricedQuery = z.object({
  take: z.coerce.number().int().min(1).max(500).default(100),
  skip: z.coerce.number().int().min(0).default(0),
});

/** The weekly cost of an imported placement the council's cost file gave no price for. */
export const ImportedPrice = z
  .object({
    weeklyCostPence: z
      .number({ error: 'must be a whole number of pence' })
      .int('must be a whole number of pence')
      .positive()
      .max(2_147_483_647),
  })
  .strict();
