import type { Api } from './client';
import { unwrap } from './client';
import type { paths as NotificationsPaths } from './generated/notifications';

/** One notification in the header's tray. */
export interface TrayItem {
  id: string;
  title: string;
  body: string;
  link: string;
  read: boolean;
  createdAt: string;
}

/** The notifications service's tray: mine, unread first; the count for the header; mark read. */
export const tray = {
  list: (api: Api, signal?: AbortSignal) => unwrap(api.notifications.GET('/notifications', { params: { query: { limit: 20 } }, signal })),
  unread: async (api: Api, signal?: AbortSignal) => (await unwrap(api.notifications.GET('/notifications/unread-count', { signal }))).unread,
  read: (api: Api, id: string) => unwrap(api.notifications.POST('/notifications/{id}/read', { params: { path: { id } } })),
  readAll: (api: Api) => unwrap(api.notifications.POST('/notifications/read-all')),
};

/** What the council's admin (the ops role) sets for a person in the directory (the PUT's body). */
export type PersonBody = NotificationsPaths['/notifications/people/{userId}']['put']['requestBody']['content']['application/json'];

/** For the council's admin: the emails that did not arrive, and the directory's people (to correct an address). */
export const deliveries = {
  failed: async (api: Api, signal?: AbortSignal) =>
    (await unwrap(api.notifications.GET('/notifications/deliveries/failed', { signal }))).items,
  person: (api: Api, userId: string) => unwrap(api.notifications.GET('/notifications/people/{userId}', { params: { path: { userId } } })),
  setPerson: (api: Api, userId: string, body: PersonBody) =>
    unwrap(
      api.notifications.PUT('/notifications/people/{userId}', {
        params: { path: { userId } },
        body,
      }),
    ),
};
