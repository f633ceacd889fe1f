import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['journeys/**/*.test.ts', 'security/**/*.test.ts'],
    globalSetup: ['support/global-setup.ts'],
    // Each file runs the four services as processes: one file at a time on a 2-core machine.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
