/** The calendar date in Europe/London of an instant. */
export function londonDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** 23:59:59 on the given London date, as an instant (GMT or BST). */
export function endOfLondonDay(date: string): Date {
  for (const offsetHours of [1, 0]) {
    const t = new Date(Date.parse(`${date}T23:59:59Z`) - offsetHours * 3_600_000);
    if (londonDate(t) === date && londonDate(new Date(t.getTime() + 1000)) !== date) return t;
  }
  return new Date(Date.parse(`${date}T23:59:59Z`));
}

const DAYS = 86_400_000;

/** When a placement must be found by: an emergency the same day, urgent within 3 days, planned within 28. */
export function searchDeadline(urgency: string, openedAt: Date): Date {
  const today = londonDate(openedAt);
  if (urgency === 'EMERGENCY') return endOfLondonDay(today);
  const days = urgency === 'URGENT' ? 3 : 28;
  return endOfLondonDay(londonDate(new Date(Date.parse(`${today}T12:00:00Z`) + days * DAYS)));
}
