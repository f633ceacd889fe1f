import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service.js';

@Injectable()
export class SufficiencyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Beds the council has already paid for: its own homes and carers, and block-contracted beds. */
  occupancy(localAuthority: string) {
    return this.prisma.$queryRaw<{ kind: string; placement_type: string; settings: number; capacity: number; vacancies: number }[]>`
      SELECT CASE WHEN p.sector = 'IN_HOUSE' AND p.local_authority = ${localAuthority} THEN 'IN_HOUSE' ELSE 'BLOCK' END AS kind,
             s.placement_type, count(*)::int AS settings, sum(s.capacity)::int AS capacity, sum(s.vacancies)::int AS vacancies
        FROM setting s JOIN provider p ON p.id = s.provider_id AND p.local_authority = s.local_authority
       WHERE s.local_authority = ${localAuthority}
         AND ((p.sector = 'IN_HOUSE' AND p.local_authority = ${localAuthority}) OR s.procurement_route = 'BLOCK')
       GROUP BY 1, 2 ORDER BY 1, 2`;
  }

  /** Vacancies the council can use (its own providers and its region's), by type and area. */
  vacancies(localAuthority: string, region: string | null) {
    return this.prisma.$queryRaw<{ placement_type: string; area: string | null; settings: number; vacancies: number }[]>`
      SELECT s.placement_type, s.area, count(*)::int AS settings, sum(s.vacancies)::int AS vacancies
        FROM setting s JOIN provider p ON p.id = s.provider_id AND p.local_authority = s.local_authority
       WHERE (p.local_authority = ${localAuthority} OR (${region}::text IS NOT NULL AND p.region = ${region}))
         AND s.vacancies > 0
       GROUP BY 1, 2 ORDER BY 1, 2`;
  }

  /** Open searches that no provider has offered on. */
  searchesWithoutOffer(localAuthority: string) {
    return this.prisma.$queryRaw<
      { id: string; placement_type: string; urgency: string; stage: string; round: number; opened_at: Date; deadline: Date }[]
    >`
      SELECT s.id::text, s.placement_type, s.urgency, s.stage, s.round, s.opened_at, s.deadline
        FROM search s
       WHERE s.local_authority = ${localAuthority} AND s.status = 'OPEN'
         AND NOT EXISTS (SELECT 1 FROM offer o WHERE o.search_id = s.id)
       ORDER BY s.deadline`;
  }

  /** Hours from a search opening to its placement being agreed, by urgency. */
  timeToPlace(localAuthority: string) {
    return this.prisma.$queryRaw<{ urgency: string; placements: number; average_hours: number }[]>`
      SELECT s.urgency, count(*)::int AS placements,
             round((avg(extract(epoch FROM pl.created_at - s.opened_at)) / 3600)::numeric, 1)::float8 AS average_hours
        FROM placement pl JOIN search s ON s.id = pl.search_id
       WHERE pl.local_authority = ${localAuthority}
       GROUP BY 1 ORDER BY 1`;
  }
}
