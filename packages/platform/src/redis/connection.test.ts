import { describe, expect, it } from 'vitest';
import { BaseEnv, ConfigError, loadEnv } from '../config/env.js';
import {
  BULLMQ_BEHAVIOUR,
  RedisClients,
  clusterOptions,
  hashTag,
  parseHostPorts,
  reconnectOnReadonly,
  redisConfigIssues,
  redisOptions,
  redisTarget,
} from './connection.js';

const base = {
  PORT: '3001',
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/placewise',
  DATABASE_SCHEMA: 'referrals',
  AUTH_ISSUER: 'http://localhost/dev',
  AUTH_JWKS: '{"keys":[]}',
};

function configError(env: Record<string, string>): ConfigError {
  try {
    loadEnv(BaseEnv, { ...base, ...env });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('the configuration was accepted');
}

describe('hashTag', () => {
  it('is what Redis Cluster hashes: the text between the first { and the first } after it, if any', () => {
    expect(hashTag('{placewise}')).toBe('placewise');
    expect(hashTag('{placewise}:test-run')).toBe('placewise');
    expect(hashTag('journey-{abc}')).toBe('abc');
    expect(hashTag('a{b}{c}')).toBe('b');
    expect(hashTag('placewise')).toBeNull();
    // An empty tag is no tag: Redis hashes the whole key.
    expect(hashTag('{}placewise')).toBeNull();
    expect(hashTag('{}{placewise}')).toBeNull();
    expect(hashTag('{placewise')).toBeNull();
    expect(hashTag('placewise}')).toBeNull();
  });
});

describe('redisConfigIssues', () => {
  it('takes exactly one of REDIS_URL, REDIS_CLUSTER_NODES and REDIS_SENTINELS', () => {
    expect(redisConfigIssues({ QUEUE_PREFIX: 'p', REDIS_URL: 'redis://h:6379' })).toEqual([]);
    expect(redisConfigIssues({ QUEUE_PREFIX: 'p' })).toEqual([
      { variable: 'REDIS_URL', reason: expect.stringMatching(/^is required but not set/) },
    ]);
    expect(redisConfigIssues({ QUEUE_PREFIX: '{p}', REDIS_URL: 'redis://h', REDIS_CLUSTER_NODES: 'a:1' })).toEqual([
      { variable: 'REDIS_CLUSTER_NODES', reason: expect.stringMatching(/^cannot be set with REDIS_URL/) },
    ]);
    expect(
      redisConfigIssues({ QUEUE_PREFIX: '{p}', REDIS_CLUSTER_NODES: 'a:1', REDIS_SENTINELS: 'b:2', REDIS_SENTINEL_NAME: 'm' }),
    ).toEqual([{ variable: 'REDIS_SENTINELS', reason: expect.stringMatching(/^cannot be set with REDIS_CLUSTER_NODES/) }]);
  });

  it('refuses a cluster whose queue prefix has no hash tag, saying what to write and why', () => {
    const [issue, ...rest] = redisConfigIssues({ QUEUE_PREFIX: 'placewise', REDIS_CLUSTER_NODES: '10.0.0.1:6379' });
    expect(rest).toEqual([]);
    expect(issue!.variable).toBe('QUEUE_PREFIX');
    expect(issue!.reason).toMatch(/hash tag in braces on a Redis Cluster, e\.g\. \{placewise\}/);
    expect(issue!.reason).toMatch(/one hash slot/);
    expect(redisConfigIssues({ QUEUE_PREFIX: '{}placewise', REDIS_CLUSTER_NODES: 'a:1' })[0]!.variable).toBe('QUEUE_PREFIX');
    expect(redisConfigIssues({ QUEUE_PREFIX: '{placewise}', REDIS_CLUSTER_NODES: 'a:1' })).toEqual([]);
    expect(redisConfigIssues({ QUEUE_PREFIX: '{placewise}', REDIS_CLUSTER_NODES: 'a:1', REDIS_DB: 2 })).toEqual([
      { variable: 'REDIS_DB', reason: expect.stringMatching(/must be 0 on a Redis Cluster/) },
    ]);
    // Braces are not needed off a cluster.
    expect(redisConfigIssues({ QUEUE_PREFIX: 'placewise', REDIS_SENTINELS: 'a:1', REDIS_SENTINEL_NAME: 'm' })).toEqual([]);
  });

  it('needs the sentinel group name, and keeps credentials for a URL in the URL', () => {
    expect(redisConfigIssues({ QUEUE_PREFIX: 'p', REDIS_SENTINELS: 'a:26379' })).toEqual([
      { variable: 'REDIS_SENTINEL_NAME', reason: expect.stringMatching(/^is required with REDIS_SENTINELS/) },
    ]);
    expect(redisConfigIssues({ QUEUE_PREFIX: 'p', REDIS_URL: 'redis://h', REDIS_PASSWORD: 'x' })).toEqual([
      { variable: 'REDIS_PASSWORD', reason: 'is for a cluster or Sentinel: with REDIS_URL, put it in the URL' },
    ]);
  });
});

describe('loadEnv with a cluster or Sentinel', () => {
  it('refuses a cluster with a prefix without braces, naming the variable', () => {
    const e = configError({ REDIS_CLUSTER_NODES: '127.0.0.1:7101,127.0.0.1:7102', QUEUE_PREFIX: 'placewise' });
    expect(e.issues.map((i) => i.variable)).toEqual(['QUEUE_PREFIX']);
    expect(e.message).toMatch(/QUEUE_PREFIX: must hold a hash tag in braces on a Redis Cluster, e\.g\. \{placewise\}/);
    // The default prefix has none either.
    expect(configError({ REDIS_CLUSTER_NODES: '127.0.0.1:7101' }).message).toMatch(/QUEUE_PREFIX: must hold a hash tag/);
  });

  it('names a malformed node list and a missing Redis with the other bad variables', () => {
    const e = configError({ REDIS_CLUSTER_NODES: '127.0.0.1', QUEUE_PREFIX: '{p}', PORT: 'x' });
    expect(e.issues.map((i) => i.variable).sort()).toEqual(['PORT', 'REDIS_CLUSTER_NODES']);
    expect(e.message).toMatch(/REDIS_CLUSTER_NODES: must be host:port pairs separated by commas/);
    const none = configError({ PORT: 'x' });
    expect(none.issues.map((i) => i.variable).sort()).toEqual(['PORT', 'REDIS_URL']);
    expect(configError({ REDIS_SENTINELS: 'a:1,b:2', REDIS_TLS: 'yes', REDIS_SENTINEL_NAME: 'm' }).message).toMatch(
      /REDIS_TLS: must be true or false/,
    );
  });

  it('takes an empty variable as unset (as compose and Kubernetes leave them)', () => {
    const env = loadEnv(BaseEnv, { ...base, REDIS_URL: '', REDIS_CLUSTER_NODES: '127.0.0.1:7101', QUEUE_PREFIX: '{placewise}' });
    expect(redisTarget(env)).toEqual({
      mode: 'cluster',
      nodes: [{ host: '127.0.0.1', port: 7101 }],
      auth: { username: undefined, password: undefined, tls: false },
    });
  });

  it('reads a Sentinel group: sentinels, name, database and credentials', () => {
    const env = loadEnv(BaseEnv, {
      ...base,
      REDIS_SENTINELS: 'redis-sentinel-0:26379, redis-sentinel-1:26379,[::1]:26380',
      REDIS_SENTINEL_NAME: 'placewise',
      REDIS_PASSWORD: 'data-secret',
      REDIS_SENTINEL_PASSWORD: 'sentinel-secret',
      REDIS_TLS: 'true',
      REDIS_DB: '2',
    });
    expect(redisTarget(env)).toEqual({
      mode: 'sentinel',
      sentinels: [
        { host: 'redis-sentinel-0', port: 26379 },
        { host: 'redis-sentinel-1', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      name: 'placewise',
      db: 2,
      auth: { username: undefined, password: 'data-secret', tls: true },
      sentinelPassword: 'sentinel-secret',
    });
  });
});

describe('client options', () => {
  const sentinel = redisTarget({ QUEUE_PREFIX: 'p', REDIS_SENTINELS: 'a:1,b:2', REDIS_SENTINEL_NAME: 'grp', REDIS_PASSWORD: 'pw' });
  const cluster = redisTarget({ QUEUE_PREFIX: '{p}', REDIS_CLUSTER_NODES: 'a:1,b:2', REDIS_PASSWORD: 'pw', REDIS_TLS: true });

  it('asks the sentinels for the primary, drops a connection that stopped answering, and reconnects on READONLY', () => {
    if (sentinel.mode !== 'sentinel') throw new Error('expected sentinel');
    const o = redisOptions(sentinel, BULLMQ_BEHAVIOUR);
    expect(o).toMatchObject({
      sentinels: [
        { host: 'a', port: 1 },
        { host: 'b', port: 2 },
      ],
      name: 'grp',
      role: 'master',
      password: 'pw',
      socketTimeout: 20_000,
      sentinelCommandTimeout: 2000,
      maxRetriesPerRequest: null,
      enableOfflineQueue: true,
    });
    expect(o.reconnectOnError).toBe(reconnectOnReadonly);
    expect(o.retryStrategy!(1)).toBe(200);
    expect(o.retryStrategy!(100)).toBe(2000);
  });

  it('gives a cluster client the behaviour per node and the failover waits on the cluster', () => {
    if (cluster.mode !== 'cluster') throw new Error('expected cluster');
    const o = clusterOptions(cluster, { maxRetriesPerRequest: 0, enableOfflineQueue: false, commandTimeout: 500 });
    expect(o).toMatchObject({
      enableOfflineQueue: false,
      redisOptions: { maxRetriesPerRequest: 0, commandTimeout: 500, password: 'pw', tls: {} },
    });
    // A client that must answer at once gives up soon; BullMQ's outlast a failover (node timeout plus election).
    expect(o.maxRedirections).toBe(2);
    const bull = clusterOptions(cluster, BULLMQ_BEHAVIOUR);
    expect(bull.redisOptions!.maxRetriesPerRequest).toBeNull();
    expect(bull.retryDelayOnClusterDown! * bull.maxRedirections!).toBeGreaterThanOrEqual(20_000);
    expect(o.redisOptions!.reconnectOnError).toBe(reconnectOnReadonly);
  });

  it('reconnects on READONLY only', () => {
    expect(reconnectOnReadonly(new Error("READONLY You can't write against a read only replica."))).toBe(2);
    expect(reconnectOnReadonly(new Error('ERR unknown command'))).toBe(false);
  });

  it('gives BullMQ connection options for one server or Sentinel, which never give up on a command', () => {
    expect(new RedisClients({ QUEUE_PREFIX: 'p', REDIS_URL: 'redis://h:6379/3' }).bullConnection()).toMatchObject({
      url: 'redis://h:6379/3',
    });
    expect(new RedisClients({ QUEUE_PREFIX: 'p', REDIS_SENTINELS: 'a:1', REDIS_SENTINEL_NAME: 'grp' }).bullConnection()).toMatchObject({
      sentinels: [{ host: 'a', port: 1 }],
      name: 'grp',
      maxRetriesPerRequest: null,
    });
  });

  it('parses host:port lists', () => {
    expect(parseHostPorts('a:1, b.example:6380,[fe80::1]:7000')).toEqual([
      { host: 'a', port: 1 },
      { host: 'b.example', port: 6380 },
      { host: 'fe80::1', port: 7000 },
    ]);
  });
});
