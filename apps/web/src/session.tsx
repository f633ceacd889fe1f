import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { createApi, type Api } from './api/client';

export interface User {
  sub: string;
  name: string;
  roles: string[];
  la: string;
}

interface Session {
  user: User | null;
  api: Api | null;
  signIn(token: string): void;
  signOut(): void;
}

const KEY = 'placewise.token';
const SessionContext = createContext<Session | null>(null);

/** The claims of a JWT (the services verify it; the browser only reads who it is for). */
function claims(token: string): User | null {
  try {
    const json = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { sub: string; name?: string; roles: string[]; la: string; exp?: number };
    if (json.exp && json.exp * 1000 < Date.now()) return null;
    return { sub: json.sub, name: json.name ?? json.sub, roles: json.roles, la: json.la };
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(KEY));
  const signOut = useCallback(() => {
    sessionStorage.removeItem(KEY);
    setToken(null);
  }, []);
  const signIn = useCallback((t: string) => {
    sessionStorage.setItem(KEY, t);
    setToken(t);
  }, []);
  const value = useMemo<Session>(() => {
    const user = token ? claims(token) : null;
    return { user, api: user && token ? createApi(token, signOut) : null, signIn, signOut };
  }, [token, signIn, signOut]);
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
