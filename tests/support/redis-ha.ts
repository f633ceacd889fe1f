import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster, Redis } from 'ioredis';

/**
 * Redis as it runs in production, started by a test on loopback from Debian's redis-server: a
 * six-node cluster (three primaries, three replicas) and a Sentinel group (one primary, one
 * replica, three sentinels). Nothing is saved to disk; every process is killed by stop().
 */

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Server {
  port: number;
  child: ChildProcess;
}

function startServer(args: string[], port: number, dir: string, binary = 'redis-server'): Server {
  const child = spawn(
    binary,
    [
      ...args,
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
    ],
    { stdio: 'ignore' },
  );
  return { port, child };
}

async function killServer(s: Server): Promise<void> {
  const c = s.child;
  if (c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise((res) => c.once('exit', res));
  c.kill('SIGKILL');
  await exited;
}

/** One command to one node, on a connection of its own that never waits for a node that is down. */
async function ask(port: number, ...args: (string | number)[]): Promise<unknown> {
  const c = new Redis(port, '127.0.0.1', {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  c.on('error', () => undefined);
  try {
    await c.connect();
    return await c.call(String(args[0]), ...args.slice(1).map(String));
  } finally {
    c.disconnect();
  }
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
    await sleep(100);
  }
}

export interface ClusterNode {
  port: number;
  role: 'master' | 'slave';
  /** Hash slot ranges served (primaries). */
  slots: [number, number][];
}

export interface TestCluster {
  /** REDIS_CLUSTER_NODES for the services. */
  nodes: string;
  ports: number[];
  /** The nodes as the cluster sees them now (asked of a node that answers). */
  topology(): Promise<ClusterNode[]>;
  /** The port of the primary serving a key's hash slot. */
  primaryOf(key: string): Promise<number>;
  /** kill -9 of one node. */
  kill(port: number): Promise<void>;
  /** Waits until the cluster is whole again (every slot served, state ok) on every node still running. */
  healthy(timeoutMs?: number): Promise<void>;
  client(): Cluster;
  stop(): Promise<void>;
}

/**
 * Six redis-servers with cluster mode on the given ports, joined by `redis-cli --cluster create
 * --cluster-replicas 1`. A node is taken for dead after `nodeTimeoutMs`, then its replica is promoted.
 */
export async function startCluster(ports: number[], nodeTimeoutMs = 2000): Promise<TestCluster> {
  if (ports.length !== 6) throw new Error('a test cluster has six nodes');
  const dir = mkdtempSync(join(tmpdir(), 'placewise-cluster-'));
  const servers = new Map<number, Server>();
  const alive = () => [...servers.values()].filter((s) => s.child.exitCode === null && s.child.signalCode === null).map((s) => s.port);
  const stop = async () => {
    await Promise.all([...servers.values()].map(killServer));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      servers.set(
        port,
        startServer(
          [
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            join(dir, `nodes-${port}.conf`),
            '--cluster-node-timeout',
            String(nodeTimeoutMs),
          ],
          port,
          dir,
        ),
      );
    }
    for (const port of ports)
      await until(`redis-server on ${port} answering`, async () => ((await ask(port, 'PING')) === 'PONG' ? true : undefined));
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '1', '--cluster-yes'], {
      timeout: 60_000,
    });
  } catch (e) {
    await stop();
    throw e;
  }

  const topology = async (): Promise<ClusterNode[]> => {
    for (const port of alive()) {
      try {
        const text = String(await ask(port, 'CLUSTER', 'NODES'));
        return text
          .trim()
          .split('\n')
          .map((line) => line.split(' '))
          .filter((f) => !f[2]!.includes('fail') && !f[2]!.includes('noaddr'))
          .map((f) => ({
            port: Number(f[1]!.split('@')[0]!.split(':').at(-1)),
            role: f[2]!.includes('master') ? ('master' as const) : ('slave' as const),
            slots: f
              .slice(8)
              .filter((s) => /^\d/.test(s))
              .map((s) => {
                const [a, b] = s.split('-');
                return [Number(a), Number(b ?? a)] as [number, number];
              }),
          }));
      } catch {
        // that node is down: ask the next
      }
    }
    throw new Error('no cluster node answers');
  };

  const cluster: TestCluster = {
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(','),
    ports,
    topology,
    async primaryOf(key) {
      const slot = Number(await ask(alive()[0]!, 'CLUSTER', 'KEYSLOT', key));
      const owner = (await topology()).find((n) => n.role === 'master' && n.slots.some(([a, b]) => slot >= a && slot <= b));
      if (!owner) throw new Error(`no primary serves slot ${slot}`);
      return owner.port;
    },
    async kill(port) {
      const s = servers.get(port);
      if (s) await killServer(s);
    },
    async healthy(timeoutMs = 30_000) {
      await until(
        'the cluster whole again',
        async () => {
          for (const port of alive()) {
            const info = String(await ask(port, 'CLUSTER', 'INFO'));
            if (!info.includes('cluster_state:ok') || !info.includes('cluster_slots_ok:16384')) return undefined;
          }
          return true;
        },
        timeoutMs,
      );
    },
    client() {
      return new Cluster(
        alive().map((port) => ({ host: '127.0.0.1', port })),
        { redisOptions: { maxRetriesPerRequest: 1 }, retryDelayOnClusterDown: 300, retryDelayOnFailover: 300, maxRedirections: 100 },
      );
    },
    stop,
  };
  try {
    await cluster.healthy(60_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return cluster;
}

export interface TestSentinels {
  /** REDIS_SENTINELS and REDIS_SENTINEL_NAME for the services. */
  env: { REDIS_SENTINELS: string; REDIS_SENTINEL_NAME: string };
  name: string;
  /** The port of the primary the sentinels name now. */
  primary(): Promise<number>;
  kill(port: number): Promise<void>;
  client(): Redis;
  stop(): Promise<void>;
}

/**
 * A primary and a replica on `dataPorts`, and three sentinels on `sentinelPorts` watching them with
 * a quorum of two; a primary is taken for down after `downAfterMs`, and its replica promoted.
 */
export async function startSentinels(dataPorts: [number, number], sentinelPorts: number[], downAfterMs = 2000): Promise<TestSentinels> {
  const name = 'placewise';
  const dir = mkdtempSync(join(tmpdir(), 'placewise-sentinel-'));
  const servers = new Map<number, Server>();
  const stop = async () => {
    await Promise.all([...servers.values()].map(killServer));
    rmSync(dir, { recursive: true, force: true });
  };
  const [primary, replica] = dataPorts;
  try {
    servers.set(primary, startServer([], primary, dir));
    // A replica that is promoted must take writes; the default replica-read-only stays for the replica.
    servers.set(replica, startServer(['--replicaof', '127.0.0.1', String(primary)], replica, dir));
    for (const port of dataPorts)
      await until(`redis-server on ${port} answering`, async () => ((await ask(port, 'PING')) === 'PONG' ? true : undefined));
    await until('the replica in sync', async () =>
      String(await ask(replica, 'INFO', 'replication')).includes('master_link_status:up') ? true : undefined,
    );
    for (const port of sentinelPorts) {
      // A sentinel rewrites its configuration file: each has its own, written here.
      const conf = join(dir, `sentinel-${port}.conf`);
      writeFileSync(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${name} 127.0.0.1 ${primary} 2`,
          `sentinel down-after-milliseconds ${name} ${downAfterMs}`,
          `sentinel failover-timeout ${name} 10000`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      const child = spawn('redis-server', [conf, '--sentinel', '--daemonize', 'no', '--loglevel', 'warning'], { stdio: 'ignore' });
      servers.set(port, { port, child });
    }
    for (const port of sentinelPorts) {
      await until(`sentinel on ${port} knowing the replica and the other sentinels`, async () => {
        const m = (await ask(port, 'SENTINEL', 'MASTER', name)) as string[];
        const field = (k: string) => Number(m[m.indexOf(k) + 1]);
        return field('num-slaves') >= 1 && field('num-other-sentinels') >= sentinelPorts.length - 1 ? true : undefined;
      });
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    env: { REDIS_SENTINELS: sentinelPorts.map((p) => `127.0.0.1:${p}`).join(','), REDIS_SENTINEL_NAME: name },
    name,
    async primary() {
      for (const port of sentinelPorts) {
        try {
          const [, p] = (await ask(port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name)) as [string, string];
          return Number(p);
        } catch {
          // that sentinel is down: ask the next
        }
      }
      throw new Error('no sentinel answers');
    },
    async kill(port) {
      const s = servers.get(port);
      if (s) await killServer(s);
    },
    client() {
      return new Redis({
        sentinels: sentinelPorts.map((port) => ({ host: '127.0.0.1', port })),
        name,
        maxRetriesPerRequest: 1,
      });
    },
    stop,
  };
}
