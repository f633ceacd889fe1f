import { useState } from 'react';
import { day, unwrap } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { ChildLink } from '../../components/ChildLink';

const PAGE = 50;

/** The council's children, newest first, each name leading to the child's record. */
export function Children() {
  const [page, setPage] = useState(0);
  const children = useApiQuery(['referrals', 'children', { take: PAGE + 1, skip: page * PAGE }], (api, signal) =>
    unwrap(api.referrals.GET('/children', { params: { query: { take: PAGE + 1, skip: page * PAGE } }, signal })),
  );
  const rows = children.data?.slice(0, PAGE) ?? null;
  const more = (children.data?.length ?? 0) > PAGE;
  return (
    <>
      <h1>Children</h1>
      <p className="hint">A child loaded from a previous return is known by the council&apos;s reference until someone adds their name.</p>
      {children.error && (
        <p role="alert" className="error-summary">
          {children.error.message}
        </p>
      )}
      {!rows && !children.error && <p>Loading…</p>}
      {rows && rows.length === 0 && <p>No children yet.</p>}
      {rows && rows.length > 0 && (
        <table>
          <caption className="visually-hidden">Children by family name, page {page + 1}</caption>
          <thead>
            <tr>
              <th scope="col">Child</th>
              <th scope="col">Reference</th>
              <th scope="col">Date of birth</th>
              <th scope="col" className="num">
                Age
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <td>
                  <ChildLink id={c.id} name={c.displayName} />
                </td>
                <td>{c.reference ?? ''}</td>
                <td>{day(c.dateOfBirth)}</td>
                <td className="num">{c.age}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(page > 0 || more) && (
        <nav aria-label="Pages of children" className="pager">
          {page > 0 && (
            <button type="button" className="secondary" onClick={() => setPage(page - 1)}>
              Previous {PAGE}
            </button>
          )}{' '}
          {more && (
            <button type="button" className="secondary" onClick={() => setPage(page + 1)}>
              Next {PAGE}
            </button>
          )}
        </nav>
      )}
    </>
  );
}
