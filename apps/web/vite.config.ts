import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';

/** Each service behind /api/<service>, so the browser talks to one origin (no CORS). */
const services = { referrals: 3001, panels: 3002, commissioning: 3003, finance: 3004 } as const;
const proxy: Record<string, ProxyOptions> = Object.fromEntries(
  Object.entries(services).map(([name, port]) => [
    `/api/${name}`,
    {
      target: process.env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${port}`,
      changeOrigin: true,
      rewrite: (path: string) => path.replace(new RegExp(`^/api/${name}`), ''),
    },
  ]),
);

/**
 * Development sign-in: with PLACEWISE_DEV_ISSUER pointing at the local issuer's key file, the server
 * lists the demo users and mints their tokens. Without it (a real deployment) the routes do not exist.
 */
function devSignIn(): Plugin {
  const handler = async (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const file = process.env.PLACEWISE_DEV_ISSUER;
    if (!file || !req.url?.startsWith('/dev/')) return next();
    const { DEMO_USERS, mintToken } = await import('@placewise/platform');
    const send = (status: number, body: unknown) => {
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/dev/users') return send(200, DEMO_USERS.map(({ sub, name, roles, la }) => ({ sub, name, roles, la })));
    if (url.pathname === '/dev/token') {
      const user = DEMO_USERS.find((u) => u.sub === url.searchParams.get('sub'));
      if (!user) return send(404, { message: 'no such demo user' });
      return send(200, { token: await mintToken(JSON.parse(readFileSync(file, 'utf8')), user) });
    }
    next();
  };
  return {
    name: 'placewise-dev-sign-in',
    configureServer: (server) => void server.middlewares.use((req, res, next) => void handler(req, res, next)),
    configurePreviewServer: (server) => void server.middlewares.use((req, res, next) => void handler(req, res, next)),
  };
}

export default defineConfig({
  plugins: [react(), devSignIn()],
  server: { port: 3000, strictPort: true, proxy },
  preview: { port: 3000, strictPort: true, host: '127.0.0.1', proxy },
  build: { outDir: 'dist', sourcemap: true },
});
