import { useParams, useNavigate } from 'react-router';
import { useQueries } from '@tanstack/react-query';
import { unwrap, when, type Api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { useApi } from '../../session';
import { rowFields, type Field } from './document';

type Part = { service: string; generatedAt: string; records: { kind: string; rows: Record<string, unknown>[] }[] };
const OTHERS = ['panels', 'commissioning', 'finance', 'notifications'] as const;

function load(api: Api, service: (typeof OTHERS)[number], childId: string, requests: string[], signal: AbortSignal): Promise<Part> {
  const path = { params: { path: { id: childId } }, signal };
  switch (service) {
    case 'panels':
      return unwrap(api.panels.GET('/subject-access/children/{id}', path));
    case 'commissioning':
      return unwrap(api.commissioning.GET('/subject-access/children/{id}', path));
    case 'finance':
      return unwrap(api.finance.GET('/subject-access/children/{id}', path));
    case 'notifications':
      return unwrap(
        api.notifications.GET('/subject-access/children/{id}', {
          params: { path: { id: childId }, query: { requests: requests.join(',') } },
          signal,
        }),
      );
  }
}

function Fields({ fields }: { fields: Field[] }) {
  return (
    <dl className="facts">
      {fields.map((f, i) => (
        <div key={i}>
          <dt>{f.label}</dt>
          <dd>
            {typeof f.value === 'string'
              ? f.value
              : f.value.map((nested, j) => (
                  <div key={j} className="nested">
                    <Fields fields={nested} />
                  </div>
                ))}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A subject access request: everything Placewise holds about one child, from every service, as one document
 * to read, print or download (the download keeps every field, ids included).
 */
export function SubjectAccess() {
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const api = useApi();
  const children = useApiQuery(['referrals', 'children', { take: 200 }], (a, signal) =>
    unwrap(a.referrals.GET('/children', { params: { query: { take: 200 } }, signal })),
  );
  const own = useApiQuery(
    ['referrals', 'subject-access', id],
    (a, signal) => unwrap(a.referrals.GET('/subject-access/children/{id}', { params: { path: { id: id! } }, signal })) as Promise<Part>,
    { enabled: !!id },
  );
  const requests = (own.data?.records.find((r) => r.kind.startsWith('Requests'))?.rows ?? []).map((r) => String(r.id));
  const others = useQueries({
    queries: OTHERS.map((service) => ({
      queryKey: [service, 'subject-access', id, requests],
      queryFn: ({ signal }: { signal: AbortSignal }) => load(api, service, id!, requests, signal),
      enabled: !!id && !!own.data,
    })),
  });
  const parts = [own.data, ...others.map((q) => q.data)].filter((p): p is Part => !!p);
  const failed = [own, ...others].find((q) => q.error);
  const complete = !!own.data && others.every((q) => q.data);
  const details = own.data?.records[0]?.rows[0];
  const name = details ? [details.givenName, details.familyName].filter(Boolean).join(' ') || String(details.reference ?? '') : '';

  const download = () => {
    const blob = new Blob([JSON.stringify({ child: name, parts }, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `subject-access-${String(details?.reference ?? 'child')}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <>
      <h1>Subject access request</h1>
      <label htmlFor="child">Child</label>
      <select id="child" value={id ?? ''} onChange={(e) => navigate(`/subject-access/${e.target.value}`)}>
        <option value="">Choose a child</option>
        {(children.data ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {c.displayName}
          </option>
        ))}
      </select>
      {failed?.error && (
        <p role="alert" className="error-summary">
          {failed.error.message}
        </p>
      )}
      {id && !complete && !failed && <p aria-live="polite">Gathering what each service holds…</p>}
      {complete && (
        <article className="subject-access" aria-labelledby="sar-title">
          <h2 id="sar-title">Everything Placewise holds about {name}</h2>
          <p className="hint">
            Gathered {when(own.data!.generatedAt)} from every service. Reading this document is recorded in the access log.
          </p>
          <p>
            <button type="button" onClick={() => window.print()}>
              Print
            </button>{' '}
            <button type="button" className="link-button" onClick={download}>
              Download everything, with every field, as JSON
            </button>
          </p>
          {parts.map((part) => (
            <section key={part.service} aria-label={part.service}>
              <h2>{part.service}</h2>
              {part.records.map((r) => (
                <section key={r.kind}>
                  <h3>
                    {r.kind} ({r.rows.length})
                  </h3>
                  {r.rows.length === 0 ? (
                    <p className="hint">None held.</p>
                  ) : (
                    r.rows.map((row, i) => <Fields key={i} fields={rowFields(row)} />)
                  )}
                </section>
              ))}
            </section>
          ))}
        </article>
      )}
    </>
  );
}
