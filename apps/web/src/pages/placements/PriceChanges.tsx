import { day, pounds } from '../../api/client';
import type { Placement } from '../../api/views';
import { label, PRICE_REASONS } from '../../labels';

/** The placement's price changes, with their state. */
export function PriceChanges({ changes }: { changes: NonNullable<Placement['priceChanges']> }) {
  return (
    <table>
      <caption>Price changes</caption>
      <thead>
        <tr>
          <th scope="col">From</th>
          <th scope="col" className="num">
            Was
          </th>
          <th scope="col" className="num">
            Now
          </th>
          <th scope="col">Reason</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.id}>
            <td>{c.effectiveFrom ? day(c.effectiveFrom) : ''}</td>
            <td className="num">{pounds(c.previousWeeklyPence)}</td>
            <td className="num">{pounds(c.weeklyCostPence)}</td>
            <td>{label(PRICE_REASONS, c.reason)}</td>
            <td>{c.status === 'AWAITING_REAPPROVAL' ? 'Waiting for re-approval' : c.status === 'APPLIED' ? 'Applied' : 'Declined'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
