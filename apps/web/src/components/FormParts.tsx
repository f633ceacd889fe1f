import { cloneElement, isValidElement, useRef, useState, type ReactElement } from 'react';
import { ApiError, reasonsOf } from '../api/client';

/**
 * Form building blocks shared by the commissioning and provider pages: a field with its label,
 * hint and error (tied to the control with aria-describedby), and an error summary that takes the
 * focus and links to each field. A service's refusal is shown the same way: its field errors next
 * to the fields they name, everything else in the summary; what was typed is kept.
 */

/** Errors by form control id. */
export type Errors = Record<string, string>;

export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactElement<Record<string, unknown>>;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="error" id={`${id}-error`}>
          {error}
        </span>
      )}
      {isValidElement(children)
        ? cloneElement(children, { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })
        : children}
    </div>
  );
}

/** Radio buttons in a fieldset, its legend the question. */
export function Radios({
  name,
  legend,
  hint,
  error,
  options,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: [string, string][];
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <fieldset
      className={`field${error ? ' field-error' : ''}`}
      id={name}
      tabIndex={-1}
      aria-describedby={[hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <span className="hint" id={`${name}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="error" id={`${name}-error`}>
          {error}
        </span>
      )}
      {options.map(([v, text]) => (
        <label key={v} className="radio">
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} /> {text}
        </label>
      ))}
    </fieldset>
  );
}

/** The problem with a form: a message and a link to each field at fault (focus moves here when it appears). */
export function ErrorSummary({
  boxRef,
  message,
  errors,
  labels,
  others = [],
}: {
  boxRef: React.RefObject<HTMLDivElement | null>;
  message: string | null;
  errors: Errors;
  labels?: Record<string, string>;
  others?: string[];
}) {
  const entries = Object.entries(errors);
  return (
    <div ref={boxRef} tabIndex={-1}>
      {(message || entries.length > 0 || others.length > 0) && (
        <div role="alert" className="error-summary">
          <h2>There is a problem</h2>
          {message && <p>{message}</p>}
          <ul>
            {entries.map(([id, text]) => (
              <li key={id}>
                <a
                  href={`#${id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(id)?.focus();
                  }}
                >
                  {labels?.[id] ? `${labels[id]}: ${text}` : text}
                </a>
              </li>
            ))}
            {others.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/**
 * A form's errors, from its own checks or from the service: `fields` maps the service's field
 * names (e.g. "weeklyCostPence", "needs.0") to the form's control ids.
 */
export function useFormErrors(fields: Record<string, string>) {
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [others, setOthers] = useState<string[]>([]);
  const boxRef = useRef<HTMLDivElement>(null);
  const focus = () => setTimeout(() => boxRef.current?.focus(), 0);
  return {
    errors,
    message,
    others,
    boxRef,
    clear() {
      setErrors({});
      setMessage(null);
      setOthers([]);
    },
    /** The form's own checks failed: show them and move the focus to the summary. */
    invalid(e: Errors, msg = 'Check the form') {
      setErrors(e);
      setMessage(msg);
      setOthers([]);
      focus();
    },
    /** The service refused: its field errors by the fields, its message and anything else in the summary. */
    refused(err: unknown) {
      const a = err instanceof ApiError ? err : new ApiError(0, String(err));
      const placed: Errors = {};
      const rest: string[] = [];
      for (const f of a.errors) {
        const id = fields[f.field] ?? fields[f.field.split('.')[0]!];
        if (id && !placed[id]) placed[id] = f.reason;
        else rest.push(`${f.field}: ${f.reason}`);
      }
      setErrors(placed);
      setMessage(a.message);
      setOthers([...reasonsOf(a), ...rest]);
      focus();
    },
  };
}

/** Pounds as typed ("6100" or "6,100.50") to pence, or null when it is not an amount. */
export function toPence(text: string): number | null {
  const t = text.trim().replace(/,/g, '').replace(/^£/, '');
  if (!/^\d{1,8}(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}
