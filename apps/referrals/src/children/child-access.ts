import { Injectable, NotFoundException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APPROVER_ORDER, type ApproverTier, type Role } from '@placewise/contracts';
import { hasRole, type Principal } from '@placewise/platform';
import type { Prisma } from '../../generated/client/index.js';
import { ChildrenRepository } from './children.repository.js';

/**
 * Who reads every child of their council: the auditor (the access log, subject access), the
 * performance and data team (the SSDA903 return covers every child), and the head of service,
 * assistant director and director (they oversee the whole service: the way out of care, whose
 * targets they set, the statutory clocks and figures by child; most decisions are theirs or below them).
 */
export const WHOLE_COUNCIL: readonly Role[] = ['auditor', 'performance', 'approver:HOS', 'approver:AD', 'approver:DCS'];

/** The team manager and service manager: the children whose requests are for their tier or below (their queue). */
const QUEUE_TIERS: readonly ApproverTier[] = ['TM', 'SM'];

function heldQueueTier(user: Principal): ApproverTier | null {
  const held = QUEUE_TIERS.filter((t) => user.roles.includes(`approver:${t}` as Role));
  return held.at(-1) ?? null;
}

/**
 * The children whose personal data (name, date of birth, characteristics, record) this person may
 * read, as a filter on the child table, or null for every child of their council (WHOLE_COUNCIL). Each
 * ground a person holds adds its children (README, "Who sees which child's personal data"):
 * - a social worker: the children they recorded and those of requests they made, and when their token names
 *   their team, the children their team recorded or made requests for (the team's caseload);
 * - a team manager or service manager: children with a request for their tier or below;
 * - a panel member or chair: children whose case is listed at a sitting of a panel they sit on
 *   (ChildAccessGrant, from panels' case.listed).
 * Anyone else (commissioners, finance, providers, ops, panel administrators) reads no child's personal data here.
 */
export function childScope(user: Principal): Prisma.ChildWhereInput | null {
  if (hasRole(user, ...WHOLE_COUNCIL)) return null;
  const any: Prisma.ChildWhereInput[] = [];
  if (hasRole(user, 'social-worker')) {
    any.push({ createdBy: user.sub }, { requests: { some: { submittedBy: user.sub } } });
    if (user.team) any.push({ createdByTeam: user.team }, { requests: { some: { submittedByTeam: user.team } } });
  }
  const tier = heldQueueTier(user);
  if (tier) any.push({ requests: { some: { approver: { in: APPROVER_ORDER.slice(0, APPROVER_ORDER.indexOf(tier) + 1) } } } });
  if (hasRole(user, 'panel-member', 'panel-chair')) any.push({ accessGrants: { some: { userId: user.sub } } });
  return { OR: any };
}

/** Checks a read of one child against childScope: a child this person may not read does not exist for them (404). */
@Injectable()
export class ChildAccess {
  constructor(private readonly children: ChildrenRepository) {}

  async mustMayRead(user: Principal, childId: string): Promise<void> {
    if (!(await this.children.visible(user.localAuthority, childId, childScope(user)))) throw new NotFoundException(`no child ${childId}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * On a controller whose routes name a child by `:id`: the child must be one the caller may read
 * (childScope), for writes too, since a write answers with the record; otherwise 404. A malformed id
 * is left to the route's pipe (400).
 */
@Injectable()
export class ChildScopeGuard implements CanActivate {
  constructor(private readonly access: ChildAccess) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<{ principal?: Principal; params?: Record<string, string> }>();
    const id = req.params?.id;
    if (req.principal && id && UUID.test(id)) await this.access.mustMayRead(req.principal, id);
    return true;
  }
}
