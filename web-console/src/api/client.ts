import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

/** The control plane's schemas, generated from docs/openapi.yaml (`npm run api-types`). */
export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

/** An answer that was not a success, with its RFC 9457 problem details when the server sent them. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

let bearerToken: () => Promise<string | undefined> = async () => undefined;

/** Called once signed in: every request then carries a fresh access token. */
export function setBearerToken(provider: () => Promise<string | undefined>) {
  bearerToken = provider;
}

const authorization: Middleware = {
  async onRequest({ request }) {
    const token = await bearerToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '' });
api.use(authorization);

/** The body of a successful answer, or a ProblemError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok) {
    const problem = (result.error && typeof result.error === 'object' ? result.error : {}) as Problem;
    throw new ProblemError(result.response.status, {
      status: result.response.status,
      title: problem.title ?? result.response.statusText,
      ...problem,
    });
  }
  return result.data as T;
}

/** A YAML document sent as it was typed, so that the server's errors match its text. */
export const yamlBody = {
  bodySerializer: (body: unknown) => body as string,
  headers: { 'Content-Type': 'application/yaml' },
};
