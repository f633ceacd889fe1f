import { addMonths, dayOf } from '@placewise/contracts/dates';

/** A care plan's estimated exit date history: moves, and whether it is slipping (ever moved later). */
export function exitDateMoves(changes: { field: string; fromValue: string | null; toValue: string | null }[]) {
  const moves = changes.filter((c) => c.field === 'estimatedExitDate' && c.fromValue !== null);
  const later = moves.filter((c) => c.toValue === null || (c.fromValue !== null && c.toValue > c.fromValue));
  return { moves: moves.length, slipping: later.length > 0 };
}

/** Whether a child re-entered care within `months` of `from`: a placement starting in that window. */
export function reEntered(placements: { placedFrom: Date | null }[], from: string, months: number): string | null {
  const until = addMonths(from, months);
  const starts = placements
    .map((p) => dayOf(p.placedFrom)!)
    .filter((d) => d > from && d <= until)
    .sort();
  return starts[0] ?? null;
}
