export * from './domain.js';
export * from './money.js';
export * from './envelope.js';
export * from './events/index.js';
export * from './queues/index.js';
export * from './words.js';
