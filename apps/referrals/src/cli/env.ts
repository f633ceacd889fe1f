import type { BaseEnv } from '@placewise/platform';
import { resolve } from 'node:path';

/** The database settings a command reads (DATABASE_URL, DATABASE_SCHEMA: default referrals), as the service. */
export function cliEnv(): BaseEnv {
  return {
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/placewise',
    DATABASE_SCHEMA: process.env.DATABASE_SCHEMA ?? 'referrals',
    DATABASE_POOL_HTTP: 4,
    DATABASE_CONNECT_TIMEOUT_MS: 30_000,
    DATABASE_TX_ATTEMPTS: 1,
  } as Pick<
    BaseEnv,
    'DATABASE_URL' | 'DATABASE_SCHEMA' | 'DATABASE_POOL_HTTP' | 'DATABASE_CONNECT_TIMEOUT_MS' | 'DATABASE_TX_ATTEMPTS'
  > as BaseEnv;
}

/** Paths are the caller's (npm run moves to the package; INIT_CWD is where it was run). */
export const here = (p: string) => resolve(process.env.INIT_CWD ?? process.cwd(), p);
