import { Injectable } from '@nestjs/common';
import type { Principal } from '@placewise/platform';
import { CouncilService } from '../council/council.service.js';
import { classifyLocation } from '../matching/location.js';
import { SufficiencyRepository } from './sufficiency.repository.js';

const pct = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 1000) / 10);

@Injectable()
export class SufficiencyService {
  constructor(
    private readonly repo: SufficiencyRepository,
    private readonly council: CouncilService,
  ) {}

  async report(user: Principal) {
    const la = user.localAuthority;
    const council = await this.council.settings(la);
    const now = new Date();
    const [occupancy, vacancies, noOffer, time] = await Promise.all([
      this.repo.occupancy(la),
      this.repo.vacancies(la, council.region),
      this.repo.searchesWithoutOffer(la),
      this.repo.timeToPlace(la),
    ]);
    const occ = (kind: string) => {
      const rows = occupancy.filter((r) => r.kind === kind);
      const capacity = rows.reduce((s, r) => s + r.capacity, 0);
      const occupied = capacity - rows.reduce((s, r) => s + r.vacancies, 0);
      return {
        capacity,
        occupied,
        occupancyPercent: pct(occupied, capacity),
        byType: rows.map((r) => ({
          placementType: r.placement_type,
          settings: r.settings,
          capacity: r.capacity,
          occupied: r.capacity - r.vacancies,
          occupancyPercent: pct(r.capacity - r.vacancies, r.capacity),
        })),
      };
    };
    const placed = time.reduce((s, r) => s + r.placements, 0);
    return {
      localAuthority: la,
      at: now.toISOString(),
      inHouse: occ('IN_HOUSE'),
      blockBeds: occ('BLOCK'),
      vacancies: vacancies.map((r) => ({
        placementType: r.placement_type,
        area: r.area,
        location: classifyLocation(council.area, r.area),
        settings: r.settings,
        vacancies: r.vacancies,
      })),
      searchesWithNoOffer: {
        count: noOffer.length,
        searches: noOffer.map((s) => ({
          id: s.id,
          placementType: s.placement_type,
          urgency: s.urgency,
          stage: s.stage,
          round: s.round,
          openedAt: s.opened_at.toISOString(),
          deadline: s.deadline.toISOString(),
          overdue: s.deadline < now,
        })),
      },
      timeToPlace: {
        placements: placed,
        averageHours: placed === 0 ? null : Math.round((time.reduce((s, r) => s + r.average_hours * r.placements, 0) / placed) * 10) / 10,
        byUrgency: time.map((r) => ({ urgency: r.urgency, placements: r.placements, averageHours: r.average_hours })),
      },
    };
  }
}
