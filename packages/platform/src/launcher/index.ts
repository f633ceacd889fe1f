import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { migrateService } from '../db/migrate.js';

/**
 * Runs the services as separate processes (`node apps/<name>/dist/main.js`): used by the platform
 * start command and by the journey tests, so both exercise exactly what a deployment runs.
 */

export const SERVICE_NAMES = ['referrals', 'panels', 'commissioning', 'finance', 'notifications'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const DEFAULT_PORTS: Record<ServiceName, number> = {
  referrals: 3001,
  panels: 3002,
  commissioning: 3003,
  finance: 3004,
  notifications: 3006,
};

export interface ServiceProcess {
  name: ServiceName;
  port: number;
  url: string;
  readonly child: ChildProcess;
  /** Sends a signal and waits for the exit code (null if killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Starts the process again with the same environment and waits until it is ready. */
  restart(): Promise<void>;
}

export interface LaunchOptions {
  root: string;
  name: ServiceName;
  port: number;
  env: Record<string, string>;
  /** Receives each line the service prints. */
  onLine?: (name: ServiceName, line: string) => void;
  /** How long to wait for /health/ready (default PLACEWISE_READY_TIMEOUT_MS, else 30 s). */
  readyTimeoutMs?: number;
}

export async function launchService(opts: LaunchOptions): Promise<ServiceProcess> {
  const url = `http://127.0.0.1:${opts.port}`;
  let child!: ChildProcess;
  let exited!: Promise<number | null>;
  const spawnIt = async () => {
    child = spawn(process.execPath, [join(opts.root, 'apps', opts.name, 'dist', 'main.js')], {
      cwd: join(opts.root, 'apps', opts.name),
      env: { ...process.env, ...opts.env, PORT: String(opts.port), HOST: '127.0.0.1', DATABASE_SCHEMA: opts.name },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    for (const stream of [child.stdout!, child.stderr!]) {
      let buf = '';
      stream.on('data', (chunk: Buffer) => {
        buf += chunk.toString();
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          opts.onLine?.(opts.name, buf.slice(0, i));
          buf = buf.slice(i + 1);
        }
      });
    }
    const timeoutMs = opts.readyTimeoutMs ?? Number(process.env.PLACEWISE_READY_TIMEOUT_MS ?? 30_000);
    try {
      await waitReady(url, exited, timeoutMs, opts.name);
    } catch (e) {
      // A service that never became ready is not left running (it would hold its port and its queues).
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      throw e;
    }
  };
  await spawnIt();
  return {
    name: opts.name,
    port: opts.port,
    url,
    get child() {
      return child;
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
    restart: spawnIt,
  };
}

async function waitReady(url: string, exited: Promise<number | null>, timeoutMs: number, name: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let dead = false;
  void exited.then(() => (dead = true));
  while (Date.now() < deadline) {
    if (dead) throw new Error(`${name} exited before it was ready`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} was not ready within ${timeoutMs} ms`);
}

/** Applies every service's migrations into its own schema of one database (one at a time: Prisma locks the database). */
export async function migrateAll(root: string, databaseUrl: string): Promise<void> {
  for (const name of SERVICE_NAMES) await migrateService({ appDir: join(root, 'apps', name), databaseUrl, schema: name });
}

/** A TCP port nobody is listening on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}
