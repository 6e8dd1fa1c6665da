/**
 * The typed API client: openapi-fetch over the types generated from
 * `/api/openapi.json` (`api_schema.ts`), so every call's path, method,
 * parameters and body are checked against the routes' schemas at build time.
 * Its fetch adds the session's access token, refreshes once on a 401, and
 * throws {@link ApiError} (the problem's `detail`) for any non-2xx answer.
 * A wire type the UI names is an alias of `api_schema.ts` (e.g.
 * `components["schemas"]["Series"]`), never a copy; `tests/web/wire_types_test.ts`
 * fails on a copy.
 *
 * @example
 * const { keys } = await ok(client.GET("/api/keys"));
 *
 * @module
 */
import createClient from "openapi-fetch";
import type { paths } from "./api_schema.ts";
import { accessToken, tokenRefused } from "./auth.ts";
import { ApiError, problemOf } from "./http.ts";

async function attempt(request: Request, token: string | null): Promise<Response> {
  const req = request.clone();
  if (token) req.headers.set("authorization", `Bearer ${token}`);
  try {
    return await fetch(req);
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, "The server cannot be reached; check your connection");
  }
}

async function authedFetch(request: Request): Promise<Response> {
  const token = await accessToken();
  let res = await attempt(request, token);
  if (res.status === 401 && token) {
    const fresh = await tokenRefused();
    if (fresh) res = await attempt(request, fresh);
  }
  if (!res.ok) throw await problemOf(res);
  return res;
}

/** The client; calls throw {@link ApiError} on failure, so `data` is the answer. */
export const client = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? "",
  fetch: authedFetch,
});

/**
 * The answer of a call (undefined for 204), typed by the operation.
 *
 * @example const me = await ok(client.GET("/api/auth/me"));
 */
export async function ok<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}
