import { useSession } from '../session';

/** Sign-in through the council's OpenID Connect provider (authorization code with PKCE). */
export function SignIn() {
  const { signIn, signInLabel, error, leaving } = useSession();
  if (leaving)
    return (
      <main id="main" className="narrow">
        <h1>Signing you out</h1>
        <p role="status">Signing you out of Placewise and your council account…</p>
      </main>
    );
  return (
    <main id="main" className="narrow">
      <h1>Sign in to Placewise</h1>
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {signInLabel && (
        <>
          <p>You will see only your council's work, and only what your role allows.</p>
          <button type="button" onClick={() => void signIn()}>
            {signInLabel}
          </button>
        </>
      )}
    </main>
  );
}
