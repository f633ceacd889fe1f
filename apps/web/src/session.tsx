import { User as OidcUser, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { createApi, type Api } from './api/client';

export interface User {
  sub: string;
  name: string;
  roles: string[];
  la: string;
}

/** How this server signs people in, from /config.json (set by whoever deploys the web app). */
interface WebConfig {
  oidc: { authority: string; clientId: string; scope: string; label: string } | null;
}

interface Session {
  user: User | null;
  api: Api | null;
  /** Why nobody is signed in, when there is a reason to give (a failed sign-in, an ended session). */
  error: string | null;
  /**
   * True from "Sign out" until the browser has left for the provider's sign-out page: no sign-in is offered
   * meanwhile, since one started then would find the provider's session still open and come back signed in
   * as the person who was leaving.
   */
  leaving: boolean;
  /** The sign-in button's words, or null when this server has no sign-in configured. */
  signInLabel: string | null;
  /** Sends the person to the council's sign-in page; they come back to `returnTo` (default: here). */
  signIn(returnTo?: string): Promise<void>;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

/** The person, from the ID token's claims (or, for a provider that puts roles only there, the access token's). */
function personOf(u: OidcUser): User | null {
  const p = u.profile as Record<string, unknown>;
  let roles = p.roles;
  let la = p.la;
  if (!Array.isArray(roles) || typeof la !== 'string') {
    try {
      const at = JSON.parse(atob(u.access_token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { roles?: unknown; la?: unknown };
      roles = Array.isArray(roles) ? roles : at.roles;
      la = typeof la === 'string' ? la : at.la;
    } catch {
      // an opaque access token: nothing more to read
    }
  }
  if (!Array.isArray(roles) || typeof la !== 'string') return null;
  return {
    sub: u.profile.sub,
    name: typeof p.name === 'string' ? p.name : u.profile.sub,
    roles: roles.filter((r): r is string => typeof r === 'string'),
    la,
  };
}

/** Only a path on this site: never somewhere else after sign-in. */
function safeReturn(state: unknown): string {
  const to = (state as { returnTo?: unknown } | undefined)?.returnTo;
  return typeof to === 'string' && to.startsWith('/') && !to.startsWith('//') && !to.startsWith('/signin/') ? to : '/';
}

type Boot = { manager: UserManager | null; config: WebConfig; user: OidcUser | null; error: string | null };

/**
 * Reads the configuration, and finishes a sign-in when the council's provider has sent the person back
 * (authorization code with PKCE). Once per page load, even under StrictMode's double effects.
 */
let booting: Promise<Boot> | null = null;
function boot(): Promise<Boot> {
  booting ??= (async () => {
    const config = await fetch('/config.json')
      .then((r) => (r.ok ? (r.json() as Promise<WebConfig>) : { oidc: null }))
      .catch(() => ({ oidc: null }) as WebConfig);
    if (!config.oidc)
      return {
        manager: null,
        config,
        user: null,
        error:
          'Sign-in is not set up on this server. Ask whoever runs Placewise to configure the council’s sign-in (PLACEWISE_OIDC_AUTHORITY).',
      };
    const origin = window.location.origin;
    const manager = new UserManager({
      authority: config.oidc.authority,
      client_id: config.oidc.clientId,
      scope: config.oidc.scope,
      redirect_uri: `${origin}/signin/callback`,
      post_logout_redirect_uri: `${origin}/`,
      response_type: 'code',
      loadUserInfo: false,
      automaticSilentRenew: true,
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    });
    if (window.location.pathname === '/signin/callback') {
      try {
        const user = await manager.signinRedirectCallback();
        window.history.replaceState(null, '', safeReturn(user.state));
        return { manager, config, user, error: null };
      } catch (e) {
        window.history.replaceState(null, '', '/');
        return {
          manager,
          config,
          user: null,
          error: `Sign-in did not complete (${e instanceof Error ? e.message : 'unknown error'}). Try again.`,
        };
      }
    }
    const user = await manager.getUser();
    return { manager, config, user: user && !user.expired ? user : null, error: null };
  })();
  return booting;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{
    ready: boolean;
    manager: UserManager | null;
    config: WebConfig | null;
    user: OidcUser | null;
    error: string | null;
    leaving?: boolean;
  }>({ ready: false, manager: null, config: null, user: null, error: null });
  const token = useRef<string | undefined>(undefined);
  token.current = state.user?.access_token;

  useEffect(() => {
    let live = true;
    void boot().then((b) => {
      if (!live) return;
      setState({ ready: true, ...b });
      const m = b.manager;
      if (!m) return;
      // A renewed token (refresh token, before the old one expires) replaces the old one in place.
      m.events.addUserLoaded((user) => setState((s) => ({ ...s, user, error: null })));
      m.events.addAccessTokenExpired(() =>
        setState((s) => ({ ...s, user: null, error: 'Your session has ended. Sign in again to carry on.' })),
      );
    });
    return () => {
      live = false;
    };
  }, []);

  /**
   * A new access token from the refresh token, without leaving the page; undefined if that is not possible.
   * Calls refused together share one renewal: the provider rotates the refresh token, and a second use of
   * the old one would be taken for theft and revoke the whole grant.
   */
  const renewing = useRef<Promise<string | undefined> | null>(null);
  const renew = useCallback(() => {
    renewing.current ??= (state.manager?.signinSilent() ?? Promise.resolve(null))
      .then((u) => {
        // The new token is the current one at once, for calls refused before the page re-renders.
        if (u) token.current = u.access_token;
        return u?.access_token;
      })
      .catch(() => undefined)
      .finally(() => {
        renewing.current = null;
      });
    return renewing.current;
  }, [state.manager]);

  const ended = useCallback(() => {
    void state.manager?.removeUser();
    setState((s) => ({ ...s, user: null, error: 'Your session has ended. Sign in again to carry on.' }));
  }, [state.manager]);

  const signIn = useCallback(
    async (returnTo = `${window.location.pathname}${window.location.search}`) => {
      if (!state.manager) return;
      try {
        await state.manager.signinRedirect({ state: { returnTo } });
      } catch {
        setState((s) => ({ ...s, error: 'The council’s sign-in service could not be reached. Try again in a moment.' }));
      }
    },
    [state.manager],
  );

  const signOut = useCallback(() => {
    const m = state.manager;
    setState((s) => ({ ...s, user: null, error: null, leaving: !!m }));
    if (!m) return;
    // Signs out at the council's provider too, so the next person at this computer signs in as themselves.
    m.signoutRedirect().catch(() => {
      // Signed out here, but the provider may still hold the session: the next sign-in at this
      // browser could come straight back as this person, so they are told what to do about it.
      void m.removeUser();
      setState((s) => ({
        ...s,
        leaving: false,
        error:
          'You are signed out of Placewise, but the council’s sign-in service could not be reached to end your session there. Close the browser before anyone else uses this computer.',
      }));
    });
  }, [state.manager]);

  const person = useMemo(() => (state.user ? personOf(state.user) : null), [state.user]);
  const sub = person?.sub;
  // What one person read is never shown to the next: the cache is emptied whenever who is signed in changes.
  // It is emptied here, as the provider renders, before any page below it asks for anything: emptied in an
  // effect (which runs after the page's own), it would cancel the page's first calls and leave it loading.
  const queries = useQueryClient();
  const signedIn = useRef(sub);
  if (signedIn.current !== sub) {
    signedIn.current = sub;
    queries.clear();
  }
  const api = useMemo(() => (sub ? createApi(() => token.current, ended, renew) : null), [sub, ended, renew]);
  const value = useMemo<Session>(
    () => ({
      user: person,
      api,
      error: state.user && !person ? 'Your account has no Placewise role or council. Ask your administrator to grant access.' : state.error,
      leaving: state.leaving ?? false,
      signInLabel: state.config?.oidc?.label ?? null,
      signIn,
      signOut,
    }),
    [person, state.user, state.error, state.leaving, state.config, api, signIn, signOut],
  );
  if (!state.ready)
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in person's API clients (pages under the signed-in layout only). */
export function useApi(): Api {
  const { api } = useSession();
  if (!api) throw new Error('not signed in');
  return api;
}

export const can = (user: User | null, ...roles: string[]) => !!user && roles.some((r) => user.roles.includes(r));
