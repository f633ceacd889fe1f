import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { freePort } from '@placewise/platform/launcher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/platform.js';

/**
 * The web server `npm start` runs (vite preview of the built app), against a stand-in for the
 * services: the headers the nginx image sends, no source maps, no /metrics or /docs through it.
 */
let web: ChildProcess;
let webUrl: string;
let backend: Server;
const seen: string[] = [];

beforeAll(async () => {
  backend = createServer((req, res) => {
    seen.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => backend.listen(0, '127.0.0.1', () => r()));
  const backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  const port = await freePort();
  webUrl = `http://127.0.0.1:${port}`;
  web = spawn(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview', '--port', String(port), '--strictPort'], {
    cwd: join(ROOT, 'apps', 'web'),
    env: {
      ...process.env,
      PLACEWISE_OIDC_AUTHORITY: 'https://login.council.example',
      REFERRALS_URL: backendUrl,
      PANELS_URL: backendUrl,
      COMMISSIONING_URL: backendUrl,
      FINANCE_URL: backendUrl,
    },
    stdio: 'ignore',
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${webUrl}/config.json`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 150) throw new Error('vite preview did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  web?.kill();
  await new Promise((r) => backend?.close(r));
});

describe('the web server npm start runs', () => {
  it("sends the nginx image's headers on its pages: CSP with the council's sign-in service, nosniff, no framing", async () => {
    for (const path of ['/', '/requests/anything', '/config.json']) {
      const res = await fetch(`${webUrl}${path}`);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("connect-src 'self' https://login.council.example");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
    }
  });

  it('serves no source maps', async () => {
    for (const path of ['/assets/index.js.map', '/assets/whatever-1234.js.map', '/src/main.tsx.map']) {
      expect((await fetch(`${webUrl}${path}`)).status, path).toBe(404);
    }
  });

  it("does not pass a service's /metrics or /docs through this origin, however the path is written", async () => {
    for (const path of [
      '/api/finance/metrics',
      '/api/referrals/docs',
      '/api/panels/docs/openapi.json',
      '/api/commissioning/metrics?x=1',
      '/api//finance/metrics',
      '/api/finance/%6detrics',
      '/api/finance/METRICS',
      '/api/finance/%E0%A4%A',
    ]) {
      const res = await fetch(`${webUrl}${path}`);
      expect(res.status, path).toBe(404);
    }
    expect(seen.filter((u) => /metrics|docs/.test(u))).toEqual([]);
    // Everything else under /api/<service> still reaches the service.
    const ok = await fetch(`${webUrl}/api/finance/forecast?financialYear=2026`);
    expect(ok.status).toBe(200);
    expect(seen).toContain('/forecast?financialYear=2026');
  });
});
