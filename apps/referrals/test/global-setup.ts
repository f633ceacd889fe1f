import { dropQueueKeys, serviceDatabaseSetup } from '@placewise/platform/testing';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const database = serviceDatabaseSetup(fileURLToPath(new URL('..', import.meta.url)), 'referrals');

/**
 * One migrated database per run, dropped at the end; and every Redis key the run made (each test
 * file's queues live under QUEUE_PREFIX, set in vitest.config.ts) deleted at the end.
 */
export default async function setup(project: TestProject) {
  const prefix = project.config.env.QUEUE_PREFIX ?? process.env.QUEUE_PREFIX;
  if (!prefix) throw new Error('QUEUE_PREFIX is not set: see vitest.config.ts');
  const dropDatabase = await database(project);
  return async () => {
    await dropQueueKeys(prefix);
    await dropDatabase();
  };
}
