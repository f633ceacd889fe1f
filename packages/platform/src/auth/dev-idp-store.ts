import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

/** What a grant's revocation removes (oidc-provider's own list for its adapters). */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/**
 * The development provider's storage (sessions, interactions, grants, codes, refresh tokens): this
 * process's memory, one store per provider, gone when it stops, so people sign in again after a
 * restart. Given explicitly so oidc-provider does not fall back to its own with a warning; a real
 * deployment uses the council's provider and never this one.
 */
export function memoryAdapter(): AdapterFactory {
  const entries = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const lookups = new Map<string, string>();
  const grants = new Map<string, Set<string>>();
  let writes = 0;

  const read = (key: string | undefined): AdapterPayload | undefined => {
    const entry = key === undefined ? undefined : entries.get(key);
    if (!entry || entry.expiresAt > Date.now()) return entry?.payload;
    entries.delete(key!);
    return undefined;
  };
  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    for (const [key, target] of lookups) if (!entries.has(target)) lookups.delete(key);
    for (const [grantId, keys] of grants) {
      for (const key of keys) if (!entries.has(key)) keys.delete(key);
      if (keys.size === 0) grants.delete(grantId);
    }
  };

  return (model: string): Adapter => {
    const keyOf = (id: string) => `${model}:${id}`;
    return {
      upsert(id, payload, expiresIn) {
        const key = keyOf(id);
        entries.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
        if (model === 'Session' && payload.uid) lookups.set(`uid:${payload.uid}`, key);
        if (payload.userCode) lookups.set(`userCode:${payload.userCode}`, key);
        if (payload.grantId && GRANTABLE.has(model)) {
          const keys = grants.get(payload.grantId) ?? new Set<string>();
          grants.set(payload.grantId, keys.add(key));
        }
        if (++writes % 1000 === 0) sweep();
        return Promise.resolve();
      },
      find: (id) => Promise.resolve(read(keyOf(id))),
      findByUid: (uid) => Promise.resolve(read(lookups.get(`uid:${uid}`))),
      findByUserCode: (userCode) => Promise.resolve(read(lookups.get(`userCode:${userCode}`))),
      consume(id) {
        const payload = read(keyOf(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
        return Promise.resolve();
      },
      destroy(id) {
        entries.delete(keyOf(id));
        return Promise.resolve();
      },
      revokeByGrantId(grantId) {
        for (const key of grants.get(grantId) ?? []) entries.delete(key);
        grants.delete(grantId);
        return Promise.resolve();
      },
    };
  };
}
