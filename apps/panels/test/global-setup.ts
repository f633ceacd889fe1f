import { serviceDatabaseSetup } from '@placewise/platform/testing';
import { fileURLToPath } from 'node:url';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default serviceDatabaseSetup(fileURLToPath(new URL('..', import.meta.url)), 'panels');
