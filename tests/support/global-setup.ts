import { migrateAll } from '@placewise/platform/launcher';
import { createTestDatabase } from '@placewise/platform/testing';
import { fileURLToPath } from 'node:url';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One database for the journeys, with all four services' schemas migrated; dropped at the end. */
export default async function setup(project: { provide(key: 'databaseUrl', value: string): void }) {
  const db = await createTestDatabase('journeys');
  await migrateAll(fileURLToPath(new URL('../..', import.meta.url)), db.url);
  project.provide('databaseUrl', db.url);
  return () => db.drop();
}
