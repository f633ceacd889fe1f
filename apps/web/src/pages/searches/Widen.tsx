import { useRef, useState } from 'react';
import { unwrap } from '../../api/client';
import type { SearchDetail, SearchSent } from '../../api/views';
import { Problem } from '../../components/Problem';
import { route } from '../../labels';
import { useApiMutation } from '../../api/query';

/** Sends the search to the next round: the next framework tier, then the DPS, then spot purchase. */
export function Widen({ search: s, onSent }: { search: SearchDetail; onSent: (s: SearchDetail) => void }) {
  const widenSearch = useApiMutation(
    (api, id: string) => unwrap(api.commissioning.POST('/searches/{id}/widen', { params: { path: { id } } })),
    [['commissioning', 'referrals']],
  );
  const [sent, setSent] = useState<SearchSent['sent'] | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const widen = async () => {
    setError(null);
    setSent(undefined);
    setBusy(true);
    try {
      const r = await widenSearch.mutateAsync(s.id);
      setSent(r.sent);
      onSent(r);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setTimeout(() => box.current?.focus(), 0);
    }
  };
  return (
    <section aria-labelledby="widen-h" className="panel-box">
      <h2 id="widen-h">Send to more providers</h2>
      <p className="hint">
        {s.stage === 'SPOT' ? 'The search has gone out for spot purchase.' : `Sent in ${s.round} round${s.round === 1 ? '' : 's'} so far.`}{' '}
        The next round goes to the next framework tier, then the dynamic purchasing system, then spot purchase.
      </p>
      <div ref={box} tabIndex={-1}>
        <Problem error={error} />
        {sent && (
          <p role="status" className="result-ok">
            Round {sent.round} sent to {sent.providersSent} provider{sent.providersSent === 1 ? '' : 's'} (
            {sent.routes.map(route).join(', ')});{' '}
            {sent.roundsLeft === 0 ? 'no rounds are left.' : `${sent.roundsLeft} round${sent.roundsLeft === 1 ? '' : 's'} left.`}
          </p>
        )}
      </div>
      <button type="button" className="secondary" disabled={busy} onClick={() => void widen()}>
        Send to the next round
      </button>
    </section>
  );
}
