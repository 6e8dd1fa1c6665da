/**
 * Raw calls to the service's API with the session's access token, for answers
 * that are not JSON (CSV downloads); JSON calls go through the typed client
 * (`client.ts`). A 401 on a signed-in call refreshes the token once and
 * retries; failures throw {@link ApiError} whose message is the problem+json `detail`.
 *
 * @module
 */
import { accessToken, tokenRefused } from "./auth.ts";
import { problemOf, send } from "./http.ts";

/** Options of {@link api}. */
export interface ApiOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Extra headers, e.g. `accept: text/csv`. */
  headers?: Record<string, string>;
  /** `no-cache` revalidates with the server, for data that live events say has changed. */
  cache?: RequestCache;
}

async function attempt(path: string, opts: ApiOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  return await send(path, {
    method: opts.method ?? "GET",
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: opts.signal,
    cache: opts.cache,
  });
}

/** The raw response of a successful call (for CSV and other non-JSON bodies). */
export async function apiResponse(path: string, opts: ApiOptions = {}): Promise<Response> {
  const token = await accessToken();
  let res = await attempt(path, opts, token);
  if (res.status === 401 && token) {
    const fresh = await tokenRefused();
    if (fresh) res = await attempt(path, opts, fresh);
  }
  if (!res.ok) throw await problemOf(res);
  return res;
}

/** A query string from the defined members of `params`. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null) q.set(k, String(v));
  }
  const text = q.toString();
  return text ? `?${text}` : "";
}
