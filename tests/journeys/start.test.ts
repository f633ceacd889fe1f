import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, SERVICE_NAMES } from '@placewise/platform/launcher';
import { createTestDatabase, dropQueueKeys, TEST_REDIS_URL } from '@placewise/platform/testing';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/platform.js';

/** Resolves when `done()` holds; rejects if the process exits first or the time runs out. */
async function until(done: () => boolean, exited: Promise<unknown>, timeoutMs: number, what: string, output: () => string) {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (gone) throw new Error(`npm start exited before ${what}:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const answers = (port: number) =>
  fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );

describe('npm start', () => {
  it('stops on SIGTERM sent to npm alone: every service drains and stops, and npm exits 0', async () => {
    const db = await createTestDatabase('start');
    const devDir = await mkdtemp(join(tmpdir(), 'placewise-start-'));
    const prefix = `start-${randomUUID().slice(0, 8)}`;
    const ports: Record<string, number> = {};
    for (const name of [...SERVICE_NAMES, 'web', 'idp', 'mailSmtp', 'mailWeb']) ports[name] = await freePort();
    // Its own process group, so that nothing but npm gets the signal (and so that a failed test can
    // still end everything it started).
    const npm = spawn('npm', ['start', '--', '--no-build', '--no-demo'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        PLACEWISE_DEV_DIR: devDir,
        REFERRALS_PORT: String(ports.referrals),
        PANELS_PORT: String(ports.panels),
        COMMISSIONING_PORT: String(ports.commissioning),
        FINANCE_PORT: String(ports.finance),
        NOTIFICATIONS_PORT: String(ports.notifications),
        MAIL_SMTP_PORT: String(ports.mailSmtp),
        MAIL_WEB_PORT: String(ports.mailWeb),
        WEB_PORT: String(ports.web),
        IDP_PORT: String(ports.idp),
      },
    });
    const lines: string[] = [];
    for (const stream of [npm.stdout, npm.stderr]) {
      let buf = '';
      stream.on('data', (chunk: Buffer) => {
        buf += chunk.toString();
        const parts = buf.split('\n');
        buf = parts.pop()!;
        lines.push(...parts);
      });
    }
    const output = () => lines.slice(-40).join('\n');
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      npm.once('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      await until(() => lines.includes('[platform] ready:'), exited, 200_000, 'ready', output);
      for (const name of SERVICE_NAMES) {
        const res = await fetch(`http://127.0.0.1:${ports[name]}/health/ready`);
        expect(res.status, name).toBe(200);
      }

      npm.kill('SIGTERM');
      const { code, signal } = await Promise.race([
        exited,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`npm start still running 30 s after SIGTERM:\n${output()}`)), 30_000),
        ),
      ]);
      expect({ code, signal }, output()).toEqual({ code: 0, signal: null });
      for (const name of SERVICE_NAMES) {
        expect(lines, output()).toContain(`[${name}] SIGTERM received: draining`);
        expect(lines, output()).toContain(`[platform] ${name} stopped`);
      }
      expect(lines.at(-1), output()).toBe(`[platform] all stopped (${SERVICE_NAMES.join(', ')})`);
      // Nothing is left listening: not the services, the web server or the sign-in provider.
      for (const [name, port] of Object.entries(ports)) expect(await answers(port), name).toBe(false);
    } finally {
      try {
        process.kill(-npm.pid!, 'SIGKILL');
      } catch {
        // the group is gone: everything has exited
      }
      await db.drop();
      await dropQueueKeys(prefix);
      await rm(devDir, { recursive: true, force: true });
    }
  }, 260_000);
});
