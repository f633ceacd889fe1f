import type { IncomingMessage, ServerResponse } from 'node:http';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';

/** Each service behind /api/<service>, so the browser talks to one origin (no CORS). */
const services = { referrals: 3001, panels: 3002, commissioning: 3003, finance: 3004, notifications: 3006 } as const;
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
 * /config.json: how this server signs people in, read by the app at start. Set by whoever deploys it:
 * PLACEWISE_OIDC_AUTHORITY (the council's OpenID Connect issuer), PLACEWISE_OIDC_CLIENT_ID (default
 * placewise-web), PLACEWISE_OIDC_SCOPE and PLACEWISE_OIDC_LABEL (the sign-in button's words).
 */
function runtimeConfig(): Plugin {
  const handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.url?.split('?')[0] !== '/config.json') return next();
    const env = process.env;
    const oidc = env.PLACEWISE_OIDC_AUTHORITY
      ? {
          authority: env.PLACEWISE_OIDC_AUTHORITY,
          clientId: env.PLACEWISE_OIDC_CLIENT_ID ?? 'placewise-web',
          scope: env.PLACEWISE_OIDC_SCOPE ?? 'openid profile placewise',
          label: env.PLACEWISE_OIDC_LABEL ?? 'Sign in with your council account',
        }
      : null;
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'no-store');
    res.end(JSON.stringify({ oidc }));
  };
  return {
    name: 'placewise-runtime-config',
    configureServer: (server) => void server.middlewares.use(handler),
    configurePreviewServer: (server) => void server.middlewares.use(handler),
  };
}

export default defineConfig({
  plugins: [react(), runtimeConfig()],
  server: { port: 3000, strictPort: true, proxy },
  preview: { port: 3000, strictPort: true, host: '127.0.0.1', proxy },
  build: { outDir: 'dist', sourcemap: true },
});
