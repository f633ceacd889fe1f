// The development environment shared by the start command and the token command.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEV_DIR = join(ROOT, '.dev');
export const ISSUER_FILE = join(DEV_DIR, 'issuer.json');
export const JWKS_FILE = join(DEV_DIR, 'jwks.json');

/** The local issuer's key pair: made once, kept in .dev/ (gitignored), never used outside development. */
export async function devIssuer() {
  const { createIssuerKeys } = await import('@placewise/platform');
  if (!existsSync(ISSUER_FILE)) {
    mkdirSync(DEV_DIR, { recursive: true });
    const keys = await createIssuerKeys();
    writeFileSync(ISSUER_FILE, JSON.stringify(keys, null, 2), { mode: 0o600 });
    writeFileSync(JWKS_FILE, JSON.stringify(keys.publicJwks, null, 2));
  }
  return JSON.parse(readFileSync(ISSUER_FILE, 'utf8'));
}
