/** The run's queue prefix: every Redis key a test makes is under it, and the global teardown removes them all. */
export const QUEUE_PREFIX = 'test-panels';
