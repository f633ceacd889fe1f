import { addCalendarDays, endOfLondonDay, londonDayOf } from '@placewise/contracts/dates';

/** When a placement must be found by: an emergency the same London day, urgent within 3 days, planned within 28. */
export function searchDeadline(urgency: string, openedAt: Date): Date {
  const today = londonDayOf(openedAt);
  const days = urgency === 'EMERGENCY' ? 0 : urgency === 'URGENT' ? 3 : 28;
  return new Date(endOfLondonDay(addCalendarDays(today, days)));
}
