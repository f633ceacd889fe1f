import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import type { Role } from '@placewise/contracts';

/**
 * A local token issuer for development and tests: an ES256 key pair, its public JWKS, and a way to
 * mint tokens for demo users. A real deployment verifies tokens from the council's OIDC provider instead.
 */
export interface DevUser {
  sub: string;
  name: string;
  roles: Role[];
  la: string;
  /** For the provider role: the provider's id. */
  provider?: string;
  /** A social worker's team (claim `team`). */
  team?: string;
}

export interface DevIssuerKeys {
  issuer: string;
  privateJwk: JWK;
  publicJwks: { keys: JWK[] };
}

export const DEV_ISSUER = 'http://localhost/placewise-dev-issuer';
export const DEV_AUDIENCE = 'placewise';

export async function createIssuerKeys(issuer = DEV_ISSUER): Promise<DevIssuerKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return { issuer, privateJwk, publicJwks: { keys: [publicJwk] } };
}

export async function mintToken(keys: DevIssuerKeys, user: DevUser, opts: { audience?: string; expiresIn?: string } = {}): Promise<string> {
  const key = await importJWK(keys.privateJwk, 'ES256');
  return new SignJWT({
    name: user.name,
    roles: user.roles,
    la: user.la,
    ...(user.provider ? { provider: user.provider } : {}),
    ...(user.team ? { team: user.team } : {}),
  })
    .setProtectedHeader({ alg: 'ES256', kid: keys.privateJwk.kid })
    .setSubject(user.sub)
    .setIssuer(keys.issuer)
    .setAudience(opts.audience ?? DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '12h')
    .sign(key);
}

/** The demo council's people, one per role, plus a social worker of a second council. */
export const DEMO_USERS: readonly DevUser[] = [
  {
    sub: 'sw.amara',
    name: 'Amara Okafor (social worker)',
    roles: ['social-worker'],
    la: 'northshire',
    team: 'Children in Care Team North',
  },
  { sub: 'tm.ben', name: 'Ben Hughes (team manager)', roles: ['approver:TM'], la: 'northshire' },
  { sub: 'sm.chloe', name: 'Chloe Patel (service manager)', roles: ['approver:SM'], la: 'northshire' },
  { sub: 'hos.dev', name: 'Dev Sharma (head of service)', roles: ['approver:HOS', 'panel-chair'], la: 'northshire' },
  { sub: 'ad.erin', name: 'Erin Walsh (assistant director)', roles: ['approver:AD', 'panel-chair'], la: 'northshire' },
  { sub: 'dcs.farid', name: 'Farid Khan (director)', roles: ['approver:DCS', 'panel-chair'], la: 'northshire' },
  { sub: 'pm.grace', name: 'Grace Lee (panel member, social care)', roles: ['panel-member'], la: 'northshire' },
  { sub: 'pm.omar', name: 'Omar Siddiqui (panel member, finance)', roles: ['panel-member'], la: 'northshire' },
  { sub: 'pm.rita', name: 'Rita Gomes (panel member, education)', roles: ['panel-member'], la: 'northshire' },
  { sub: 'com.harry', name: 'Harry Evans (commissioner)', roles: ['commissioner'], la: 'northshire' },
  { sub: 'fin.isla', name: 'Isla Murray (finance)', roles: ['finance'], la: 'northshire' },
  { sub: 'aud.jon', name: 'Jon Price (auditor)', roles: ['auditor'], la: 'northshire' },
  { sub: 'ops.kim', name: 'Kim Taylor (ops)', roles: ['ops'], la: 'northshire' },
  // The deployment's operator: every council's queues as metadata, no business role.
  { sub: 'ops.sam', name: 'Sam Carter (deployment operator)', roles: ['ops:deployment'], la: 'northshire' },
  { sub: 'pa.nina', name: 'Nina Ross (panel administrator)', roles: ['panel-admin'], la: 'northshire' },
  { sub: 'perf.lena', name: 'Lena Brooks (performance and data)', roles: ['performance'], la: 'northshire' },
  // Staff of a provider: the provider's id is the one the council keeps for it (see scripts/demo-data.mjs).
  {
    sub: 'prov.olivia',
    name: 'Olivia Reed (provider, Horizon Fostering)',
    roles: ['provider'],
    la: 'northshire',
    provider: 'a4e6c1d2-7b3f-4c58-9e21-5d0f8b6c3a17',
  },
  {
    sub: 'sw.lena',
    name: 'Lena Novak (social worker, Southvale)',
    roles: ['social-worker'],
    la: 'southvale',
    team: 'Looked After Children Team',
  },
  { sub: 'hos.max', name: 'Max Green (head of service, Southvale)', roles: ['approver:HOS', 'panel-chair'], la: 'southvale' },
];
