import { useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import type { Offer } from '../../api/views';
import { ErrorSummary, Field, useFormErrors } from '../../components/FormParts';
import { useApiMutation } from '../../api/query';

/** An offer from a setting rated Inadequate that no one has exempted yet. */
export const needsExemption = (o: Offer) => !o.exemption && o.gates.some((g) => g.id === 'ofsted-rating' && !g.passed);

/** A head of service (or above) exempts an offer from a setting rated Inadequate, with the reason: then it can be awarded. */
export function Exemption({ offer: o, onExempted }: { offer: Offer; onExempted: () => void }) {
  const exempt = useApiMutation(
    (api, why: string) =>
      unwrap(api.commissioning.POST('/offers/{id}/exemption', { params: { path: { id: o.id } }, body: { reason: why } })),
    [['commissioning', 'searches']],
  );
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `exempt-${o.id}`;
  const f = useFormErrors({ reason: id });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    if (reason.trim().length < 3)
      return f.invalid({ [id]: "Say why this placement is in the child's interests despite the rating" }, 'Check the exemption');
    setBusy(true);
    try {
      await exempt.mutateAsync(reason.trim());
      onExempted();
    } catch (err) {
      f.refused(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="exemption" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>Exemption for a setting rated Inadequate</h4>
      <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
      <Field
        id={id}
        label="Why the placement is in the child's interests"
        hint="Recorded in your name with the offer's gates; the offer can then be awarded"
        error={f.errors[id]}
      >
        <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button type="submit" disabled={busy}>
        Record exemption
      </button>
    </form>
  );
}
