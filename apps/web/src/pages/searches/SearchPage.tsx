import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, countdown, pounds, unwrap, when } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { SearchDetail } from '../../api/views';
import { Problem } from '../../components/Problem';
import { label, LOCATIONS, PLACEMENT_TYPES, SEARCH_STATUSES, URGENCIES } from '../../labels';
import { can, useSession } from '../../session';
import type { AwardResult } from './award';
import { AwardOutcome } from './AwardOutcome';
import { InHouseMatches } from './InHouseMatches';
import { OfferCard } from './OfferCard';
import { OfferForm } from './OfferForm';
import { Profile } from './Profile';
import { Release } from './Release';
import { SentToProviders } from './SentToProviders';
import { Widen } from './Widen';
import { STAGES } from './words';

/** A search: in-house matches first, then the offers side by side with their gates and the score's parts; release, offer, award. */
export function SearchPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const client = useQueryClient();
  const key = ['commissioning', 'searches', id] as const;
  const search = useApiQuery(key, (api, signal) => unwrap(api.commissioning.GET('/searches/{id}', { params: { path: { id } }, signal })));
  const s = search.data ?? null;
  const error = search.error;
  /** A change a form saved: the search as the service now has it, and every list that shows searches or placements read again. */
  const setS = (next: SearchDetail) => {
    client.setQueryData(key, next);
    void client.invalidateQueries({ queryKey: ['commissioning', 'searches'], exact: false, predicate: (q) => q.queryKey[2] !== id });
  };
  const load = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: key }),
      client.invalidateQueries({ queryKey: ['commissioning', 'placements'] }),
      client.invalidateQueries({ queryKey: ['commissioning', 'offers'] }),
    ]);
  const [result, setResult] = useState<AwardResult | null>(null);
  const [settingId, setSettingId] = useState('');
  const commissioner = can(user, 'commissioner');
  const providerList = useApiQuery(
    ['commissioning', 'providers'],
    (api, signal) => unwrap(api.commissioning.GET('/providers', { signal })),
    {
      enabled: commissioner,
    },
  );
  const providers: Record<string, string> = Object.fromEntries((providerList.data ?? []).map((p) => [p.id, p.name]));
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => resultRef.current?.focus(), [result]);
  if (error instanceof ApiError && error.status === 404)
    return (
      <p role="alert" className="error-summary">
        There is no such search in your council.
      </p>
    );
  if (error instanceof ApiError && error.status === 403)
    return (
      <p role="alert" className="error-summary">
        Searches are the commissioners' (a head of service or above reads one to decide an exemption).
      </p>
    );
  if (!s) return error ? <Problem error={error} /> : <p>Loading…</p>;
  const due = countdown(s.deadline);
  const open = s.status === 'OPEN';
  const exempter = can(user, 'approver:HOS', 'approver:AD', 'approver:DCS');
  return (
    <>
      {commissioner && (
        <p>
          <Link to="/searches">All open searches</Link>
        </p>
      )}
      <h1>
        {label(PLACEMENT_TYPES, s.placementType)} for a child aged {s.childAge}
      </h1>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <span className="status">{label(SEARCH_STATUSES, s.status)}</span> · {STAGES[s.stage] ?? s.stage}
          {s.round ? `, round ${s.round}` : ''}
        </dd>
        <dt>Urgency</dt>
        <dd>{label(URGENCIES, s.urgency)}</dd>
        <dt>Where</dt>
        <dd>{label(LOCATIONS, s.location)}</dd>
        <dt>Approved up to</dt>
        <dd>{pounds(s.ceilingPence)} a week</dd>
        <dt>Deadline</dt>
        <dd>
          <time dateTime={s.deadline}>{when(s.deadline)}</time> <span className={due.overdue ? 'over' : ''}>({due.text})</span>
        </dd>
        {s.released && (
          <>
            <dt>Released</dt>
            <dd>
              {when(s.released.at)}: {s.released.reason}
            </dd>
          </>
        )}
      </dl>
      <div ref={resultRef} tabIndex={-1}>
        <AwardOutcome result={result} />
      </div>
      <Problem error={error} />

      <h2>In-house matches</h2>
      {s.inHouseMatches.length === 0 ? (
        <p>No in-house setting has a vacancy for this search.</p>
      ) : (
        <InHouseMatches matches={s.inHouseMatches} canOffer={open && commissioner} onOffer={setSettingId} />
      )}
      {open && commissioner && s.stage === 'IN_HOUSE' && <Release searchId={s.id} onReleased={setS} />}
      {commissioner && <Profile search={s} canEdit={open} onSaved={setS} />}
      {s.stage !== 'IN_HOUSE' && (
        <SentToProviders search={s} providers={{ ...Object.fromEntries(s.offers.map((o) => [o.providerId, o.provider])), ...providers }} />
      )}
      {open && commissioner && s.stage !== 'IN_HOUSE' && <Widen search={s} onSent={setS} />}

      <h2>Offers</h2>
      {s.offers.length === 0 && <p>No offers yet.</p>}
      {s.offers.length > 0 && (
        <ul className="cards">
          {s.offers.map((o) => (
            <OfferCard
              key={o.id}
              offer={o}
              canAward={commissioner && open && o.status === 'SUBMITTED'}
              canExempt={exempter && open && o.status === 'SUBMITTED'}
              onAwarded={(r) => {
                setResult(r);
                void load();
              }}
              onExempted={() => void load()}
            />
          ))}
        </ul>
      )}
      {open && commissioner && (
        <OfferForm searchId={s.id} settingId={settingId} setSettingId={setSettingId} onOffered={() => void load()} />
      )}
    </>
  );
}
