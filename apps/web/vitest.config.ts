import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // Pure unit tests beside the code (no platform, no browser).
        test: { name: 'unit', include: ['src/**/*.test.ts'] },
      },
      {
        test: {
          name: 'browser',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // expect.poll waits for what a page shows after a call to a service: the default second is less
          // than one call takes on a busy machine. It still returns as soon as the condition holds.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
