import { useMemo } from 'react';
import { unwrap } from '../api/client';
import { useApiQuery } from '../api/query';
import { can, useSession, type User } from '../session';

/** Who may read children's names (referrals' GET /children): everyone else sees "Child aged N". */
export const READS_CHILDREN = [
  'social-worker',
  'panel-member',
  'panel-chair',
  'approver:TM',
  'approver:SM',
  'approver:HOS',
  'approver:AD',
  'approver:DCS',
  'auditor',
] as const;

/** Who may read what a placement means for the budget (finance's GET /forecast/impact). */
export const READS_BUDGET_IMPACT = [
  'finance',
  'auditor',
  'panel-member',
  'panel-chair',
  'approver:TM',
  'approver:SM',
  'approver:HOS',
  'approver:AD',
  'approver:DCS',
  'commissioner',
] as const;

export const readsChildren = (user: User | null) => can(user, ...READS_CHILDREN);
export const readsBudgetImpact = (user: User | null) => can(user, ...READS_BUDGET_IMPACT);

/**
 * Children's names by id, for those allowed to read them (the same cached call as the requests list);
 * for anyone else nothing is asked and the map is empty, so pages say "Child aged N".
 */
export function useChildNames(): Record<string, string> {
  const { user } = useSession();
  const children = useApiQuery(
    ['referrals', 'children', { take: 200 }],
    (api, signal) => unwrap(api.referrals.GET('/children', { params: { query: { take: 200 } }, signal })),
    { enabled: readsChildren(user) },
  );
  return useMemo(() => Object.fromEntries((children.data ?? []).map((c) => [c.id, c.displayName])), [children.data]);
}
