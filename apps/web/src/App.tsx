import { Link, Navigate, NavLink, Route, Routes, useNavigate } from 'react-router';
import { Oversight, OversightChildren, OVERSIGHT_ROLES } from './pages/oversight/Oversight';
import { can, useSession } from './session';
import { SignIn } from './pages/SignIn';
import { Requests } from './pages/Requests';
import { NewRequest } from './pages/NewRequest';
import { RequestPage } from './pages/RequestPage';
import { Finance } from './pages/Finance';
import { FinanceCommitments } from './pages/FinanceCommitments';
import { ClocksPage } from './pages/oversight/ClocksPage';
import { Sittings } from './pages/Sittings';
import { Minutes, SittingPage } from './pages/SittingPage';
import { CasePage, Queue } from './pages/Queue';
import { SearchPage } from './pages/searches/SearchPage';
import { Searches } from './pages/searches/Searches';
import { Ops } from './pages/Ops';
import { PlacementPage } from './pages/placements/PlacementPage';
import { Placements } from './pages/placements/Placements';
import { ProviderOffers, ProviderReferralPage, ProviderReferrals } from './pages/Provider';
import { AccessLog } from './pages/privacy/AccessLog';
import { SubjectAccess } from './pages/privacy/SubjectAccess';
import { Retention } from './pages/privacy/Retention';
import { NotificationTray } from './components/NotificationTray';
import { CHILD_LISTERS, RETURN_READERS } from './components/ChildLink';
import { Children } from './pages/children/Children';
import { ChildPage, RecordRedirect } from './pages/children/ChildPage';
import { Returns } from './pages/Returns';
import { WayOut } from './pages/wayout/WayOut';
import { EXIT_READERS } from './pages/wayout/words';
import { CLOCK_READERS, Due } from './pages/due/Due';

const DECIDERS = ['panel-chair', 'approver:TM', 'approver:SM', 'approver:HOS', 'approver:AD', 'approver:DCS'];
const PANEL_PEOPLE = ['panel-admin', 'panel-member', 'panel-chair'];
const SEES_REQUESTS = [
  'social-worker',
  'panel-member',
  'panel-chair',
  'approver:TM',
  'approver:SM',
  'approver:HOS',
  'approver:AD',
  'approver:DCS',
  'commissioner',
  'finance',
  'auditor',
];

export function App() {
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  if (!user) return <SignIn />;
  const home = can(user, 'social-worker')
    ? '/requests'
    : can(user, ...PANEL_PEOPLE)
      ? '/sittings'
      : can(user, ...DECIDERS)
        ? '/queue'
        : can(user, 'commissioner')
          ? '/searches'
          : can(user, 'finance')
            ? '/finance'
            : can(user, 'ops', 'ops:deployment') && !can(user, ...SEES_REQUESTS)
              ? '/ops'
              : can(user, 'provider') && !can(user, ...SEES_REQUESTS)
                ? '/provider/referrals'
                : can(user, 'performance') && !can(user, ...SEES_REQUESTS)
                  ? '/returns'
                  : '/requests';
  return (
    <>
      <a className="skip" href="#main">
        Skip to main content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          Placewise
        </Link>
        <nav aria-label="Main">
          {can(user, ...SEES_REQUESTS) && <NavLink to="/requests">Requests</NavLink>}
          {can(user, 'social-worker') && <NavLink to="/requests/new">New request</NavLink>}
          {can(user, ...CHILD_LISTERS) && <NavLink to="/children">Children</NavLink>}
          {can(user, ...PANEL_PEOPLE) && <NavLink to="/sittings">{can(user, 'panel-admin') ? 'Sittings' : 'My sittings'}</NavLink>}
          {can(user, ...DECIDERS) && <NavLink to="/queue">My queue</NavLink>}
          {can(user, ...CLOCK_READERS) && <NavLink to="/due">Due</NavLink>}
          {can(user, ...EXIT_READERS) && <NavLink to="/way-out">Way out</NavLink>}
          {can(user, 'commissioner') && <NavLink to="/searches">Searches</NavLink>}
          {can(user, 'provider') && <NavLink to="/provider/referrals">Referrals</NavLink>}
          {can(user, 'provider') && <NavLink to="/provider/offers">Offers</NavLink>}
          {can(user, 'commissioner', 'provider', 'auditor') && <NavLink to="/placements">Placements</NavLink>}
          {can(user, 'finance', 'auditor', 'approver:AD', 'approver:DCS') && <NavLink to="/finance">Finance</NavLink>}
          {can(user, ...RETURN_READERS) && <NavLink to="/returns">Returns</NavLink>}
          {can(user, ...OVERSIGHT_ROLES) && <NavLink to="/oversight">Oversight</NavLink>}
          {can(user, 'approver:HOS', 'approver:AD', 'approver:DCS', 'performance', 'auditor') && (
            <NavLink to="/oversight/clocks">Clocks on time</NavLink>
          )}
          {can(user, 'ops', 'ops:deployment') && <NavLink to="/ops">Queues</NavLink>}
          {can(user, 'auditor') && <NavLink to="/access-log">Access log</NavLink>}
          {can(user, 'auditor') && <NavLink to="/subject-access">Subject access</NavLink>}
          {can(user, 'auditor', 'approver:AD', 'approver:DCS') && <NavLink to="/retention">Retention</NavLink>}
        </nav>
        <div className="who">
          <NotificationTray />
          <span>
            {user.name} · <strong>{user.la}</strong>
          </span>
          <button
            type="button"
            className="link"
            onClick={() => {
              // The next person starts from their own start page, not this one's.
              void navigate('/', { replace: true });
              signOut();
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Routes>
          <Route path="/" element={<Navigate to={home} replace />} />
          <Route path="/requests" element={<Requests />} />
          <Route path="/requests/new" element={<NewRequest />} />
          <Route path="/requests/:id" element={<RequestPage />} />
          <Route path="/children" element={can(user, ...CHILD_LISTERS) ? <Children /> : <p>Your role does not list the children.</p>} />
          <Route path="/children/:id" element={<ChildPage />} />
          <Route path="/children/:id/record" element={<RecordRedirect />} />
          <Route
            path="/returns"
            element={can(user, ...RETURN_READERS) ? <Returns /> : <p>Only the performance team and auditors see the SSDA903 return.</p>}
          />
          <Route path="/sittings" element={<Sittings />} />
          <Route path="/sittings/:id" element={<SittingPage />} />
          <Route path="/sittings/:id/minutes" element={<Minutes />} />
          <Route path="/queue" element={<Queue />} />
          <Route path="/cases/:id" element={<CasePage />} />
          <Route path="/searches" element={<Searches />} />
          <Route path="/searches/:id" element={<SearchPage />} />
          <Route path="/placements" element={<Placements />} />
          <Route path="/placements/:id" element={<PlacementPage />} />
          <Route path="/provider/referrals" element={<ProviderReferrals />} />
          <Route path="/provider/referrals/:id" element={<ProviderReferralPage />} />
          <Route path="/provider/offers" element={<ProviderOffers />} />
          <Route path="/finance" element={<Finance />} />
          <Route path="/access-log" element={<AccessLog />} />
          <Route
            path="/retention"
            element={
              can(user, 'auditor', 'approver:AD', 'approver:DCS') ? (
                <Retention />
              ) : (
                <p>Only auditors, the assistant director and the director of children&apos;s services see retention.</p>
              )
            }
          />
          <Route path="/subject-access" element={<SubjectAccess />} />
          <Route path="/subject-access/:id" element={<SubjectAccess />} />
          <Route path="/way-out" element={<WayOut />} />
          <Route path="/due" element={<Due />} />
          <Route path="/oversight" element={<Oversight />} />
          <Route path="/oversight/children" element={<OversightChildren />} />
          <Route path="/finance/commitments" element={<FinanceCommitments />} />
          <Route
            path="/oversight/clocks"
            element={
              can(user, 'approver:HOS', 'approver:AD', 'approver:DCS', 'performance', 'auditor') ? (
                <ClocksPage />
              ) : (
                <p>Only heads of service, directors, the performance team and auditors see the statutory clocks on time.</p>
              )
            }
          />
          <Route path="/ops" element={can(user, 'ops', 'ops:deployment') ? <Ops /> : <p>Only the ops role sees the queues.</p>} />
          <Route
            path="*"
            element={
              <p>
                There is no such page. <Link to="/">Go to your start page</Link>.
              </p>
            }
          />
        </Routes>
      </main>
    </>
  );
}
