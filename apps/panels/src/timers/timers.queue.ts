/** The panels' own queue: decision deadlines and statutory clocks as delayed jobs, and the sweep that recomputes them. Never renamed once used. */
export const TIMERS_QUEUE = 'panels-timers';
