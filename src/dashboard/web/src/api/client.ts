import createClient, { type Middleware } from 'openapi-fetch';
import { session } from '../auth/session';
import type { paths } from './schema';

/** The API's error body, as every 4xx and 5xx answer carries it. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: string;
}

/** An answer other than 2xx, with the API's own message for the person at the screen. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  static from(status: number, body: unknown): ApiError {
    const known = body as (Partial<Omit<ApiErrorBody, 'message'>> & { message?: string | string[] }) | undefined;
    // The validator gives one sentence per bad field.
    const message = Array.isArray(known?.message)
      ? known.message.join('; ')
      : typeof known?.message === 'string'
        ? known.message
        : `Permintaan gagal (HTTP ${status})`;
    return new ApiError(status, typeof known?.code === 'string' ? known.code : 'UNKNOWN', message);
  }
}

const withToken: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ response }) {
    // A token the API no longer accepts (expired, user disabled) ends the session, and so does the role
    // guard's FORBIDDEN: every route the dashboard calls is for admins, so this user is no longer one.
    if (!session.token()) return response;
    if (response.status === 401) session.end();
    if (response.status === 403) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as Partial<ApiErrorBody> | null;
      if (body?.code === 'FORBIDDEN') session.end();
    }
    return response;
  },
};

/** The public REST API, typed from its OpenAPI document (`npm run api:types` regenerates schema.d.ts). */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(withToken);

/**
 * The data of an openapi-fetch answer, or an ApiError carrying the API's message.
 * `await unwrap(api.GET('/api/admin/users', { params: { query } }))`
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw ApiError.from(response.status, error);
  return data as T;
}
