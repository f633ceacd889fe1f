import { randomUUID } from 'node:crypto';
import { Role } from '@placewise/contracts';
import { httpCall, type TestIssuer } from './index.js';

/** What the role matrix needs of a service's OpenAPI document: its paths, and each operation's `x-roles` (from @Roles). */
export interface RoleMatrixDocument {
  paths: Record<string, Record<string, { 'x-roles'?: Role[]; security?: unknown[] }>>;
}

export interface RoleMatrixOptions {
  /** The service's address. */
  base: string;
  /** Mints a token for one role in a council (a provider's carries a provider id). */
  token: (role: Role, la: string) => Promise<string>;
  /** The council whose records `known` names, and another council. */
  la: string;
  otherLa: string;
  /**
   * GET paths of records that exist in `la`, by path template (e.g. `/cases/{id}` to `/cases/<id>`): for
   * another council's roles they must be 404, never 403 (no oracle). Other templates get random ids.
   */
  known?: Record<string, string>;
}

/**
 * The role matrix's tokens from a test issuer: one role in one council, as `matrix.<role>`; a
 * provider's carries a provider id of its own.
 */
export function matrixToken(issuer: Pick<TestIssuer, 'token'>): RoleMatrixOptions['token'] {
  return (role, la) =>
    issuer.token({ sub: `matrix.${role}`, roles: [role], la, ...(role === 'provider' ? { provider: randomUUID() } : {}) });
}

export interface RoleMatrixFinding {
  /** e.g. "GET /cases/{id} as panel-member of northshire: 403 (expected not 401 or 403)". */
  text: string;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/**
 * Walks every operation of a service's OpenAPI document, as every role, in its own council and in
 * another, and checks the guard against the operation's `x-roles`, which `@Roles` writes into the
 * document: a role it does not name is refused (403) before anything else; a role it names is never
 * refused for its role (not 401 or 403, whatever else the answer is: 400 for an empty body, 404 for a
 * record that does not exist); another council's roles get 404 for a record of `la` (`known`). An
 * operation with a bearer token and no `x-roles` is a finding too: a new route cannot go unchecked.
 * Writes are sent with an empty body (or none) to random ids, so nothing is changed.
 */
export async function roleMatrix(doc: RoleMatrixDocument, o: RoleMatrixOptions): Promise<{ checked: number; findings: string[] }> {
  const findings: string[] = [];
  let checked = 0;
  const tokens = new Map<string, string>();
  const tokenFor = async (role: Role, la: string) => {
    const key = `${role}@${la}`;
    if (!tokens.has(key)) tokens.set(key, await o.token(role, la));
    return tokens.get(key)!;
  };
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!METHODS.has(method) || !op.security?.length) continue; // public routes: health, metrics
      const allowed = op['x-roles'];
      const name = `${method.toUpperCase()} ${template}`;
      if (!allowed?.length) {
        findings.push(`${name}: no @Roles (no x-roles in the document)`);
        continue;
      }
      const random = template.replace(/\{[^}]+\}/g, () => randomUUID());
      for (const la of [o.la, o.otherLa]) {
        const path = method === 'get' && la === o.otherLa && o.known?.[template] ? o.known[template]! : random;
        for (const role of Role.options) {
          const r = await httpCall(o.base, {
            method: method.toUpperCase(),
            path,
            token: await tokenFor(role, la),
            ...(method === 'get' || method === 'delete' ? {} : { body: {} }),
          });
          checked++;
          const as = `${name} as ${role} of ${la === o.la ? 'the council' : 'another council'}`;
          if (!allowed.includes(role)) {
            if (r.status !== 403) findings.push(`${as}: ${r.status} (expected 403: the route is not for this role)`);
          } else if (r.status === 401 || r.status === 403) {
            findings.push(`${as}: ${r.status} (expected not 401 or 403: the route names this role)`);
          } else if (path !== random && r.status !== 404) {
            findings.push(`${as}: ${r.status} (expected 404: the record is another council's)`);
          }
        }
      }
    }
  }
  return { checked, findings };
}
