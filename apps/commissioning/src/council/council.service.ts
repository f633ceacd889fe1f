import { Injectable } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import type { z } from 'zod';
import type { Tx } from '../prisma.service.js';
import { DEFAULT_WEIGHTS, type Weights } from '../matching/ranking.js';
import type { CouncilArea } from '../matching/location.js';
import { CouncilRepository, type CouncilRow } from './council.repository.js';
import type { PutCouncil, PutVariationLimits } from './council.dto.js';

/** What a council has not set: no area (so locations cannot be told), default weights and limits (>5% or >£250 a week). */
export const DEFAULT_LIMITS = { variationLimitBasisPoints: 500, variationLimitPence: 25_000 };

export interface CouncilSettings {
  localAuthority: string;
  area: CouncilArea | null;
  region: string | null;
  weights: Weights;
  variationLimitBasisPoints: number;
  variationLimitPence: number;
}

export function settingsOf(localAuthority: string, c: CouncilRow | null): CouncilSettings {
  return {
    localAuthority,
    area: c ? { area: c.area, neighbours: c.neighbours } : null,
    region: c?.region ?? null,
    weights: c?.weights ?? { ...DEFAULT_WEIGHTS },
    variationLimitBasisPoints: c?.variationLimitBasisPoints ?? DEFAULT_LIMITS.variationLimitBasisPoints,
    variationLimitPence: c?.variationLimitPence ?? DEFAULT_LIMITS.variationLimitPence,
  };
}

@Injectable()
export class CouncilService {
  constructor(private readonly councils: CouncilRepository) {}

  async settings(localAuthority: string, tx?: Tx): Promise<CouncilSettings> {
    return settingsOf(localAuthority, await this.councils.find(localAuthority, tx));
  }

  async view(user: Principal) {
    const s = await this.settings(user.localAuthority);
    return {
      localAuthority: s.localAuthority,
      area: s.area?.area ?? null,
      neighbours: s.area?.neighbours ?? [],
      region: s.region,
      weights: s.weights,
      variationLimitBasisPoints: s.variationLimitBasisPoints,
      variationLimitPence: s.variationLimitPence,
    };
  }

  async put(user: Principal, input: z.infer<typeof PutCouncil>) {
    const existing = await this.councils.find(user.localAuthority);
    const weights = input.weights ?? existing?.weights ?? { ...DEFAULT_WEIGHTS };
    await this.councils.upsert(
      user.localAuthority,
      {
        localAuthority: user.localAuthority,
        area: input.area,
        neighbours: input.neighbours,
        region: input.region,
        weights,
        updatedBy: user.sub,
      },
      { area: input.area, neighbours: input.neighbours, region: input.region, weights, updatedBy: user.sub },
    );
    return this.view(user);
  }

  async putLimits(user: Principal, input: z.infer<typeof PutVariationLimits>) {
    const existing = await this.councils.find(user.localAuthority);
    if (!existing) {
      await this.councils.upsert(
        user.localAuthority,
        { localAuthority: user.localAuthority, area: user.localAuthority, weights: { ...DEFAULT_WEIGHTS }, ...input, updatedBy: user.sub },
        {},
      );
    } else {
      await this.councils.upsert(
        user.localAuthority,
        { localAuthority: user.localAuthority, area: existing.area, weights: existing.weights, updatedBy: user.sub },
        { ...input, updatedBy: user.sub },
      );
    }
    return this.view(user);
  }
}
