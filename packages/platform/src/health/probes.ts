import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import pg from 'pg';
import type { BaseEnv } from '../config/env.js';
import { within } from '../db/contention.js';
import { RedisClients } from '../redis/connection.js';
import { ENV } from '../tokens.js';

/**
 * The readiness probes' own connections to PostgreSQL and Redis, so that a probe never waits
 * behind the service's work: not for a pool that requests have exhausted, not in ioredis' offline
 * queue (which holds commands for as long as Redis is away), not on a BullMQ connection set to
 * retry forever. Each check is bounded by HEALTH_TIMEOUT_MS; a connection that failed is dropped and
 * made again by the next probe. One PostgreSQL connection and one Redis connection per process.
 */
@Injectable()
export class DependencyProbes implements OnApplicationShutdown {
  private pgClient?: pg.Client;
  private redis?: Redis | Cluster;

  constructor(
    @Inject(ENV) private readonly env: BaseEnv,
    private readonly clients: RedisClients,
  ) {}

  async database(): Promise<void> {
    const ms = this.env.HEALTH_TIMEOUT_MS;
    try {
      await within(this.pingDatabase(ms), ms, 'database');
    } catch (e) {
      this.dropDatabase();
      throw e;
    }
  }

  async queue(): Promise<void> {
    const ms = this.env.HEALTH_TIMEOUT_MS;
    // A read of a key under the prefix, not PING: on a cluster it goes to the primary of the
    // queues' hash slot (a PING to any node would answer while that primary is down).
    await within(this.redisClient().exists(`${this.env.QUEUE_PREFIX}:readiness`), ms, 'redis');
  }

  private async pingDatabase(ms: number): Promise<void> {
    if (!this.pgClient) {
      const client = new pg.Client({
        connectionString: this.env.DATABASE_URL,
        connectionTimeoutMillis: ms,
        query_timeout: ms,
        keepAlive: true,
        application_name: 'placewise-readiness',
      });
      // A connection lost between probes: the next probe makes a new one.
      client.on('error', () => {
        if (this.pgClient === client) this.dropDatabase();
      });
      this.pgClient = client;
      await client.connect();
    }
    await this.pgClient.query('SELECT 1');
  }

  private dropDatabase(): void {
    const c = this.pgClient;
    this.pgClient = undefined;
    void c?.end().catch(() => undefined);
  }

  private redisClient(): Redis | Cluster {
    if (!this.redis) {
      this.redis = this.clients.open({
        // Fail a command at once while disconnected, rather than queueing it until Redis is back.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: this.env.HEALTH_TIMEOUT_MS,
        connectTimeout: this.env.HEALTH_TIMEOUT_MS,
        // Keeps trying to reconnect in the background, every second at most.
        maxReconnectDelayMs: 1000,
        connectionName: 'readiness',
      });
      // Errors while Redis is away are the probe's answer, not the process's problem.
      this.redis.on('error', () => undefined);
    }
    return this.redis;
  }

  async onApplicationShutdown(): Promise<void> {
    this.dropDatabase();
    this.redis?.disconnect();
    this.redis = undefined;
  }
}
