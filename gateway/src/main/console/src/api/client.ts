import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { lang } from '../i18n';
import { session, signOut } from '../session';

/**
 * The console's one way to the API: a client typed by the merged OpenAPI document (generated at build time,
 * src/api/schema.d.ts), so a path, parameter or field the contract lacks is a compile error, not a runtime surprise.
 */
export type Schemas = components['schemas'];

// typed by the JSON answers (application/json, problem+json, geo+json): a list that also answers text/csv (its export,
// asked for with parseAs: 'blob') stays typed as its JSON page
export const api = createClient<paths, `application/${string}json`>({ baseUrl: location.origin });

const identity: Middleware = {
  onRequest({ request }) {
    const current = session.value;
    if (current) request.headers.set('Authorization', `Bearer ${current.token}`);
    request.headers.set('Accept-Language', lang.value === 'en' ? 'en' : 'zh-CN,zh;q=0.9');
    return request;
  },
  onResponse({ response }) {
    // an expired or revoked token: back to the sign-in page
    if (response.status === 401) signOut();
    return response;
  },
};
api.use(identity);

/** An answer the API refused: its problem+json (conventions.md), rendered in the chosen language by the services. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { type?: string; title?: string; detail?: string; errors?: { field: string; message: string }[] },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

/** The data of a successful call, or an {@link ApiError}. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) {
    if (result.response.status === 204 && result.error === undefined) return undefined as T;
    throw new ApiError(result.response.status, (result.error ?? {}) as ApiError['problem']);
  }
  return result.data;
}
