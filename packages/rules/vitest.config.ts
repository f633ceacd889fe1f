import { defineConfig } from 'vitest/config';

// Property tests run hundreds of full evaluations each: on a shared, loaded machine they can take
// longer than vitest's 5 s default without anything being wrong.
export default defineConfig({ test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 60_000 } });
