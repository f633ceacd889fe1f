import { ApiError, reasonsOf, type FieldError } from '../api/client';

/** A refusal shown where the person can act: the service's message, its reasons and the fields at fault. */
export function Problem({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : new ApiError(0, String(error));
  const reasons = reasonsOf(e);
  return (
    <div role="alert" className="error-summary" id={id} tabIndex={-1}>
      <h2>There is a problem</h2>
      <p>{reasons.length ? e.message.split(': ')[0] : e.message}</p>
      {(reasons.length > 0 || e.errors.length > 0) && (
        <ul>
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
          {e.errors.map((x: FieldError) => (
            <li key={`${x.field}-${x.reason}`}>
              {x.field}: {x.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
