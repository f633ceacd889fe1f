import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '@placewise/platform/launcher';
import { Redis } from 'ioredis';

/**
 * Outages a test can cause without touching the machine's shared PostgreSQL and Redis: a Redis of
 * the test's own on a spare port (killed and started again), and a TCP proxy in front of
 * PostgreSQL that the test cuts and restores.
 */

export interface OwnRedis {
  port: number;
  url: string;
  /** kill -9: no goodbye to its clients, every key gone (nothing is saved). */
  kill(): Promise<void>;
  /** Starts it again on the same port and waits until it answers. */
  start(): Promise<void>;
  /** SIGSTOP: connections stay open and nothing answers (a hung server, a full network). */
  pause(): void;
  /** SIGCONT: it answers again, as if nothing happened. */
  resume(): void;
}

export async function ownRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const r: OwnRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'],
        { stdio: 'ignore' },
      );
      const deadline = Date.now() + 10_000;
      for (;;) {
        const c = new Redis(port, '127.0.0.1', {
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          enableOfflineQueue: false,
          retryStrategy: () => null,
        });
        c.on('error', () => undefined);
        try {
          await c.connect();
          if ((await c.ping()) === 'PONG') return;
        } catch {
          if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not start`);
        } finally {
          c.disconnect();
        }
        await new Promise((res) => setTimeout(res, 50));
      }
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
    async kill() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((res) => c.once('exit', res));
      c.kill('SIGCONT');
      c.kill('SIGKILL');
      await exited;
    },
  };
  await r.start();
  return r;
}

export interface PgProxy {
  port: number;
  /** DATABASE_URL with the proxy in place of the server. */
  url(databaseUrl: string): string;
  /** PostgreSQL goes away: open connections are reset and new ones refused. */
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function pgProxy(target = { host: '127.0.0.1', port: 5432 }): Promise<PgProxy> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = createConnection(target);
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
      server = s;
    });
  const stop = async () => {
    const s = server;
    server = undefined;
    const closed = s ? new Promise((res) => s.close(res)) : Promise.resolve();
    for (const sock of sockets) sock.resetAndDestroy();
    sockets.clear();
    await closed;
  };
  await listen();
  return {
    port,
    url(databaseUrl) {
      const u = new URL(databaseUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    cut: stop,
    restore: listen,
    close: stop,
  };
}

/** One GET, given at most `limitMs` to answer; the status (0 if no answer in time) and how long it took. */
export async function timedGet(url: string, limitMs = 1000): Promise<{ status: number; ms: number; retryAfter: string | null }> {
  const t = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(limitMs) });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - t, retryAfter: res.headers.get('retry-after') };
  } catch {
    return { status: 0, ms: performance.now() - t, retryAfter: null };
  }
}
