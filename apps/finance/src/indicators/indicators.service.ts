import { Injectable } from '@nestjs/common';
import { asDate, londonToday } from '@placewise/contracts/dates';
import type { Principal } from '@placewise/platform';
import { costByType, placementMix } from './indicators.js';
import { IndicatorsRepository } from './indicators.repository.js';

@Injectable()
export class IndicatorsService {
  constructor(private readonly repo: IndicatorsRepository) {}

  /** The placement mix on `asOf` (default today) and the average weekly cost by type this year to date against last year. */
  async indicators(user: Principal, asOf = londonToday()) {
    const placements = await this.repo.placements(user.localAuthority, asDate(asOf));
    const mix = placementMix(placements, asOf);
    const cost = costByType(placements, asOf);
    return {
      asOf,
      mix: {
        rows: mix,
        placements: mix.reduce((a, r) => a + r.placements, 0),
        unpriced: mix.reduce((a, r) => a + r.unpriced, 0),
        weeklyCostPence: mix.reduce((a, r) => a + r.weeklyCostPence, 0),
      },
      costByType: cost,
    };
  }
}
