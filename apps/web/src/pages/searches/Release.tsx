import { useState, type FormEvent } from 'react';
import { ApiError, unwrap } from '../../api/client';
import type { SearchDetail } from '../../api/views';
import { Problem } from '../../components/Problem';
import { useApiMutation } from '../../api/query';

/** Releases a search still in-house to external providers, with the reason. */
export function Release({ searchId, onReleased }: { searchId: string; onReleased: (s: SearchDetail) => void }) {
  const release = useApiMutation(
    (api, why: string) =>
      unwrap(api.commissioning.POST('/searches/{id}/release', { params: { path: { id: searchId } }, body: { reason: why } })),
    [['commissioning', 'referrals']],
  );
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (reason.trim().length < 3)
      return setError(
        new ApiError(400, 'Say why the in-house vacancies will not do', [{ field: 'reason', reason: 'at least 3 characters' }]),
      );
    try {
      onReleased(await release.mutateAsync(reason.trim()));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="release-h" className="panel-box">
      <h2 id="release-h">Release to external providers</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Problem error={error} />
        <label htmlFor="release-reason">Why the in-house vacancies will not do</label>
        <span className="hint">Recorded on the search: in-house first is the council's policy</span>
        <textarea id="release-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit">Release search</button>
      </form>
    </section>
  );
}
