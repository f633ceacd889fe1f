import { useSession } from '../session';

/** Sign-in through the council's OpenID Connect provider (authorization code with PKCE). */
export function SignIn() {
  const { signIn, signInLabel, error } = useSession();
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
