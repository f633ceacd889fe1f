import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, unwrap } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { Problem } from '../../components/Problem';
import { label, PLACEMENT_TYPES } from '../../labels';
import { can, useSession } from '../../session';
import { ChangeResult, type Change } from './ChangeResult';
import { EndForm } from './EndForm';
import { NoticeForm } from './NoticeForm';
import { PlacementFacts } from './PlacementFacts';
import { PriceChangeForm } from './PriceChangeForm';
import { PriceChanges } from './PriceChanges';

/** A placement: its agreement, what is due, its price changes; a commissioner changes the price, records notice or ends it; a provider gives notice. */
export function PlacementPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const client = useQueryClient();
  const placement = useApiQuery(['commissioning', 'placements', id], (api, signal) =>
    unwrap(api.commissioning.GET('/placements/{id}', { params: { path: { id } }, signal })),
  );
  const p = placement.data ?? null;
  const error = placement.error;
  const [result, setResult] = useState<Change | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  /** After a change: this placement, the lists of placements and searches (a notice opens a replacement search). */
  const load = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['commissioning', 'placements'] }),
      client.invalidateQueries({ queryKey: ['commissioning', 'searches'] }),
    ]);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  if (error instanceof ApiError && error.status === 404)
    return (
      <p role="alert" className="error-summary">
        There is no such placement that you can see.
      </p>
    );
  if (!p) return error ? <Problem error={error} /> : <p>Loading…</p>;
  const commissioner = can(user, 'commissioner');
  const provider = can(user, 'provider') && !commissioner;
  const pending = p.priceChanges?.some((c) => c.status === 'AWAITING_REAPPROVAL');
  const done = (r: Change) => {
    setResult(r);
    void load();
  };
  return (
    <>
      <p>
        <Link to="/placements">All placements</Link>
      </p>
      <h1>
        {p.setting}: {label(PLACEMENT_TYPES, p.placementType)}
      </h1>
      <PlacementFacts placement={p} commissioner={commissioner} />

      <div ref={resultRef} tabIndex={-1}>
        <ChangeResult result={result} commissioner={commissioner} />
      </div>

      {p.priceChanges && p.priceChanges.length > 0 && <PriceChanges changes={p.priceChanges} />}

      {commissioner && p.status !== 'ENDED' && (
        <>
          <PriceChangeForm placement={p} pending={!!pending} onDone={(r, status) => done({ kind: 'price', r, status })} />
          {p.status === 'ACTIVE' && <NoticeForm placement={p} asProvider={false} onDone={(r) => done({ kind: 'notice', r })} />}
          <EndForm placement={p} onDone={(r) => done({ kind: 'ended', r })} />
        </>
      )}
      {provider && p.status === 'ACTIVE' && <NoticeForm placement={p} asProvider onDone={(r) => done({ kind: 'notice', r })} />}
    </>
  );
}
