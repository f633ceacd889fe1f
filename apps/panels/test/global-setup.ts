import { dropQueueKeys, serviceDatabaseSetup } from '@placewise/platform/testing';
import { fileURLToPath } from 'node:url';
import { QUEUE_PREFIX } from './support/prefix.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const database = serviceDatabaseSetup(fileURLToPath(new URL('..', import.meta.url)), 'panels');

/** One migrated database for the run; at the end, the database dropped and every Redis key under the run's prefix removed. */
export default async function setup(project: Parameters<typeof database>[0]) {
  const dropDatabase = await database(project);
  return async () => {
    await dropDatabase();
    await dropQueueKeys(QUEUE_PREFIX);
  };
}
