import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort, launchService, migrateAll, SERVICE_NAMES, type ServiceProcess } from '@placewise/platform/launcher';
import { DEMO_USERS, mintToken } from '@placewise/platform';
import { startDevIdp, type DevIdp } from '@placewise/platform/dev-idp';
import { createTestDatabase, createTestIssuer, dropQueueKeys, TEST_REDIS_URL } from '@placewise/platform/testing';
import { startMailCatcher, type MailCatcher } from '@placewise/notifications/dist/catcher/mail-catcher.js';

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
    /** The platform's BullMQ key prefix, for tests that put a job on a service's queue. */
    queuePrefix: string;
  }
}

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const WEB = fileURLToPath(new URL('..', import.meta.url));

/** Addresses the tests' SMTP server refuses (550), as a council's relay refuses an unknown mailbox. */
const REFUSED = /^refused\./;

/**
 * The running platform for the browser tests: the five services as processes on a scratch database
 * with the demo data loaded through their APIs, the development OpenID Connect provider (the services
 * fetch its keys, the browser signs in through it), a real SMTP server on loopback that notifications
 * sends to (it refuses `refused.` addresses), and the built web app served by `vite preview`.
 */
export default async function setup(project: { provide<K extends 'webUrl' | 'queuePrefix'>(key: K, value: string): void }) {
  const db = await createTestDatabase('web');
  const prefix = `web-${Date.now()}`;
  const [port, idpPort] = [await freePort(), await freePort()];
  const webUrl = `http://127.0.0.1:${port}`;
  const issuer = await createTestIssuer(`http://127.0.0.1:${idpPort}`);
  const services: ServiceProcess[] = [];
  let preview: ChildProcess | undefined;
  let idp: DevIdp | undefined;
  let mail: MailCatcher | undefined;
  /**
   * Stops everything, then removes every Redis key the run made under its prefix (queues, jobs, the
   * services' repeatable timers, and the jobs the tests put on a queue): once the services are
   * stopped, nothing writes there again.
   */
  const teardown = async () => {
    preview?.kill();
    await idp?.close();
    await Promise.all(services.map((s) => s.stop()));
    await mail?.close();
    await dropQueueKeys(prefix);
    await db.drop();
  };
  try {
    idp = await startDevIdp({
      issuer: issuer.keys.issuer,
      keys: issuer.keys,
      users: DEMO_USERS,
      client: { id: 'placewise-web', origins: [webUrl] },
    });
    mail = await startMailCatcher({ refuse: (a) => REFUSED.test(a) });
    await migrateAll(ROOT, db.url);
    const urls: Record<string, string> = {};
    for (const name of SERVICE_NAMES) {
      const s = await launchService({
        root: ROOT,
        name,
        port: await freePort(),
        // Ready as soon as it answers /health/ready; on a busy machine that can take more than the default 30 s.
        readyTimeoutMs: 120_000,
        env: {
          DATABASE_URL: db.url,
          REDIS_URL: TEST_REDIS_URL,
          QUEUE_PREFIX: prefix,
          LOG_LEVEL: 'warn',
          AUTH_ISSUER: idp.url,
          AUTH_JWKS_URL: `${idp.url}/jwks`,
          // The board is reached through the web server's /api/<service>/ proxy, as `npm start` runs it.
          OPS_BOARD_PUBLIC_PATH: `/api/${name}/ops/board`,
          ...(name === 'notifications' ? { SMTP_PORT: String(mail.smtpPort), MAIL_POLL_MS: '100' } : {}),
        },
      });
      services.push(s);
      urls[name] = s.url;
    }
    const { seedDemo } = (await import(pathToFileURL(join(ROOT, 'scripts', 'demo-data.mjs')).href)) as {
      seedDemo(o: unknown): Promise<boolean>;
    };
    await seedDemo({
      urls,
      databaseUrl: db.url,
      token: (sub: string) =>
        mintToken(
          issuer.keys,
          DEMO_USERS.find((u) => u.sub === sub)!,
        ),
      log: () => undefined,
    });

    preview = spawn(
      process.execPath,
      [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview', '--port', String(port), '--strictPort'],
      {
        cwd: WEB,
        env: {
          ...process.env,
          PLACEWISE_OIDC_AUTHORITY: idp.url,
          ...Object.fromEntries(Object.entries(urls).map(([k, v]) => [`${k.toUpperCase()}_URL`, v])),
        },
        stdio: 'ignore',
      },
    );
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${webUrl}/config.json`)).ok) break;
      } catch {
        // not up yet
      }
      if (i > 100) throw new Error('vite preview did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    project.provide('webUrl', webUrl);
    project.provide('queuePrefix', prefix);
  } catch (e) {
    await teardown();
    throw e;
  }
  return teardown;
}
