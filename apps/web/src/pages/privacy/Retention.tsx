import { useState } from 'react';
import { unwrap, when } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { Problem } from '../../components/Problem';
import { can, useSession } from '../../session';

/**
 * Retention, in words: the rules with their sources, the council's choice for children never looked after, how
 * many records the next run will erase, and what the retention job has erased (the removal log). No child is
 * named: an erased child has no name left anywhere, and a child due is counted, not listed.
 */
export function Retention() {
  const { user } = useSession();
  const auditor = can(user, 'auditor');
  const setter = can(user, 'approver:AD', 'approver:DCS');
  const policy = useApiQuery(['referrals', 'retention', 'policy'], (api, signal) =>
    unwrap(api.referrals.GET('/retention/policy', { signal })),
  );
  const due = useApiQuery(['referrals', 'retention', 'due'], (api, signal) => unwrap(api.referrals.GET('/retention/due', { signal })), {
    enabled: auditor,
  });
  const removals = useApiQuery(
    ['referrals', 'retention', 'removals'],
    (api, signal) => unwrap(api.referrals.GET('/retention/removals', { params: { query: { take: 200 } }, signal })),
    { enabled: auditor },
  );
  const save = useApiMutation(
    (api, years: number) => unwrap(api.referrals.PUT('/retention/policy', { body: { notLookedAfterYears: years } })),
    [['referrals', 'retention']],
  );
  const [years, setYears] = useState('');
  const [error, setError] = useState<unknown>(null);
  const dueByRule = new Map<string, number>();
  for (const c of due.data?.children ?? []) dueByRule.set(c.why, (dueByRule.get(c.why) ?? 0) + 1);

  return (
    <>
      <h1>Retention</h1>
      <p className="hint">Each kind of record is kept as long as the law, or the council, says; then the daily retention job erases it.</p>
      {policy.data && (
        <section aria-labelledby="rules-h">
          <h2 id="rules-h">The rules</h2>
          <ul>
            {policy.data.rules.map((r) => (
              <li key={r.rule}>{r.words}.</li>
            ))}
          </ul>
          <p>
            {policy.data.notLookedAfterYears === null
              ? 'The council has not yet set how long it keeps the records of children who were never looked after: none of them is erased until it does.'
              : `The council keeps the records of children who were never looked after for ${policy.data.notLookedAfterYears} year${policy.data.notLookedAfterYears === 1 ? '' : 's'} after the last decision` +
                (policy.data.setBy ? ` (set by ${policy.data.setBy}${policy.data.setAt ? `, ${when(policy.data.setAt)}` : ''}).` : '.')}
          </p>
          {setter && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                setError(null);
                save.mutateAsync(Number(years)).catch(setError);
              }}
            >
              <label htmlFor="retention-years">Years to keep the record of a child never looked after</label>
              <input
                id="retention-years"
                type="number"
                min={1}
                max={100}
                step={1}
                value={years}
                onChange={(e) => setYears(e.target.value)}
              />
              <button type="submit" disabled={!years || save.isPending}>
                Save
              </button>
              <Problem error={error} />
            </form>
          )}
        </section>
      )}
      {auditor && due.data && (
        <section aria-labelledby="due-h">
          <h2 id="due-h">Due at the next run</h2>
          {due.data.total === 0 ? (
            <p>No record has reached the end of its retention period.</p>
          ) : (
            <ul>
              {[...dueByRule].map(([why, n]) => (
                <li key={why}>
                  {n} record{n === 1 ? '' : 's'}: {why}.
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {auditor && removals.data && (
        <table>
          <caption>
            {removals.data.total} record{removals.data.total === 1 ? '' : 's'} erased
            {removals.data.total > removals.data.removals.length ? ` (the newest ${removals.data.removals.length} shown)` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Under which rule</th>
              <th scope="col">What was erased</th>
            </tr>
          </thead>
          <tbody>
            {removals.data.removals.map((r, i) => (
              <tr key={i}>
                <td>{when(r.at)}</td>
                <td>{r.why}</td>
                <td>{r.removed.map((x) => `${x.what}: ${x.rows}`).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
