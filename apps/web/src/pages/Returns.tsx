import { londonToday } from '@placewise/contracts/dates';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, stamp, unwrap } from '../api/client';
import { useApiMutation, useApiQuery } from '../api/query';
import type { PreflightFailure, ReturnExport, ReturnLoad } from '../api/views';
import { RETURN_PRODUCERS } from '../components/ChildLink';
import { ErrorSummary, Field, useFormErrors } from '../components/FormParts';
import { Problem } from '../components/Problem';
import { RETURN_TABLES } from '../labels';
import { can, useApi, useSession } from '../session';

/** A collection year, 1 April to 31 March, by the year it starts: 2025 -> "2025-26". */
const yearLabel = (start: number) => `${start}-${String((start + 1) % 100).padStart(2, '0')}`;

/** The collection year today is in, and the five before it. */
function collectionYears(): number[] {
  const [y, m] = londonToday().split('-').map(Number) as [number, number];
  const current = m >= 4 ? y : y - 1;
  return Array.from({ length: 6 }, (_, i) => current - i);
}

/** The SSDA903 return: the pre-flight check, the export with its progress and download, and loading previous returns. */
export function Returns() {
  const { user } = useSession();
  const years = collectionYears();
  const [year, setYear] = useState(years[0]!);
  const produces = can(user, ...RETURN_PRODUCERS);
  return (
    <>
      <h1>SSDA903 return</h1>
      <p className="hint">
        The children looked after return to the Department for Education, made from the children&apos;s records. Check it first, put right
        what the check finds in each child&apos;s record, then produce the return.
      </p>
      <Field id="collection-year" label="Collection year" hint="1 April to 31 March">
        <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {yearLabel(y)}
            </option>
          ))}
        </select>
      </Field>
      <PreflightCheck key={`check-${year}`} year={year} />
      {produces && <Export key={`export-${year}`} year={year} />}
      {produces && <Load />}
    </>
  );
}

function PreflightCheck({ year }: { year: number }) {
  const [ran, setRan] = useState(false);
  const check = useApiQuery(
    ['referrals', 'returns', 'preflight', year],
    (api, signal) => unwrap(api.referrals.GET('/returns/ssda903/preflight', { params: { query: { collectionYear: year } }, signal })),
    { enabled: ran, staleTime: 0 },
  );
  const data = check.data;
  return (
    <section aria-labelledby="preflight-h" className="panel-box">
      <h2 id="preflight-h">Pre-flight check</h2>
      <p className="hint">The Department&apos;s validation rules, run on the return as it would be produced now.</p>
      <button type="button" onClick={() => (ran ? void check.refetch() : setRan(true))} disabled={check.isFetching}>
        {data ? 'Check again' : `Check the ${yearLabel(year)} return`}
      </button>
      <div aria-live="polite">
        {check.isFetching && <p>Checking…</p>}
        {check.error && <Problem error={check.error} />}
        {data && !check.isFetching && (
          <p className="lede" data-testid="preflight-summary">
            {data.children} children checked:{' '}
            {data.failures.length === 0
              ? 'nothing to put right.'
              : `${data.failures.length} thing${data.failures.length === 1 ? '' : 's'} to put right.`}
          </p>
        )}
      </div>
      {data && data.failures.length > 0 && <Failures failures={data.failures} />}
    </section>
  );
}

const SHOWN = 200;

function Failures({ failures }: { failures: PreflightFailure[] }) {
  const [all, setAll] = useState(false);
  const rows = all ? failures : failures.slice(0, SHOWN);
  return (
    <>
      <table className="failures">
        <caption className="visually-hidden">What the pre-flight check found, by child</caption>
        <thead>
          <tr>
            <th scope="col">Child&apos;s reference</th>
            <th scope="col">Rule</th>
            <th scope="col">Where</th>
            <th scope="col">What is wrong</th>
            <th scope="col">What to change</th>
            <th scope="col">Put it right</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f, i) => (
            <tr key={`${f.child}-${f.rule}-${f.field ?? ''}-${i}`}>
              <td>{f.child}</td>
              <td>{f.rule}</td>
              <td>
                {RETURN_TABLES[f.table] ?? f.table}
                {f.field && (
                  <>
                    , <code>{f.field}</code>
                  </>
                )}
              </td>
              <td>{f.message}</td>
              <td>{f.fix}</td>
              <td>
                {f.path ? (
                  <Link to={f.path}>
                    Open the record
                    <span className="visually-hidden">
                      {' '}
                      of {f.child}, rule {f.rule}
                    </span>
                  </Link>
                ) : (
                  'In the files the child came from'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {failures.length > SHOWN && !all && (
        <button type="button" className="secondary" onClick={() => setAll(true)}>
          Show all {failures.length}
        </button>
      )}
    </>
  );
}

function Export({ year }: { year: number }) {
  const api = useApi();
  const { user } = useSession();
  const [exportId, setExportId] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const start = useApiMutation(
    (a, collectionYear: number) => unwrap(a.referrals.POST('/returns/ssda903', { body: { collectionYear } })) as Promise<ReturnExport>,
    [],
    { onSuccess: (e) => setExportId(e.id) },
  );
  const job = useApiQuery(
    ['referrals', 'returns', 'export', exportId],
    (a, signal) => unwrap(a.referrals.GET('/returns/ssda903/{id}', { params: { path: { id: exportId ?? '' } }, signal })),
    {
      enabled: !!exportId,
      staleTime: 0,
      // Asked again every half second while the job runs; not once it is done or failed.
      refetchInterval: (q) => (q.state.data && (q.state.data.status === 'DONE' || q.state.data.status === 'FAILED') ? false : 500),
    },
  );
  const e = job.data ?? start.data;
  const download = async () => {
    if (!e) return;
    setDownloadError(null);
    try {
      const blob = await unwrap(api.referrals.GET('/returns/ssda903/{id}/file', { params: { path: { id: e.id } }, parseAs: 'blob' }));
      const url = URL.createObjectURL(blob as Blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${user?.la ?? 'council'}-ssda903-${e.label}.zip`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      setDownloadError(err);
    }
  };
  const running = e && (e.status === 'QUEUED' || e.status === 'RUNNING');
  return (
    <section aria-labelledby="export-h" className="panel-box">
      <h2 id="export-h">Produce the return</h2>
      <p className="hint">Every table as a CSV file, in one zip, made in the background; you can leave this page while it runs.</p>
      <button type="button" onClick={() => start.mutate(year)} disabled={start.isPending || !!running}>
        Produce the {yearLabel(year)} return
      </button>
      {start.error && <Problem error={start.error} />}
      <div aria-live="polite">
        {e && running && (
          <>
            <label htmlFor="export-progress">{e.status === 'QUEUED' ? 'Waiting to start' : 'Producing the return'}</label>{' '}
            <progress id="export-progress" max={100} value={e.progress}>
              {e.progress}%
            </progress>{' '}
            {e.progress}%
          </>
        )}
        {e?.status === 'DONE' && (
          <p className="ok" data-testid="export-done">
            The {e.label} return is ready: {e.children} children
            {e.preflightFailures
              ? `, with ${e.preflightFailures} pre-flight failure${e.preflightFailures === 1 ? '' : 's'} still to put right`
              : ''}
            {e.finishedAt ? ` (made ${stamp(e.finishedAt)})` : ''}.
          </p>
        )}
        {e?.status === 'FAILED' && (
          <p role="alert" className="error-summary">
            The return could not be produced: {e.error ?? 'unknown error'}. Try again; if it fails again, tell the service desk.
          </p>
        )}
      </div>
      {e?.status === 'DONE' && (
        <button type="button" onClick={() => void download()}>
          Download the return (zip)
        </button>
      )}
      {downloadError ? <Problem error={downloadError} /> : null}
    </section>
  );
}

interface LoadProblem {
  file: string;
  line: number | null;
  column: string | null;
  reason: string;
}

/** The rows a refused load names (the service lists every one, with file, line and column). */
function problemsOf(e: unknown): LoadProblem[] {
  const body = e instanceof ApiError ? (e.body as { errors?: unknown } | undefined) : undefined;
  return Array.isArray(body?.errors)
    ? body.errors.filter((x): x is LoadProblem => typeof x === 'object' && x !== null && typeof (x as LoadProblem).reason === 'string')
    : [];
}

function Load() {
  const files = useRef<HTMLInputElement>(null);
  const costs = useRef<HTMLInputElement>(null);
  const f = useFormErrors({ files: 'load-files', costs: 'load-costs' });
  const [rows, setRows] = useState<LoadProblem[]>([]);
  const [result, setResult] = useState<ReturnLoad | null>(null);
  const load = useApiMutation(
    (api, form: FormData) => unwrap(api.referrals.POST('/returns/ssda903/imports', { body: form as never })) as Promise<ReturnLoad>,
    [
      ['referrals', 'children'],
      ['referrals', 'record'],
      ['referrals', 'returns'],
    ],
  );
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    f.clear();
    setRows([]);
    setResult(null);
    const chosen = [...(files.current?.files ?? [])];
    if (!chosen.length)
      return f.invalid({ 'load-files': 'Choose the return files: the CSVs of one year, or a zip for each year' }, 'Check the files');
    const form = new FormData();
    for (const file of chosen) form.append('files', file, file.name);
    const cost = costs.current?.files?.[0];
    if (cost) form.append('costs', cost, cost.name);
    load.mutate(form, {
      onSuccess: setResult,
      onError: (e) => {
        const listed = problemsOf(e);
        setRows(listed);
        // Every bad row is in the table below; the summary says what happened.
        if (listed.length) f.refused(new ApiError(e.status, e.message));
        else f.refused(e);
      },
    });
  };
  return (
    <section aria-labelledby="load-h" className="panel-box">
      <h2 id="load-h">Load previous returns</h2>
      <p className="hint">
        The council&apos;s earlier returns become each child&apos;s history. A load is checked as a whole: if any row is wrong, nothing is
        written and every wrong row is listed.
      </p>
      <form onSubmit={submit} noValidate aria-label="Load previous returns">
        <ErrorSummary boxRef={f.boxRef} message={f.message} errors={f.errors} others={f.others} />
        <Field
          id="load-files"
          label="Return files"
          hint="The CSV files of one year's return (header.csv, episodes.csv and the rest), or a zip for each year"
          error={f.errors['load-files']}
        >
          <input type="file" ref={files} multiple accept=".csv,.zip,text/csv,application/zip" />
        </Field>
        <Field
          id="load-costs"
          label="Weekly costs (optional)"
          hint="weekly-costs.csv: CHILD,WEEKLY_COST or PLACE,WEEKLY_COST in pounds, for the placements open at the end of the last return"
          error={f.errors['load-costs']}
        >
          <input type="file" ref={costs} accept=".csv,text/csv" />
        </Field>
        <button type="submit" disabled={load.isPending}>
          {load.isPending ? 'Loading…' : 'Load the returns'}
        </button>
      </form>
      <div aria-live="polite">
        {result && (
          <p className="ok" data-testid="load-done">
            {result.unchanged
              ? 'These files were loaded before: nothing changed.'
              : `Loaded: ${result.children} children (${result.newChildren} new), ${result.episodes} episodes, ${result.placements} open placements.`}
          </p>
        )}
      </div>
      {rows.length > 0 && (
        <table className="load-problems">
          <caption>
            {rows.length} row{rows.length === 1 ? '' : 's'} to put right before the load can be made
          </caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Column</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p, i) => (
              <tr key={`${p.file}-${p.line ?? ''}-${p.column ?? ''}-${i}`}>
                <td>{p.file}</td>
                <td className="num">{p.line ?? ''}</td>
                <td>{p.column ?? ''}</td>
                <td>{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
