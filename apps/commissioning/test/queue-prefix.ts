/**
 * Every Redis key a test run of this service makes lies under this prefix (each test file adds its
 * own part after a colon), so the global teardown can remove them all.
 */
export const QUEUE_PREFIX = 'test-commissioning';
