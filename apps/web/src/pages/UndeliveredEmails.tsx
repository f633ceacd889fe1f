import { useState, type FormEvent } from 'react';
import { deliveries, type PersonBody } from '../api/notifications';
import { useApiMutation, useApiQuery } from '../api/query';
import type { FailedDelivery } from '../api/views';
import { ErrorSummary, Field, useFormErrors } from '../components/FormParts';
import { dayAndTime, whoOf } from './deliveryWords';

/** The list is read again every 30 seconds while the page is open (a refused address is recorded within seconds of the try). */
const WATCH_MS = 30_000;

/**
 * For the council's admin (the ops role): the emails that did not arrive (an address the mail server
 * refused, or one that failed after every retry), each with a way to correct that person's address.
 */
export function UndeliveredEmails() {
  const failed = useApiQuery(['notifications', 'deliveries', 'failed'], (api, signal) => deliveries.failed(api, signal), {
    refetchInterval: WATCH_MS,
  });
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const items = failed.data ?? null;
  return (
    <section aria-labelledby="undelivered">
      <h2 id="undelivered">Emails not delivered</h2>
      <p>
        Emails the mail server refused, or that still failed after every retry. Correct the person’s address and their next emails go to it;
        an email that was not delivered is not sent again.
      </p>
      {done && (
        <p role="status" className="result-ok">
          {done}
        </p>
      )}
      {failed.error && (
        <p role="alert" className="error-summary">
          {failed.error.message}
        </p>
      )}
      {!items && !failed.error && <p>Loading…</p>}
      {items && items.length === 0 && <p>Every email was delivered.</p>}
      {items && items.length > 0 && (
        <table>
          <caption className="visually-hidden">Emails not delivered, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Address</th>
              <th scope="col">Subject</th>
              <th scope="col">What happened</th>
              <th scope="col">Why</th>
              <th scope="col" className="num">
                Attempts
              </th>
              <th scope="col">When</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <th scope="row">{whoOf(d.name)}</th>
                <td>
                  {d.email}
                  {d.currentEmail && d.currentEmail !== d.email && <span className="hint"> Corrected to {d.currentEmail}</span>}
                  {d.name !== null && !d.currentEmail && <span className="hint"> No address now</span>}
                </td>
                <td>{d.subject}</td>
                <td>{d.statusLabel[0]!.toUpperCase() + d.statusLabel.slice(1)}</td>
                <td>{d.reason ?? 'No reason recorded'}</td>
                <td className="num">{d.attempts}</td>
                <td>{dayAndTime(d.createdAt)}</td>
                <td>
                  {d.name === null ? (
                    'Not in the directory: their address cannot be corrected here'
                  ) : (
                    <button
                      type="button"
                      className="secondary"
                      aria-expanded={editing === d.id}
                      aria-controls={editing === d.id ? `correct-${d.id}` : undefined}
                      onClick={() => {
                        setDone(null);
                        setEditing(editing === d.id ? null : d.id);
                      }}
                    >
                      Correct the address<span className="visually-hidden"> of {d.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items?.map((d) =>
        editing === d.id && d.name !== null ? (
          <CorrectAddress
            key={d.id}
            delivery={d}
            onCancel={() => setEditing(null)}
            onDone={(email) => {
              setEditing(null);
              setDone(`${d.name}’s address is now ${email}.`);
            }}
          />
        ) : null,
      )}
    </section>
  );
}

/**
 * Corrects one person's address: the directory's entry is read as it stands and put back with the new
 * address (their name, roles and provider kept), then the list is read again.
 */
function CorrectAddress({
  delivery: d,
  onCancel,
  onDone,
}: {
  delivery: FailedDelivery;
  onCancel: () => void;
  onDone: (email: string) => void;
}) {
  const [email, setEmail] = useState(d.currentEmail ?? d.email);
  const f = useFormErrors({ email: `correct-${d.id}-email` });
  const save = useApiMutation(
    async (api, address: string) => {
      const p = await deliveries.person(api, d.person);
      return deliveries.setPerson(api, d.person, {
        name: p.name,
        roles: p.roles as PersonBody['roles'],
        providerId: p.providerId,
        email: address,
      });
    },
    [['notifications', 'deliveries']],
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    f.clear();
    const address = email.trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address))
      return f.invalid({ [`correct-${d.id}-email`]: 'Enter an email address, like name@council.gov.uk' }, 'Check the address');
    try {
      await save.mutateAsync(address);
      onDone(address);
    } catch (err) {
      f.refused(err);
    }
  };
  return (
    <section id={`correct-${d.id}`} aria-labelledby={`correct-${d.id}-h`} className="panel-box">
      <h3 id={`correct-${d.id}-h`}>Correct {d.name}’s address</h3>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
        <Field
          id={`correct-${d.id}-email`}
          label="Email address"
          hint={`The email “${d.subject}” went to ${d.email}`}
          error={f.errors[`correct-${d.id}-email`]}
        >
          <input type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <button type="submit" disabled={save.isPending}>
          Save the address
        </button>{' '}
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </form>
    </section>
  );
}
