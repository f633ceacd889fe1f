import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths as CommissioningPaths } from './generated/commissioning';
import type { paths as FinancePaths } from './generated/finance';
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
}

/** Typed clients for the four services (generated from their OpenAPI documents), through the web server's proxy. */
export function createApi(token: string, onUnauthorised: () => void): Api {
  const auth: Middleware = {
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) onUnauthorised();
      return response;
    },
  };
  const make = <P extends {}>(service: string) => {
    const c = createClient<P>({ baseUrl: `/api/${service}` });
    c.use(auth);
    return c;
  };
  return { referrals: make<ReferralsPaths>('referrals'), panels: make<PanelsPaths>('panels'), commissioning: make<CommissioningPaths>('commissioning'), finance: make<FinancePaths>('finance') };
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
    const message = typeof body.message === 'string' ? body.message : res.response.status >= 500 ? 'Something went wrong on our side; nothing was saved. Try again.' : `The request was refused (${res.response.status}).`;
    throw new ApiError(res.response.status, message, Array.isArray(body.errors) ? body.errors : [], res.error);
  }
  return res.data as T;
}

/** £ from integer pence, e.g. 610000 -> "£6,100.00". */
export function pounds(pence: number): string {
  return (pence / 100).toLocaleString('en-GB', { style: 'currency', currency: 'GBP' });
}
