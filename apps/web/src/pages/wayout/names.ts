import { useQueries } from '@tanstack/react-query';
import { unwrap } from '../../api/client';
import { can, useApi, useSession } from '../../session';
import { SEES_CHILDREN } from './words';

/**
 * The children a section shows, in words: their names for roles the referrals service shows names to
 * (or "Child <the council's reference>" for a child known by it alone), else a child's place in the list.
 * One cached call per child, so each section asks only for the children it lists.
 */
export function useChildNames(ids: string[]): (id: string, i?: number) => string {
  const api = useApi();
  const { user } = useSession();
  const allowed = can(user, ...SEES_CHILDREN);
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['referrals', 'children', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => unwrap(api.referrals.GET('/children/{id}', { params: { path: { id } }, signal })),
      enabled: allowed,
      staleTime: 60_000,
    })),
  });
  const names = new Map(unique.map((id, i) => [id, results[i]?.data?.displayName]));
  return (id, i) => names.get(id) ?? (allowed ? 'Loading the name…' : `Child ${(i ?? unique.indexOf(id)) + 1} in this list`);
}
