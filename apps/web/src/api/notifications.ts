import type { Api } from './client';
import { unwrap } from './client';

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
