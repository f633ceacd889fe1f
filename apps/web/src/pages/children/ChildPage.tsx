import { useEffect, type ReactNode } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { day, stamp, unwrap } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { ChildRecord, RecordHistory } from '../../api/views';
import { CHILD_LISTERS, RECORD_CORRECTORS, RECORD_READERS, RECORD_RECORDERS } from '../../components/ChildLink';
import { END_REASONS, label, RECORD_CHANGES, RECORD_SOURCES, RECORD_WORDS, REVIEW_RECORDERS } from '../../labels';
import { can, useSession } from '../../session';
import { CharacteristicsForm, EpisodeForm, LegalStatusForm, MissingForm, ReviewForm } from './RecordForms';

/** The sections of the record, in order: the pre-flight check's links land on them by these ids. */
const SECTIONS: [id: string, title: string][] = [
  ['characteristics', 'Characteristics'],
  ['legal-status', 'Legal status'],
  ['episodes', 'Episodes of care'],
  ['reviews', 'Reviews'],
  ['missing', 'Missing or away'],
  ['social-workers', 'Social workers'],
  ['care-leaver', 'Care leaver outcomes'],
  ['previous-permanence', 'Previous permanence'],
  ['adoption', 'Decisions to place for adoption'],
  ['liberty-orders', 'Deprivation of liberty orders'],
  ['history', 'Changes to this record'],
];

function Section({ id, children }: { id: string; children: ReactNode }) {
  const title = SECTIONS.find(([s]) => s === id)?.[1] ?? id;
  return (
    <section id={id} aria-labelledby={`${id}-h`} tabIndex={-1} className="record-section">
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}

const words = (map: Record<string, string>, code: string | null | undefined, none = 'Not recorded') => (code ? (map[code] ?? code) : none);
const yes = (v: boolean | null) => (v === null ? 'Not recorded' : v ? 'Yes' : 'No');

/** The audit's reason, readable: a derived change names its placement by id and its end by code. */
function why(reason: string): string {
  return reason
    .replace(/\s*\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '')
    .replace(/\(([A-Z_0-9]+)\)/g, (m, code: string) => {
      const words = (END_REASONS as Record<string, string>)[code];
      return words ? `(${words.toLowerCase()})` : m;
    })
    .replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d: string) => day(d));
}

/** `/children/:id/record#section` (where the pre-flight check points) is this page at that section. */
export function RecordRedirect() {
  const { id = '' } = useParams();
  const { hash } = useLocation();
  return <Navigate to={{ pathname: `/children/${id}`, hash }} replace />;
}

/** A child's looked-after record: what the SSDA903 return is made from, with the forms to keep it right. */
export function ChildPage() {
  const { id = '' } = useParams();
  const { hash } = useLocation();
  const { user } = useSession();
  const reads = can(user, ...RECORD_READERS);
  const record = useApiQuery(
    ['referrals', 'record', id],
    (api, signal) => unwrap(api.referrals.GET('/children/{id}/record', { params: { path: { id } }, signal })),
    { enabled: reads },
  );
  const history = useApiQuery(
    ['referrals', 'record', id, 'history'],
    (api, signal) => unwrap(api.referrals.GET('/children/{id}/record/history', { params: { path: { id } }, signal })),
    { enabled: reads },
  );
  const r = record.data;
  // A link to a section (from the pre-flight check) lands on it once the record is shown.
  useEffect(() => {
    if (!r || !hash) return;
    const el = document.getElementById(decodeURIComponent(hash.slice(1)));
    el?.scrollIntoView();
    el?.focus({ preventScroll: true });
  }, [r, hash]);
  if (!reads) return <p>Only social workers, their managers, auditors and the performance team read a child&apos;s record.</p>;
  if (record.error)
    return (
      <p role="alert" className="error-summary">
        {record.error.status === 404 ? 'There is no such child in your council.' : record.error.message}
      </p>
    );
  if (!r) return <p>Loading…</p>;
  const name = [r.givenName, r.familyName].filter(Boolean).join(' ') || `Child ${r.reference ?? ''}`.trim();
  const records = can(user, ...RECORD_RECORDERS);
  const corrects = can(user, ...RECORD_CORRECTORS);
  return (
    <>
      {can(user, ...CHILD_LISTERS) && (
        <p>
          <Link to="/children">All children</Link>
        </p>
      )}
      <h1>{name}</h1>
      <p className="lede">
        {r.lookedAfter && r.lookedAfterSince ? `Looked after since ${day(r.lookedAfterSince)}` : 'Not looked after now'}
        {r.nextReviewDue && <> · next review due by {day(r.nextReviewDue)}</>}
      </p>
      <nav aria-label="Sections of the record" className="record-nav">
        <ul>
          {SECTIONS.map(([s, title]) => (
            <li key={s}>
              <a href={`#${s}`}>{title}</a>
            </li>
          ))}
        </ul>
      </nav>

      <Section id="characteristics">
        <Characteristics r={r} />
        {corrects && (
          <CharacteristicsForm
            key={JSON.stringify(r.characteristics)}
            childId={id}
            current={r.characteristics}
            startOpen={hash === '#characteristics'}
          />
        )}
      </Section>

      <Section id="legal-status">
        {r.legalStatuses.length === 0 ? (
          <p>No legal status recorded.</p>
        ) : (
          <table>
            <caption className="visually-hidden">Legal status history, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Legal status</th>
                <th scope="col">Why</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {r.legalStatuses.map((l) => (
                <tr key={`${l.from}-${l.status}`}>
                  <td>{day(l.from)}</td>
                  <td>{l.words}</td>
                  <td>{l.reason ? why(l.reason) : ''}</td>
                  <td>{label(RECORD_SOURCES, l.source)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {records && <LegalStatusForm childId={id} />}
      </Section>

      <Section id="episodes">
        {r.episodes.length === 0 ? (
          <p>No episodes of care.</p>
        ) : (
          <table className="episodes">
            <caption className="visually-hidden">Episodes of care, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Legal status</th>
                <th scope="col">Placement type</th>
                <th scope="col">Provider</th>
                <th scope="col">Why it began</th>
                <th scope="col">Why the placement changed</th>
                <th scope="col">Why it ended</th>
              </tr>
            </thead>
            <tbody>
              {r.episodes.map((e) => (
                <tr key={e.decom}>
                  <td>{day(e.decom)}</td>
                  <td>{e.dec ? day(e.dec) : 'Open'}</td>
                  <td>{e.lsWords}</td>
                  <td>{e.placeWords}</td>
                  <td>{words(RECORD_WORDS.placeProvider, e.placeProvider, '')}</td>
                  <td>{words(RECORD_WORDS.newEpisode, e.rne, '')}</td>
                  <td>{words(RECORD_WORDS.reasonPlaceChange, e.reasonPlaceChange, '')}</td>
                  <td>{e.recWords ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {corrects && <EpisodeForm key={r.episodes.length} childId={id} episodes={r.episodes} startOpen={hash === '#episodes'} />}
      </Section>

      <Section id="reviews">
        {r.reviews.length === 0 ? (
          <p>No reviews recorded.</p>
        ) : (
          <table>
            <caption className="visually-hidden">Reviews held, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Held on</th>
                <th scope="col">How the child took part</th>
                <th scope="col">Recorded by</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {r.reviews.map((v) => (
                <tr key={v.heldOn}>
                  <td>{day(v.heldOn)}</td>
                  <td>{words(RECORD_WORDS.participation, v.participation)}</td>
                  <td>{words(REVIEW_RECORDERS, v.recordedAs)}</td>
                  <td>{label(RECORD_SOURCES, v.source)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {records && <ReviewForm childId={id} />}
      </Section>

      <Section id="missing">
        {r.missing.length === 0 ? (
          <p>No missing or away episodes.</p>
        ) : (
          <table>
            <caption className="visually-hidden">Missing or away episodes, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">The child was</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {r.missing.map((m) => (
                <tr key={m.id}>
                  <td>{words(RECORD_WORDS.missing, m.kind)}</td>
                  <td>{day(m.start)}</td>
                  <td>{m.end ? day(m.end) : 'Not back yet'}</td>
                  <td>{label(RECORD_SOURCES, m.source)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {records && <MissingForm childId={id} />}
      </Section>

      <Section id="social-workers">
        {r.socialWorkers.length === 0 ? (
          <p>No social worker episodes.</p>
        ) : (
          <table>
            <caption className="visually-hidden">Social worker episodes, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Social worker&apos;s reference</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Why they changed</th>
              </tr>
            </thead>
            <tbody>
              {r.socialWorkers.map((s) => (
                <tr key={s.id}>
                  <td>{s.socialWorkerId}</td>
                  <td>{day(s.start)}</td>
                  <td>{s.end ? day(s.end) : 'Now'}</td>
                  <td>{words(RECORD_WORDS.socialWorkerReason, s.reason, 'The first social worker')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="care-leaver">
        {r.careLeaverOutcomes.length === 0 ? (
          <p>No care leaver outcomes recorded.</p>
        ) : (
          <table>
            <caption className="visually-hidden">Care leaver outcomes by collection year</caption>
            <thead>
              <tr>
                <th scope="col">Year</th>
                <th scope="col">In touch</th>
                <th scope="col">Activity</th>
                <th scope="col">Accommodation</th>
              </tr>
            </thead>
            <tbody>
              {r.careLeaverOutcomes.map((o) => (
                <tr key={o.year}>
                  <td>
                    {o.year}-{String((o.year + 1) % 100).padStart(2, '0')}
                  </td>
                  <td>{words(RECORD_WORDS.inTouch, o.inTouch)}</td>
                  <td>{words(RECORD_WORDS.activity, o.activity)}</td>
                  <td>{words(RECORD_WORDS.accommodation, o.accommodation)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="previous-permanence">
        <p>
          {r.previousPermanence
            ? `${words(RECORD_WORDS.previousPermanence, r.previousPermanence.kind)}${r.previousPermanence.date ? `, ${r.previousPermanence.date}` : ''}`
            : 'Not recorded.'}
        </p>
      </Section>

      <Section id="adoption">
        {r.adoptionDecisions.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul>
            {r.adoptionDecisions.map((a) => (
              <li key={a.id}>
                Decided on {day(a.decidedOn)}
                {a.ceasedOn && `; ceased on ${day(a.ceasedOn)}: ${words(RECORD_WORDS.adoptionCeased, a.ceasedReason)}`}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="liberty-orders">
        {r.libertyOrders.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul>
            {r.libertyOrders.map((o) => (
              <li key={o.id}>
                From {day(o.start)}
                {o.end ? ` to ${day(o.end)}` : ', in force'}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="history">
        <History rows={history.data} />
      </Section>
    </>
  );
}

function Characteristics({ r }: { r: ChildRecord }) {
  const c = r.characteristics;
  const upn = c.upn && RECORD_WORDS.upnUnknown[c.upn] ? `None: ${RECORD_WORDS.upnUnknown[c.upn]}` : (c.upn ?? 'Not recorded');
  return (
    <dl className="facts">
      {r.reference && (
        <>
          <dt>Council&apos;s reference</dt>
          <dd>{r.reference}</dd>
        </>
      )}
      <dt>Date of birth</dt>
      <dd>{day(r.dateOfBirth)}</dd>
      <dt>Sex</dt>
      <dd>{words(RECORD_WORDS.sex, c.sex)}</dd>
      <dt>Ethnicity</dt>
      <dd>{words(RECORD_WORDS.ethnicity, c.ethnicity)}</dd>
      <dt>Unique pupil number</dt>
      <dd>{upn}</dd>
      <dt>Unaccompanied asylum-seeking child</dt>
      <dd>
        {c.uasc ? 'Yes' : 'No'}
        {c.uascCeased && `, until ${day(c.uascCeased)}`}
      </dd>
      <dt>A mother</dt>
      <dd>
        {yes(c.mother)}
        {c.motherChildDob && `, her child born ${day(c.motherChildDob)}`}
      </dd>
      <dt>Home postcode</dt>
      <dd>{c.homePostcode ?? 'Not recorded'}</dd>
      <dt>Category of need</dt>
      <dd>{words(RECORD_WORDS.categoryOfNeed, c.categoryOfNeed)}</dd>
    </dl>
  );
}

function History({ rows }: { rows: RecordHistory | undefined }) {
  if (!rows) return <p>Loading…</p>;
  if (!rows.length) return <p>No changes yet.</p>;
  const newest = [...rows].sort((a, b) => (a.at < b.at ? 1 : -1)).slice(0, 30);
  return (
    <table>
      <caption className="visually-hidden">Changes to the record, newest first{rows.length > 30 ? ' (the last 30)' : ''}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {newest.map((h, i) => (
          <tr key={`${h.at}-${i}`}>
            <td>{stamp(h.at)}</td>
            <td>{RECORD_CHANGES[`${h.entity} ${h.action}`] ?? 'Record changed'}</td>
            <td>{why(h.reason)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
