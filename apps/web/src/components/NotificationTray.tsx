import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { tray, type TrayItem } from '../api/notifications';
import { useApiMutation, useApiQuery } from '../api/query';

const POLL_MS = 30_000;
const when = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/**
 * The header's tray: how many of my notifications are unread (asked again every 30 seconds), and on
 * opening, the list (unread first), each a link to the page where I act. Opening an item marks it
 * read; both the count and the list are read again once a change is saved.
 */
export function NotificationTray() {
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const count = useApiQuery(['notifications', 'tray', 'unread'], (api, signal) => tray.unread(api, signal), {
    refetchInterval: POLL_MS,
  });
  const list = useApiQuery(['notifications', 'tray', 'list'], (api, signal) => tray.list(api, signal), { enabled: open });
  const read = useApiMutation((api, id: string) => tray.read(api, id), [['notifications', 'tray']]);
  const readAll = useApiMutation((api, _: void) => tray.readAll(api), [['notifications', 'tray']]);

  const unread = count.data ?? list.data?.unread ?? null;
  const items: TrayItem[] | null = list.data?.items ?? null;
  const failed = (open && list.isError) || count.isError || read.isError || readAll.isError;
  const toggle = () => setOpen(!open);
  const markRead = (item: TrayItem) => {
    if (!item.read) read.mutate(item.id);
  };
  const markAll = () => readAll.mutate();

  return (
    <div className="tray">
      <button type="button" className="link" aria-expanded={open} aria-controls="tray-panel" onClick={toggle}>
        Notifications{unread ? ` (${unread} unread)` : ''}
      </button>
      {open && (
        <div id="tray-panel" className="tray-panel" ref={panel} role="region" aria-label="Notifications">
          {failed && <p role="alert">Notifications could not be loaded. Try again later.</p>}
          {items === null ? (
            <p>Loading…</p>
          ) : items.length === 0 ? (
            <p>Nothing for you yet.</p>
          ) : (
            <>
              {unread ? (
                <button type="button" className="secondary" onClick={markAll}>
                  Mark all read
                </button>
              ) : null}
              <ul>
                {items.map((i) => (
                  <li key={i.id} className={i.read ? 'read' : 'unread'}>
                    <Link
                      to={i.link}
                      onClick={() => {
                        markRead(i);
                        setOpen(false);
                      }}
                    >
                      {i.read ? '' : 'New: '}
                      {i.title}
                    </Link>
                    <p>{i.body.split('\n')[0]}</p>
                    <p className="meta">{when.format(new Date(i.createdAt))}</p>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
