import { dayInWords, londonClock } from '@placewise/contracts/dates';

/** A moment as a day and a time in London, e.g. "7 Dec 2026, 14:05". */
export function dayAndTime(iso: string): string {
  const { minutes } = londonClock(iso);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${dayInWords(iso)}, ${hh}:${mm}`;
}

/** Who an email was for, in words: their name, or that the council's directory does not know them (never their user id). */
export const whoOf = (name: string | null): string => name ?? 'A person not in the council’s directory';
