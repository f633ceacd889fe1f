import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths as CommissioningPaths } from './generated/commissioning';
import type { paths as FinancePaths } from './generated/finance';
import type { paths as NotificationsPaths } from './generated/notifications';
import type { paths as PanelsPaths } from './generated/panels';
import type { paths as ReferralsPaths } from './generated/referrals';

/** A field the service refused, and why: shown next to that field. */
export interface FieldError {
  field: string;
  reason: string;
}

/** What a service said when it refused a call: a message a person can act on, and the fields at fault. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
    readonly body: unknown = undefined,
  ) {
    super(message);
  }
}

export interface Api {
  referrals: Client<ReferralsPaths>;
  panels: Client<PanelsPaths>;
  commissioning: Client<CommissioningPaths>;
  finance: Client<FinancePaths>;
  notifications: Client<NotificationsPaths>;
}

/**
 * Typed clients for the five services (generated from their OpenAPI documents), through the web server's
 * proxy. A call refused with 401 (the access token expired or was revoked) renews the token once and is
 * sent again, so nothing typed is lost; only if that fails is the person asked to sign in again.
 */
export function createApi(
  token: () => string | undefined,
  onUnauthorised: () => void,
  renew: () => Promise<string | undefined> = async () => undefined,
): Api {
  const copies = new Map<string, Request>();
  const auth: Middleware = {
    onRequest({ request, id }) {
      // The current token: a renewed one replaces the old without new clients.
      request.headers.set('authorization', `Bearer ${token() ?? ''}`);
      copies.set(id, request.clone());
      return request;
    },
    async onResponse({ response, id }) {
      const copy = copies.get(id);
      copies.delete(id);
      if (response.status !== 401 || !copy) return response;
      // A call sent with a token that another refused call has since renewed is sent again with the new
      // one: renewing again would use the rotated refresh token twice (and revoke the grant).
      const now = token();
      const fresh = now && copy.headers.get('authorization') !== `Bearer ${now}` ? now : await renew();
      if (!fresh) {
        onUnauthorised();
        return response;
      }
      copy.headers.set('authorization', `Bearer ${fresh}`);
      const again = await fetch(copy);
      if (again.status === 401) onUnauthorised();
      return again;
    },
    onError({ id }) {
      copies.delete(id);
    },
  };
  const make = <P extends object>(service: string) => {
    const c = createClient<P>({ baseUrl: `/api/${service}` });
    c.use(auth);
    return c;
  };
  return {
    referrals: make<ReferralsPaths>('referrals'),
    panels: make<PanelsPaths>('panels'),
    commissioning: make<CommissioningPaths>('commissioning'),
    finance: make<FinancePaths>('finance'),
    notifications: make<NotificationsPaths>('notifications'),
  };
}

/** The data of a call, or an ApiError with the service's message and field errors. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let res: { data?: T; error?: unknown; response: Response };
  try {
    res = await call;
  } catch {
    throw new ApiError(0, 'The service could not be reached. Check your connection and try again; nothing was saved.');
  }
  if (res.error !== undefined || !res.response.ok) {
    const body = (res.error ?? {}) as { message?: unknown; errors?: FieldError[] };
    const message =
      typeof body.message === 'string'
        ? body.message
        : res.response.status >= 500
          ? 'Something went wrong on our side; nothing was saved. Try again.'
          : `The request was refused (${res.response.status}).`;
    throw new ApiError(res.response.status, message, Array.isArray(body.errors) ? body.errors : [], res.error);
  }
  return res.data as T;
}

/** £ from integer pence, e.g. 610000 -> "£6,100.00". */
export function pounds(pence: number): string {
  return (pence / 100).toLocaleString('en-GB', { style: 'currency', currency: 'GBP' });
}

/** The data of a call whose response the service's OpenAPI document does not describe yet, read as T (see views.ts). */
export async function unwrapAs<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  return (await unwrap(call)) as T;
}

/** The reasons a service gave for refusing (409 with `reasons`), for a person to act on. */
export function reasonsOf(e: unknown): string[] {
  const body = e instanceof ApiError ? (e.body as { reasons?: unknown; gates?: unknown } | undefined) : undefined;
  const reasons = Array.isArray(body?.reasons) ? body.reasons.filter((r): r is string => typeof r === 'string') : [];
  // A refused award names the hard gates the offer fails.
  const gates = Array.isArray(body?.gates)
    ? body.gates
        .map((g: { text?: unknown; regulation?: unknown }) =>
          typeof g?.text === 'string' ? `${g.text}${typeof g.regulation === 'string' ? ` (${g.regulation})` : ''}` : null,
        )
        .filter((t): t is string => !!t)
    : [];
  return [...reasons, ...gates];
}

/** A date and time in London, e.g. "24 Nov 2026, 10:00". */
export function when(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/London',
  });
}

/** A day, e.g. "24 Nov 2026". */
export function day(iso: string): string {
  return new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
}

/** A moment in London to the second, e.g. "24/11/2026, 10:00:05" (a request's history). */
export function stamp(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/London' });
}

/** A month, e.g. "2026-11" -> "Nov 2026". */
export function month(yearMonth: string): string {
  return new Date(`${yearMonth}-15T12:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric' });
}

/** Time left until a deadline, in words: "3 days left", "overdue by 2 hours". */
export function countdown(iso: string, now = Date.now()): { text: string; overdue: boolean } {
  const ms = Date.parse(iso) - now;
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const d = Math.floor(h / 24);
  const span =
    d >= 1
      ? `${d} day${d === 1 ? '' : 's'}${h % 24 ? ` ${h % 24} hour${h % 24 === 1 ? '' : 's'}` : ''}`
      : h >= 1
        ? `${h} hour${h === 1 ? '' : 's'}`
        : `${Math.max(1, Math.floor(abs / 60_000))} minutes`;
  return ms < 0 ? { text: `overdue by ${span}`, overdue: true } : { text: `${span} left`, overdue: false };
}
