import { ClockFigures } from './ClockFigures';

/** The statutory clocks on time, until the oversight dashboard carries them. */
export function ClocksPage() {
  return (
    <>
      <h1>Statutory clocks on time</h1>
      <p className="hint">The twelve months to this one, by the month each clock was due.</p>
      <ClockFigures />
    </>
  );
}
