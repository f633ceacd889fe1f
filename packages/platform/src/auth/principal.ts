import { z } from 'zod';
import { Role } from '@placewise/contracts';

/** Who is calling, from a verified token. The local authority always comes from here, never from a body. */
export interface Principal {
  sub: string;
  name: string;
  roles: Role[];
  localAuthority: string;
  /** For the `provider` role: the provider the person works for (token claim `provider`). */
  providerId?: string;
  /**
   * The social work team the person belongs to (token claim `team`, as the council's provider names it):
   * a social worker reads the children of their team's caseload, not only their own.
   */
  team?: string;
}

/** Claims Placewise reads from an access token (OIDC-compatible: extra claims are ignored). */
export const TokenClaims = z.object({
  sub: z.string().min(1),
  name: z.string().min(1).optional(),
  roles: z.array(z.string()),
  la: z.string().min(1),
  provider: z.string().min(1).optional(),
  team: z.string().trim().min(1).max(200).optional(),
});

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return roles.some((r) => p.roles.includes(r));
}
