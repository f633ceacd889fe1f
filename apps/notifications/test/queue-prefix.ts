/**
 * The Redis key prefix of every queue a notifications test run makes (the service's QUEUE_PREFIX in
 * vitest.config.ts). The global setup's teardown deletes every key under it.
 */
export const QUEUE_PREFIX = 'test-notifications';
