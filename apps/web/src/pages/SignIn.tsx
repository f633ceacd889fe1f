import { useEffect, useState } from 'react';
import { useSession } from '../session';

interface DemoUser {
  sub: string;
  name: string;
  roles: string[];
  la: string;
}

/**
 * Development sign-in: pick a demo user and the local issuer mints their token. A real deployment
 * signs people in through the council's OIDC provider instead (not part of this build).
 */
export function SignIn() {
  const { signIn } = useSession();
  const [users, setUsers] = useState<DemoUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch('/dev/users')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then(setUsers)
      .catch(() => setError('Development sign-in is not available on this server. Sign in through your council.'));
  }, []);
  const choose = async (sub: string) => {
    const r = await fetch(`/dev/token?sub=${encodeURIComponent(sub)}`);
    if (!r.ok) return setError('Could not sign in as that user.');
    signIn(((await r.json()) as { token: string }).token);
  };
  return (
    <main id="main" className="narrow">
      <h1>Sign in to Placewise</h1>
      {error && <p role="alert" className="error-summary">{error}</p>}
      {users && (
        <>
          <p>Choose a demo user. Each sees only their council's work and what their role allows.</p>
          <ul className="users">
            {users.map((u) => (
              <li key={u.sub}>
                <button type="button" onClick={() => void choose(u.sub)}>
                  {u.name}
                </button>
                <span className="hint">
                  {u.la} · {u.roles.join(', ')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
