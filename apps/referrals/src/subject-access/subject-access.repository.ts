import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service.js';

/**
 * Every table that names a child, and the kind of record it is in a subject access document. A test checks
 * this against the schema: a new table with a child in it must be added here (or the document is incomplete).
 */
export const CHILD_TABLES = {
  Child: "The child's details and characteristics",
  Request: 'Requests, with their history',
  RequestHistory: 'Requests, with their history',
  CarePlan: 'Care plan, with its changes',
  CarePlanChange: 'Care plan, with its changes',
  ExitStep: 'Steps to leave care',
  Reunification: 'Reunification',
  EdgeOfCare: 'Edge of care',
  ChildLegalStatus: 'Legal statuses',
  LookedAfterEpisode: 'Placement episodes',
  ChildReview: 'Reviews held',
  MissingEpisode: 'Missing and away episodes',
  SocialWorkerEpisode: 'Social workers',
  CareLeaverOutcome: "Care leavers' outcomes",
  HealthOutcome: 'Health and other outcomes (a year at a time)',
  AdoptionDetail: 'Adoption',
  PreviousPermanence: 'Previous permanence',
  AdoptionDecision: 'Decisions to place for adoption',
  LibertyOrder: 'Deprivation of liberty orders',
  RecordChange: 'Changes to the record (who, when, why)',
  PersonalDataAccess: "Who has read the child's personal data",
  ChildAccessGrant: "Panel members given sight of the child's details, for a sitting that hears the child's case",
  ReturnExport: 'SSDA903 returns that included the child',
} as const;

/** The only code that reads everything referrals holds about one child, for a subject access request. */
@Injectable()
export class SubjectAccessRepository {
  constructor(private readonly prisma: PrismaService) {}

  async held(localAuthority: string, childId: string) {
    const db = this.prisma;
    const child = await db.child.findFirst({
      where: { localAuthority, id: childId },
      include: {
        requests: { include: { history: true }, orderBy: { submittedAt: 'asc' } },
        carePlan: { include: { changes: true } },
        exitSteps: true,
        reunifications: true,
        legalStatuses: true,
        episodes: true,
        reviews: true,
        missing: true,
        socialWorkers: true,
        careLeaverOutcomes: true,
        healthOutcomes: true,
        adoption: true,
        previousPermanence: true,
        adoptionDecisions: true,
        libertyOrders: true,
      },
    });
    if (!child) return null;
    const [edgeOfCare, changes, reads, grants, returns] = await Promise.all([
      db.edgeOfCare.findMany({ where: { localAuthority, childId } }),
      db.recordChange.findMany({ where: { localAuthority, childId }, orderBy: { at: 'asc' } }),
      db.personalDataAccess.findMany({ where: { localAuthority, childId }, orderBy: { id: 'asc' } }),
      db.childAccessGrant.findMany({ where: { localAuthority, childId }, orderBy: { grantedAt: 'asc' } }),
      db.returnExport.findMany({
        where: { localAuthority, childIds: { has: childId } },
        select: { collectionYear: true, status: true, requestedBy: true, requestedAt: true, finishedAt: true },
      }),
    ]);
    return { child, edgeOfCare, changes, reads, grants, returns };
  }
}
