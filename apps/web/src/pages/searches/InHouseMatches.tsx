import { pounds } from '../../api/client';
import type { SearchDetail } from '../../api/views';
import { label, LOCATIONS } from '../../labels';

/** The council's own settings with a vacancy, best first; a commissioner offers one from here. */
export function InHouseMatches({
  matches,
  canOffer,
  onOffer,
}: {
  matches: SearchDetail['inHouseMatches'];
  canOffer: boolean;
  onOffer: (settingId: string) => void;
}) {
  return (
    <table>
      <caption className="visually-hidden">The council's own settings with a vacancy, best first</caption>
      <thead>
        <tr>
          <th scope="col">Rank</th>
          <th scope="col">Setting</th>
          <th scope="col">Vacancies</th>
          <th scope="col" className="num">
            Weekly price
          </th>
          <th scope="col">Where</th>
          <th scope="col" className="num">
            Score
          </th>
          {canOffer && <th scope="col">Offer</th>}
        </tr>
      </thead>
      <tbody>
        {matches.map((m) => (
          <tr key={m.settingId}>
            <td>{m.rank}</td>
            <th scope="row">
              {m.name} <span className="hint">{m.provider}</span>
            </th>
            <td>{m.vacancies}</td>
            <td className="num">{pounds(m.weeklyPricePence)}</td>
            <td>{label(LOCATIONS, m.location)}</td>
            <td className="num">{m.score}</td>
            {canOffer && (
              <td>
                <button type="button" className="secondary" onClick={() => onOffer(m.settingId)}>
                  Offer {m.name}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
