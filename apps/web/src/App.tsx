import { Link, Navigate, NavLink, Route, Routes } from 'react-router';
import { can, useSession } from './session';
import { SignIn } from './pages/SignIn';
import { Requests } from './pages/Requests';
import { NewRequest } from './pages/NewRequest';
import { RequestPage } from './pages/RequestPage';
import { Finance } from './pages/Finance';

const SEES_REQUESTS = ['social-worker', 'panel-member', 'panel-chair', 'approver:TM', 'approver:SM', 'approver:HOS', 'approver:AD', 'approver:DCS', 'commissioner', 'finance', 'auditor'];

export function App() {
  const { user, signOut } = useSession();
  if (!user) return <SignIn />;
  const home = can(user, 'social-worker') || !can(user, 'finance') ? '/requests' : '/finance';
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
          {can(user, 'finance', 'auditor', 'approver:AD', 'approver:DCS') && <NavLink to="/finance">Finance</NavLink>}
        </nav>
        <div className="who">
          <span>
            {user.name} · <strong>{user.la}</strong>
          </span>
          <button type="button" className="link" onClick={signOut}>
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
          <Route path="/finance" element={<Finance />} />
          <Route path="*" element={<p>There is no such page. <Link to="/">Go to your start page</Link>.</p>} />
        </Routes>
      </main>
    </>
  );
}
