import { endOfLondonDay, londonToday } from '@placewise/contracts/dates';
import type { ReactNode } from 'react';
import { countdown } from '../../api/client';
import type { Placement } from '../../api/views';
import { label, PLACEMENT_STATUSES, PLACEMENT_TYPES, REVIEW_KINDS } from '../../labels';

/** "Brightwater Lodge (Brightwater Care Ltd): Private children's home, child aged 14". */
export const title = (p: Placement) => `${p.setting} (${p.provider}): ${label(PLACEMENT_TYPES, p.placementType)}, child aged ${p.childAge}`;

/** What is due on a placement within the horizon, soonest first: its notice's last day and its next review. */
export function dueItems(p: Placement, horizon?: string): { what: string; date: string; hint?: string }[] {
  const items: { what: string; date: string; hint?: string }[] = [];
  if (p.status === 'NOTICE_GIVEN' && p.notice?.endDate) items.push({ what: 'Notice ends (last day)', date: p.notice.endDate });
  if (p.nextReview) items.push({ what: label(REVIEW_KINDS, p.nextReview.kind), date: p.nextReview.due, hint: p.nextReview.regulation });
  return items.filter((i) => !horizon || i.date <= horizon).sort((a, b) => a.date.localeCompare(b.date));
}

/** Time left to the end of a due day (in London), in whole days: "12 days left", "overdue by 3 days". */
export function dueIn(date: string): { text: string; overdue: boolean } {
  const c = countdown(endOfLondonDay(date));
  return { overdue: c.overdue, text: c.text.replace(/ \d+ hours?(?= left|$)/, '') };
}

export function Due({ date }: { date: string }): ReactNode {
  const d = dueIn(date);
  return <span className={d.overdue ? 'over' : ''}>({d.text})</span>;
}

/** A day and month in London, e.g. "2026-12-07" -> "7 Dec". */
export const dayMonth = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'Europe/London' });

/**
 * A placement's state in words: one that has not started yet (its start is after today in London)
 * reads "Starting 7 Dec", not "Active".
 */
export function placementStatus(p: Pick<Placement, 'status' | 'startDate'>, today = londonToday()): string {
  if (p.status === 'ACTIVE' && p.startDate && p.startDate > today) return `Starting ${dayMonth(p.startDate)}`;
  return label(PLACEMENT_STATUSES, p.status);
}
