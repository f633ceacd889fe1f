import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { tray, type TrayItem } from '../api/notifications';
import { useApi } from '../session';

const POLL_MS = 30_000;
const when = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/**
 * The header's tray: how many of my notifications are unread, and on opening, the list (unread
 * first), each a link to the page where I act. Opening an item marks it read.
 */
export function NotificationTray() {
  const api = useApi();
  const [unread, setUnread] = useState<number | null>(null);
  const [items, setItems] = useState<TrayItem[] | null>(null);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const panel = useRef<HTMLDivElement>(null);

  const count = useCallback(() => {
    tray.unread(api).then(
      (n) => {
        setUnread(n);
        setFailed(false);
      },
      () => setFailed(true),
    );
  }, [api]);
  useEffect(() => {
    count();
    const t = setInterval(count, POLL_MS);
    return () => clearInterval(t);
  }, [count]);

  const load = useCallback(() => {
    tray.list(api).then(
      (r) => {
        setItems(r.items);
        setUnread(r.unread);
        setFailed(false);
      },
      () => setFailed(true),
    );
  }, [api]);

  const toggle = () => {
    if (!open) load();
    setOpen(!open);
  };
  const markRead = (item: TrayItem) => {
    if (item.read) return;
    void tray.read(api, item.id).then(load, () => setFailed(true));
  };
  const markAll = () => void tray.readAll(api).then(load, () => setFailed(true));

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
