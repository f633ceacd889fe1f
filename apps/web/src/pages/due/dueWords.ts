const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A London day in short words: "Tue 8 Dec", with the year when it is not this year's ("Fri 8 Jan 2027"). */
export function shortDay(date: string, today: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAY[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${weekday} ${d} ${MONTH[m - 1]}${date.slice(0, 4) === today.slice(0, 4) ? '' : ` ${y}`}`;
}

/** Whole days from one London day to another (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/**
 * When something is due, in words, as of a London day: "due Tue 8 Dec" (and "tomorrow" or "today"),
 * or "3 days late". `late` is the service's word for it (a deadline at a time of day can pass today).
 */
export function dueWords(dueDate: string, today: string, late = false): { text: string; late: boolean } {
  const days = daysBetween(today, dueDate);
  if (days < 0) return { text: `${-days} day${days === -1 ? '' : 's'} late`, late: true };
  if (days === 0) return late ? { text: 'late: it was due earlier today', late: true } : { text: 'due today', late: false };
  if (days === 1) return { text: `due tomorrow, ${shortDay(dueDate, today)}`, late: false };
  return { text: `due ${shortDay(dueDate, today)}`, late: false };
}
