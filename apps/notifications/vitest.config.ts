import { defineConfig } from 'vitest/config';
import { QUEUE_PREFIX } from './test/queue-prefix.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    env: { QUEUE_PREFIX },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
