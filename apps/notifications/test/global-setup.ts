import { dropQueueKeys, serviceDatabaseSetup } from '@placewise/platform/testing';
import { fileURLToPath } from 'node:url';
import { QUEUE_PREFIX } from './queue-prefix.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const database = serviceDatabaseSetup(fileURLToPath(new URL('..', import.meta.url)), 'notifications');

/** One migrated database for the run; at the end it is dropped and every Redis key the run made is deleted. */
export default async function setup(project: Parameters<typeof database>[0]) {
  await dropQueueKeys(QUEUE_PREFIX); // what an interrupted run left behind
  const dropDatabase = await database(project);
  return async () => {
    await dropDatabase();
    await dropQueueKeys(QUEUE_PREFIX);
  };
}
