/**
 * Data fetching for every page, through TanStack Query: answers are cached per key, a page that is
 * left cancels its calls (the signal reaches fetch), and an answer that arrives after a newer one for
 * the same key never overwrites it. Pages read with `useApiQuery` and change with `useApiMutation`,
 * which refreshes the keys it names when the change is saved.
 */

import {
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import { ApiError } from './client';
import { useApi } from '../session';
import type { Api } from './client';

/** One client per browser tab; created by main.tsx and cleared when the person signs out. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Figures a page shows may be a few seconds old; moving between pages does not refetch them.
        staleTime: 5_000,
        // A refusal (4xx) is an answer, not a failure: asking again would get the same one.
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

/** The first part of every key is the service, so a change can refresh everything one service said. */
export type ApiKey = readonly [service: keyof Api, ...rest: unknown[]];

/**
 * Reads through the typed clients: `load` gets the clients and the abort signal to pass on
 * (`api.referrals.GET('/children', { params, signal })`).
 */
export function useApiQuery<T>(
  key: ApiKey,
  load: (api: Api, signal: AbortSignal) => Promise<T>,
  options: Omit<UseQueryOptions<T, ApiError, T, QueryKey>, 'queryKey' | 'queryFn'> = {},
) {
  const api = useApi();
  return useQuery<T, ApiError, T, QueryKey>({
    queryKey: key,
    queryFn: ({ signal }) => load(api, signal),
    ...options,
  });
}

/** A change; once saved, every key in `refresh` (a prefix, such as ['referrals', 'children']) is read again. */
export function useApiMutation<TInput, TResult>(
  save: (api: Api, input: TInput) => Promise<TResult>,
  refresh: ApiKey[] = [],
  options: Omit<UseMutationOptions<TResult, ApiError, TInput>, 'mutationFn'> = {},
) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation<TResult, ApiError, TInput>({
    mutationFn: (input) => save(api, input),
    ...options,
    onSuccess: async (...args) => {
      await Promise.all(refresh.map((queryKey) => client.invalidateQueries({ queryKey })));
      await options.onSuccess?.(...args);
    },
  });
}
