import { useState, type FormEvent } from 'react';
import { day, pounds, unwrap } from '../../api/client';
import type { Placement, PriceChangeResult } from '../../api/views';
import { ErrorSummary, Field, Radios, toPence, useFormErrors, type Errors } from '../../components/FormParts';
import { PRICE_REASONS } from '../../labels';
import { useApiMutation } from '../../api/query';

/** Changes a placement's weekly price; a rise above the council's limits goes back for approval. */
export function PriceChangeForm({
  placement: p,
  pending,
  onDone,
}: {
  placement: Placement;
  pending: boolean;
  onDone: (r: PriceChangeResult, status: number) => void;
}) {
  const change = useApiMutation(
    async (api, body: { weeklyCostPence: number; effectiveFrom: string; reason: 'VARIATION' }) => {
      const res = await api.commissioning.POST('/placements/{id}/price-changes', { params: { path: { id: p.id } }, body });
      return { status: res.response.status, body: await unwrap(Promise.resolve(res)) };
    },
    [
      ['commissioning', 'placements'],
      ['commissioning', 'searches'],
    ],
  );
  const [amount, setAmount] = useState('');
  const [from, setFrom] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors({ weeklyCostPence: 'price-amount', effectiveFrom: 'price-from', reason: 'price-reason' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    const pence = toPence(amount);
    const errs: Errors = {};
    if (pence === null || pence <= 0) errs['price-amount'] = 'Enter the new weekly total in pounds, like 4750 or 4750.50';
    else if (pence === p.weeklyCostPence) errs['price-amount'] = `The price is already ${pounds(p.weeklyCostPence)} a week`;
    if (!from) errs['price-from'] = 'Enter the day the new price takes effect';
    else if (p.startDate && from < p.startDate)
      errs['price-from'] = `The new price cannot take effect before the placement started (${day(p.startDate)})`;
    else if (reason === 'ANNUAL_UPLIFT' && !from.endsWith('-04-01')) errs['price-from'] = 'An annual uplift takes effect on 1 April';
    if (!reason) errs['price-reason'] = 'Choose why the price changes';
    if (Object.keys(errs).length) return f.invalid(errs, 'Check the price change');
    setBusy(true);
    try {
      const res = await change.mutateAsync({ weeklyCostPence: pence!, effectiveFrom: from, reason: reason as 'VARIATION' });
      const body = res.body;
      setAmount('');
      setFrom('');
      setReason('');
      onDone(body, res.status);
    } catch (err) {
      f.refused(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="price-h" className="panel-box">
      <h2 id="price-h">Change the weekly price</h2>
      <p className="hint">
        A rise above the council's limits (by default more than 5% or more than £250 a week) goes back for approval before it applies.
        {pending ? ' A change is already waiting for re-approval.' : ''}
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
        <Field
          id="price-amount"
          label="New weekly total (£)"
          hint={`Fee and additional services; now ${pounds(p.weeklyCostPence)}`}
          error={f.errors['price-amount']}
        >
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} autoComplete="off" />
        </Field>
        <Field id="price-from" label="Takes effect from" error={f.errors['price-from']}>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Radios
          name="price-reason"
          legend="Why the price changes"
          error={f.errors['price-reason']}
          options={Object.entries(PRICE_REASONS)}
          value={reason}
          onChange={setReason}
        />
        <button type="submit" disabled={busy}>
          Change price
        </button>
      </form>
    </section>
  );
}
