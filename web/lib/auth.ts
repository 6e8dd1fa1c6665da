/**
 * Sessions in the browser. The access token lives in memory only; the
 * refresh token is kept in `localStorage` so a reload or a new tab stays
 * signed in. That trade-off (README "Web UI") means script running on this
 * origin could read the refresh token; the strict CSP (no inline or foreign
 * scripts) is what guards it, and the server rotates refresh tokens and
 * revokes a session whose old token is replayed. Refreshes are serialized
 * across tabs with the Web Locks API, each reading the newest token inside
 * the lock, so two tabs never present the same refresh token.
 *
 * @module
 */
import { createStore } from "./store.ts";
import { ApiError, problemOf, send } from "./http.ts";
import type { components } from "./api_schema.ts";

/** The signed-in account, as `GET /api/auth/me` answers. */
export type Me = components["schemas"]["Me"];

type TokenPair = components["schemas"]["TokenPair"];

const REFRESH_KEY = "ercot.refresh_token";
const LOCK = "ercot-refresh";

/** The signed-in account (null when signed out); `undefined` until the session is restored. */
export const currentUser = createStore<Me | null | undefined>(undefined);

let access: { token: string; expiresAt: number } | null = null;
let inflight: Promise<string | null> | null = null;

function storedRefresh(): string | null {
  return localStorage.getItem(REFRESH_KEY);
}

function keep(pair: TokenPair): void {
  access = { token: pair.access_token, expiresAt: Date.now() + pair.expires_in * 1000 };
  localStorage.setItem(REFRESH_KEY, pair.refresh_token);
}

function forget(): void {
  access = null;
  localStorage.removeItem(REFRESH_KEY);
  currentUser.set(null);
}

async function postJson(path: string, body: unknown): Promise<Response> {
  return await send(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function rotate(): Promise<string | null> {
  const token = storedRefresh();
  if (!token) return null;
  const res = await postJson("/api/auth/refresh", { refresh_token: token });
  if (res.status === 401) {
    forget();
    return null;
  }
  if (!res.ok) throw await problemOf(res);
  const pair = await res.json() as TokenPair;
  keep(pair);
  return pair.access_token;
}

function refreshOnce(): Promise<string | null> {
  inflight ??= (navigator.locks ? navigator.locks.request(LOCK, rotate) : rotate())
    .finally(() => inflight = null);
  return inflight;
}

/** A valid access token, refreshed when it expires within 30 s; null when signed out. */
export async function accessToken(): Promise<string | null> {
  if (access && access.expiresAt - Date.now() > 30_000) return access.token;
  if (!storedRefresh()) return null;
  return await refreshOnce();
}

/** Called when the API refused the token: refresh once more, or sign out. */
export async function tokenRefused(): Promise<string | null> {
  access = null;
  return await refreshOnce();
}

async function loadMe(): Promise<void> {
  const token = await accessToken();
  if (!token) return currentUser.set(null);
  const res = await send("/api/auth/me", { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw await problemOf(res);
  currentUser.set(await res.json() as Me);
}

/** Starts a session with email and password. */
export async function signIn(email: string, password: string): Promise<void> {
  const res = await postJson("/api/auth/login", { email, password });
  if (!res.ok) throw await problemOf(res);
  keep(await res.json() as TokenPair);
  await loadMe();
}

/** Creates an account, then signs in to it. */
export async function register(email: string, password: string): Promise<void> {
  const res = await postJson("/api/auth/register", { email, password });
  if (!res.ok) throw await problemOf(res);
  await signIn(email, password);
}

/** Ends this session on the server (best effort) and here. */
export async function signOut(): Promise<void> {
  const token = access?.token;
  forget();
  if (token) {
    await send("/api/auth/logout", {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    })
      .catch(() => undefined);
  }
}

/** Restores the session from the stored refresh token, and follows other tabs signing in or out. */
export async function restoreSession(): Promise<void> {
  addEventListener("storage", (e) => {
    if (e.key !== REFRESH_KEY) return;
    if (e.newValue === null && currentUser.get()) forget();
    else if (e.newValue !== null && !currentUser.get()) loadMe().catch(() => undefined);
  });
  try {
    await loadMe();
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 0) forget();
    else currentUser.set(null);
  }
}
