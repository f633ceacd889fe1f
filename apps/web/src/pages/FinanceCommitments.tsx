import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { day, pounds, unwrap } from '../api/client';
import { useApiQuery } from '../api/query';
import { Problem } from '../components/Problem';
import { categoryWords, label, PLACEMENT_TYPES } from '../labels';

const PAGE = 50;
const CATEGORIES = ['FOSTERING', 'PARENT_AND_CHILD', 'RESIDENTIAL', 'SECURE', 'SUPPORTED_ACCOMMODATION', 'OTHER'].flatMap((g) => [
  `${g}_IN_HOUSE`,
  `${g}_EXTERNAL`,
]);
const CAUSES: Record<string, string> = {
  STARTED: 'Placement started',
  PRICE_CHANGED: 'Price changed',
  NOTICE_GIVEN: 'Notice given',
  ENDED: 'Placement ended',
  CONTRIBUTION: 'Contribution recorded',
  RECOSTED: 'Costed again',
  IMPORTED: 'Loaded from the 903 return',
  RATIFIED: 'Emergency placement ratified',
};

/**
 * Every placement's commitment by financial year, the newest first (so one just made is at the top),
 * filtered by category, the child's reference or the provider; the filters live in the address, so a
 * filtered list can be shared.
 */
export function FinanceCommitments() {
  const [params, setParams] = useSearchParams();
  const category = params.get('category') ?? '';
  const childRef = params.get('childRef') ?? '';
  const provider = params.get('provider') ?? '';
  const skip = Math.max(0, Number(params.get('skip') ?? 0) || 0);
  const [typedRef, setTypedRef] = useState(childRef);

  const providers = useApiQuery(['commissioning', 'providers'], (api, signal) => unwrap(api.commissioning.GET('/providers', { signal })));
  const lines = useApiQuery(['finance', 'commitments', { category, childRef, provider, skip }], (api, signal) =>
    unwrap(
      api.finance.GET('/commitments', {
        params: {
          query: {
            order: 'newest',
            take: PAGE + 1,
            skip,
            ...(category ? { category } : {}),
            ...(childRef ? { childRef } : {}),
            ...(provider ? { provider } : {}),
          },
        },
        signal,
      }),
    ),
  );
  const providerName = Object.fromEntries((providers.data ?? []).map((p) => [p.id, p.name]));
  const rows = lines.data?.slice(0, PAGE) ?? null;
  const more = (lines.data?.length ?? 0) > PAGE;

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('skip' in changes)) next.delete('skip');
    setParams(next);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    set({ childRef: typedRef.trim() });
  };

  return (
    <>
      <h1>Commitments</h1>
      <p className="hint">Each placement&apos;s committed cost in each financial year, the newest first.</p>
      <form className="filters" onSubmit={onSubmit} role="search" aria-label="Filter the commitments">
        <div>
          <label htmlFor="category">Category</label>
          <select id="category" value={category} onChange={(e) => set({ category: e.target.value })}>
            <option value="">All categories</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryWords(c)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="provider">Provider</label>
          <select id="provider" value={provider} onChange={(e) => set({ provider: e.target.value })}>
            <option value="">All providers</option>
            {(providers.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="childRef">Child&apos;s reference</label>
          <input id="childRef" value={typedRef} maxLength={40} onChange={(e) => setTypedRef(e.target.value)} />
          <button type="submit">Find</button>
          {(category || provider || childRef) && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setTypedRef('');
                setParams(new URLSearchParams());
              }}
            >
              Clear the filters
            </button>
          )}
        </div>
      </form>
      <Problem error={lines.error} />
      {rows && rows.length === 0 && <p>No commitments match.</p>}
      {rows && rows.length > 0 && (
        <table>
          <caption>
            Commitments {skip + 1} to {skip + rows.length}
            {category ? `, ${categoryWords(category)}` : ''}
            {provider ? `, ${providerName[provider] ?? 'one provider'}` : ''}
            {childRef ? `, child ${childRef}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Child</th>
              <th scope="col">Placement</th>
              <th scope="col">Provider</th>
              <th scope="col">Year</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col" className="num">
                Weekly cost
              </th>
              <th scope="col" className="num">
                Committed
              </th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.childReference ?? 'Placed through a request'}</th>
                <td>
                  {label(PLACEMENT_TYPES, c.placementType)} ({categoryWords(c.category)})
                  {c.awaitingRatification ? ', awaiting ratification' : ''}
                </td>
                <td>{c.providerId ? (providerName[c.providerId] ?? 'Provider not listed') : 'Not known yet'}</td>
                <td>{c.label}</td>
                <td>{day(c.from)}</td>
                <td>{day(c.to)}</td>
                <td className="num">{pounds(c.weeklyCostPence)}</td>
                <td className="num">{pounds(c.amountPence)}</td>
                <td>{CAUSES[c.cause] ?? 'Changed'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows && (skip > 0 || more) && (
        <nav aria-label="Pages of commitments" className="pager">
          {skip > 0 && (
            <button type="button" onClick={() => set({ skip: String(Math.max(0, skip - PAGE)) })}>
              Previous page
            </button>
          )}{' '}
          {more && (
            <button type="button" onClick={() => set({ skip: String(skip + PAGE) })}>
              Next page
            </button>
          )}
        </nav>
      )}
    </>
  );
}
