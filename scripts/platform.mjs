#!/usr/bin/env node
// Starts the whole platform on this machine: builds, applies every service's migrations, starts the
// five services as separate processes and a local mail catcher (an SMTP server that keeps what the
// notifications service sends and shows it on a page), loads the demo data, and runs until SIGINT (Ctrl-C) or SIGTERM,
// sent to this process or to npm (the start script `exec`s node, so npm's signal reaches this process
// and not only a shell in between); then each service drains and stops, and the command exits 0.
// Needs PostgreSQL and Redis; see README.md.
//   npm start                 build, migrate, start, load demo data
//   npm start -- --no-build   skip the build
//   npm start -- --no-demo    start without demo data
// Environment overrides: DATABASE_URL, REDIS_URL, QUEUE_PREFIX, LOG_LEVEL, REFERRALS_PORT, PANELS_PORT,
// COMMISSIONING_PORT, FINANCE_PORT, NOTIFICATIONS_PORT, WEB_PORT, IDP_PORT, MAIL_SMTP_PORT and MAIL_WEB_PORT
// (the mail catcher's SMTP server and page), PLACEWISE_DEV_DIR (where the development keys are kept).
import { spawn } from 'node:child_process';
import pg from 'pg';
import { Redis } from 'ioredis';
import { IDP_URL, ROOT, devIssuer } from './dev-env.mjs';
import { seedDemo } from './demo-data.mjs';

const args = new Set(process.argv.slice(2));
const env = {
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/placewise',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  QUEUE_PREFIX: process.env.QUEUE_PREFIX ?? 'placewise',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
};
const ports = {
  referrals: Number(process.env.REFERRALS_PORT ?? 3001),
  panels: Number(process.env.PANELS_PORT ?? 3002),
  commissioning: Number(process.env.COMMISSIONING_PORT ?? 3003),
  finance: Number(process.env.FINANCE_PORT ?? 3004),
  notifications: Number(process.env.NOTIFICATIONS_PORT ?? 3006),
};
const mailPorts = { smtp: Number(process.env.MAIL_SMTP_PORT ?? 1025), web: Number(process.env.MAIL_WEB_PORT ?? 3025) };
const say = (msg) => console.log(`[platform] ${msg}`);

async function check() {
  const admin = new URL(env.DATABASE_URL);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
  } catch (e) {
    throw new Error(
      `PostgreSQL does not answer at ${admin.host} (${e.message}). Start it, e.g.: pg_ctlcluster --skip-systemctl-redirect 15 main start`,
      { cause: e },
    );
  }
  const r = new Redis(env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await r.connect();
    await r.ping();
  } catch (e) {
    throw new Error(`Redis does not answer at ${env.REDIS_URL} (${e.message}). Start it, e.g.: redis-server --daemonize yes`, {
      cause: e,
    });
  } finally {
    r.disconnect();
  }
}

// Stopping. A signal while the platform is still starting takes effect after the step in hand (a
// build is stopped at once; a migration or a service's start is let finish), so nothing is left
// half-started or running on its own.
let signalled = null;
let running = false;
let stopping;
let build;
let idp;
let web;
let mail;
const services = [];

function onSignal(signal) {
  if (signalled) return say(`${signal}: already stopping`);
  signalled = signal;
  say(`${signal}: stopping${running ? ' the services' : ' (after the step in hand)'}`);
  build?.kill('SIGTERM');
  if (running) void shutdown();
}
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

/** Stops the web server and every service (each drains first), says so, and exits: 0 when all stopped cleanly. */
function shutdown() {
  stopping ??= (async () => {
    const webStopped = web && web.exitCode === null && web.signalCode === null ? new Promise((r) => web.once('exit', r)) : null;
    web?.kill('SIGTERM');
    const codes = await stopServices();
    await webStopped;
    await idp?.close();
    await mail?.close();
    const clean = codes.every((c) => c === 0);
    say(
      clean
        ? `all stopped${services.length ? ` (${services.map((s) => s.name).join(', ')})` : ''}`
        : 'stopped, but not every service exited cleanly',
    );
    process.exit(clean ? 0 : 1);
  })();
  return stopping;
}

/** Stops every service that started (each drains first) and says when each has stopped; their exit codes. */
function stopServices() {
  return Promise.all(
    services.map(async (s) => {
      const code = await s.stop('SIGTERM');
      say(`${s.name} stopped${code === 0 ? '' : ` (exit ${code ?? 'by a signal'})`}`);
      return code;
    }),
  );
}

/** `turbo run build`, showing turbo's own output: a line per package as it starts (or is taken from the cache), and any errors. */
function runBuild() {
  say('building (turbo run build)');
  return new Promise((resolve, reject) => {
    build = spawn(process.execPath, [`${ROOT}/node_modules/turbo/bin/turbo`, 'run', 'build', '--output-logs=new-only'], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    });
    build.once('error', reject);
    build.once('exit', (code, signal) => {
      build = undefined;
      if (code === 0 || signalled) resolve();
      else reject(new Error(`the build failed (${code === null ? signal : `exit ${code}`})`));
    });
  });
}

/** Nest's start-up chatter (modules loaded, routes mapped) is left out; everything else is printed. */
const QUIET_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer']);
const onLine = (name, line) => {
  let text = line;
  try {
    const j = JSON.parse(line);
    if (QUIET_CONTEXTS.has(j.context)) return;
    text = `${j.level >= 50 ? 'ERROR ' : j.level >= 40 ? 'WARN ' : ''}${j.msg}${j.req ? ` ${j.req.method} ${j.req.path} ${j.res?.statusCode ?? ''}` : ''}`;
  } catch {
    // not JSON: print as it is
  }
  if (!/Mapped \{|dependencies initialized|RoutesResolver|Starting Nest/.test(text)) console.log(`[${name}] ${text}`);
};

try {
  await check();
  if (!args.has('--no-build')) await runBuild();
  if (signalled) await shutdown();
  const { migrateAll, launchService, SERVICE_NAMES } = await import('@placewise/platform/launcher');
  const { DEMO_USERS, mintToken } = await import('@placewise/platform');
  const { startDevIdp } = await import('@placewise/platform/dev-idp');
  const issuer = await devIssuer();
  const webPort = Number(process.env.WEB_PORT ?? 3000);
  // The development OpenID Connect provider stands in for the council's: the web app signs people in
  // through it and the services fetch its keys, exactly as they would from the council's own.
  idp = await startDevIdp({
    issuer: IDP_URL,
    keys: issuer,
    users: DEMO_USERS,
    client: { id: 'placewise-web', origins: [`http://127.0.0.1:${webPort}`, `http://localhost:${webPort}`] },
  });
  // The mail catcher stands in for the council's SMTP relay: the notifications service sends to it.
  const { startMailCatcher } = await import('../apps/notifications/dist/catcher/mail-catcher.js');
  mail = await startMailCatcher({ smtpPort: mailPorts.smtp, webPort: mailPorts.web });
  say(`applying migrations to ${new URL(env.DATABASE_URL).pathname.slice(1)}`);
  await migrateAll(ROOT, env.DATABASE_URL);
  if (signalled) await shutdown();

  for (const name of SERVICE_NAMES) {
    services.push(
      await launchService({
        root: ROOT,
        name,
        port: ports[name],
        onLine,
        // The board is reached through the web server's /api/<service>/ proxy: its pages and cookie live under that path.
        env: {
          ...env,
          AUTH_ISSUER: idp.url,
          AUTH_JWKS_URL: `${idp.url}/jwks`,
          OPS_BOARD_PUBLIC_PATH: `/api/${name}/ops/board`,
          ...(name === 'notifications'
            ? {
                SMTP_HOST: '127.0.0.1',
                SMTP_PORT: String(mail.smtpPort),
                WEB_BASE_URL: `http://127.0.0.1:${webPort}`,
                SEED_DEMO_PEOPLE: 'true',
              }
            : {}),
        },
        // A slow or busy machine can take a while to start a service; a broken one still fails.
        readyTimeoutMs: 120_000,
      }),
    );
    if (signalled) await shutdown();
  }
  running = true;

  if (!args.has('--no-demo')) {
    const urls = Object.fromEntries(services.map((s) => [s.name, s.url]));
    await seedDemo({
      urls,
      databaseUrl: env.DATABASE_URL,
      token: (sub) =>
        mintToken(
          issuer,
          DEMO_USERS.find((u) => u.sub === sub),
        ),
      log: say,
    });
    if (signalled) await shutdown();
  }
  // The web workspace: the built app, the services behind /api/<service>, sign-in through the provider.
  web = spawn(process.execPath, [`${ROOT}/node_modules/vite/bin/vite.js`, 'preview', '--port', String(webPort), '--strictPort'], {
    cwd: `${ROOT}/apps/web`,
    env: {
      ...process.env,
      PLACEWISE_OIDC_AUTHORITY: idp.url,
      ...Object.fromEntries(services.map((s) => [`${s.name.toUpperCase()}_URL`, s.url])),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  web.once('exit', (code) => code && !signalled && say(`the web server stopped (exit ${code})`));
  process.once('exit', () => web.kill());
  say('ready:');
  say(`  web workspace  http://127.0.0.1:${webPort}   (sign in as any demo user)`);
  say(`  sign-in        ${idp.url}   (development OpenID Connect provider)`);
  for (const s of services) say(`  ${s.name.padEnd(14)} ${s.url}   (API docs ${s.url}/docs)`);
  say(`  mail catcher   ${mail.webUrl}   (the emails sent; SMTP on port ${mail.smtpPort})`);
  say('tokens for the demo users: npm run token -- --list');
  say('Ctrl-C (or SIGTERM) stops everything');
} catch (e) {
  if (signalled) await shutdown();
  console.error(`[platform] ${e.message}`);
  // Nothing is left running on its own: what had started is stopped.
  await stopServices();
  await idp?.close();
  await mail?.close();
  process.exit(1);
}
