import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, pounds, unwrap } from '../../api/client';
import type { Match } from '../../api/views';
import { Problem } from '../../components/Problem';
import { useApiMutation, useApiQuery } from '../../api/query';

/** Enters a setting's offer for the search: every setting that could meet it, best match first. */
export function OfferForm({
  searchId,
  settingId,
  setSettingId,
  onOffered,
}: {
  searchId: string;
  settingId: string;
  setSettingId: (s: string) => void;
  onOffered: () => void;
}) {
  const enter = useApiMutation(
    (api, body: { settingId: string; weeklyFeePence: number; startDate: string; notes?: string }) =>
      unwrap(api.commissioning.POST('/searches/{id}/offers', { params: { path: { id: searchId } }, body })),
    [['commissioning', 'referrals']],
  );
  const found = useApiQuery(['commissioning', 'searches', searchId, 'matches'], (api, signal) =>
    unwrap(api.commissioning.GET('/searches/{id}/matches', { params: { path: { id: searchId }, query: { take: 100 } }, signal })),
  );
  const matches: Match[] = useMemo(() => found.data?.matches ?? [], [found.data]);
  const [fee, setFee] = useState('');
  const [startDate, setStartDate] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<unknown>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const m = matches.find((x) => x.settingId === settingId);
    if (m && !fee) setFee(String(m.weeklyPricePence / 100));
  }, [settingId, matches, fee]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const errs = [];
    if (!settingId) errs.push({ field: 'setting', reason: 'choose the setting that offers' });
    if (!/^\d{1,7}(\.\d{1,2})?$/.test(fee.trim()) || Number(fee) <= 0)
      errs.push({ field: 'weekly fee', reason: 'enter pounds, like 6050 or 6050.50' });
    if (!startDate) errs.push({ field: 'start date', reason: 'enter the day the placement would start' });
    if (errs.length) {
      setError(new ApiError(400, 'Check the offer before entering it', errs));
      return box.current?.focus();
    }
    try {
      await enter.mutateAsync({
        settingId,
        weeklyFeePence: Math.round(Number(fee) * 100),
        startDate,
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      });
      setSettingId('');
      setFee('');
      setStartDate('');
      setNotes('');
      onOffered();
    } catch (err) {
      setError(err);
      box.current?.focus();
    }
  };
  return (
    <section aria-labelledby="offer-h" className="panel-box">
      <h2 id="offer-h">Enter an offer</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div ref={box} tabIndex={-1}>
          <Problem error={error ?? found.error} />
        </div>
        <label htmlFor="offer-setting">Setting</label>
        <span className="hint">Every setting that could meet the search, best match first; failed gates are named</span>
        <select id="offer-setting" value={settingId} onChange={(e) => setSettingId(e.target.value)}>
          <option value="">Choose the setting</option>
          {matches.map((m) => (
            <option key={m.settingId} value={m.settingId}>
              {m.name} ({m.provider}
              {m.inHouse ? ', in-house' : ''}), {pounds(m.weeklyPricePence)} a week
              {m.failedGates.length ? `, fails: ${m.failedGates.join(', ')}` : ''}
            </option>
          ))}
        </select>
        <label htmlFor="offer-fee">Weekly fee (£)</label>
        <input id="offer-fee" inputMode="decimal" value={fee} onChange={(e) => setFee(e.target.value)} />
        <label htmlFor="offer-start">Start date</label>
        <input id="offer-start" type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
        <label htmlFor="offer-notes">Notes (optional)</label>
        <textarea id="offer-notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
        <button type="submit">Enter offer</button>
      </form>
    </section>
  );
}
