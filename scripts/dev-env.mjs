// The development environment shared by the start command and the token command.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the development keys live: .dev/ (gitignored); PLACEWISE_DEV_DIR moves it (the start test uses its own). */
export const DEV_DIR = process.env.PLACEWISE_DEV_DIR ?? join(ROOT, '.dev');
export const ISSUER_FILE = join(DEV_DIR, 'issuer.json');
export const JWKS_FILE = join(DEV_DIR, 'jwks.json');
/** The development OpenID Connect provider: the issuer of every development token. */
export const IDP_PORT = Number(process.env.IDP_PORT ?? 3005);
export const IDP_URL = `http://127.0.0.1:${IDP_PORT}`;

/**
 * The development provider's signing key pair: made once, kept in .dev/ (gitignored), never used outside
 * development. `npm run token` signs with it too, so its tokens and the provider's are alike.
 */
export async function devIssuer() {
  const { createIssuerKeys } = await import('@placewise/platform');
  const current = existsSync(ISSUER_FILE) ? JSON.parse(readFileSync(ISSUER_FILE, 'utf8')) : null;
  if (current?.issuer !== IDP_URL) {
    mkdirSync(DEV_DIR, { recursive: true });
    const keys = await createIssuerKeys(IDP_URL);
    writeFileSync(ISSUER_FILE, JSON.stringify(keys, null, 2), { mode: 0o600 });
    writeFileSync(JWKS_FILE, JSON.stringify(keys.publicJwks, null, 2));
  }
  return JSON.parse(readFileSync(ISSUER_FILE, 'utf8'));
}
