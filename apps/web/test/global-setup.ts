import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort, launchService, migrateAll, SERVICE_NAMES, type ServiceProcess } from '@placewise/platform/launcher';
import { DEMO_USERS, mintToken } from '@placewise/platform';
import { clearQueues, createTestDatabase, createTestIssuer } from '@placewise/platform/testing';
import { INBOXES } from '@placewise/contracts';

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
  }
}

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const WEB = fileURLToPath(new URL('..', import.meta.url));

/**
 * The running platform for the browser tests: the four services as processes on a scratch database
 * with the demo data loaded through their APIs, and the built web app served by `vite preview`
 * with development sign-in for the demo users.
 */
export default async function setup(project: { provide(key: 'webUrl', value: string): void }) {
  const db = await createTestDatabase('web');
  const prefix = `web-${Date.now()}`;
  const issuer = await createTestIssuer();
  const dir = mkdtempSync(join(tmpdir(), 'placewise-web-'));
  const keyFile = join(dir, 'issuer.json');
  writeFileSync(keyFile, JSON.stringify(issuer.keys));
  const services: ServiceProcess[] = [];
  let preview: ChildProcess | undefined;
  try {
    await migrateAll(ROOT, db.url);
    const urls: Record<string, string> = {};
    for (const name of SERVICE_NAMES) {
      const s = await launchService({ root: ROOT, name, port: await freePort(), env: { DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn', ...issuer.env } });
      services.push(s);
      urls[name] = s.url;
    }
    const { seedDemo } = (await import(pathToFileURL(join(ROOT, 'scripts', 'demo-data.mjs')).href)) as { seedDemo(o: unknown): Promise<boolean> };
    await seedDemo({ urls, token: (sub: string) => mintToken(issuer.keys, DEMO_USERS.find((u) => u.sub === sub)!), log: () => undefined });

    const port = await freePort();
    preview = spawn(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview', '--port', String(port), '--strictPort'], {
      cwd: WEB,
      env: { ...process.env, PLACEWISE_DEV_ISSUER: keyFile, ...Object.fromEntries(Object.entries(urls).map(([k, v]) => [`${k.toUpperCase()}_URL`, v])) },
      stdio: 'ignore',
    });
    const webUrl = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${webUrl}/dev/users`)).ok) break;
      } catch {
        // not up yet
      }
      if (i > 100) throw new Error('vite preview did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    project.provide('webUrl', webUrl);
  } catch (e) {
    preview?.kill();
    await Promise.all(services.map((s) => s.stop()));
    await db.drop();
    throw e;
  }
  return async () => {
    preview?.kill();
    await Promise.all(services.map((s) => s.stop()));
    await clearQueues(prefix, INBOXES.map((q) => q.name));
    await db.drop();
  };
}
