/**
 * Helpers for the account tests: an app over a test database with a movable
 * clock and a fixed JWT secret, and shortcuts to register, log in and call
 * the API as a user.
 *
 * @module
 */
import assert from "node:assert/strict";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { loadConfig } from "../config.ts";
import type { AppDeps } from "../routes/deps.ts";
import { createApp } from "./_app.ts";
import type { TestDatabase } from "./_db.ts";
import { testDeps } from "./_db.ts";

/** The JWT secret the test apps sign with. */
export const TEST_JWT_SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

/** A password that passes the policy. */
export const PASSWORD = "violet kettle under nine moons";

/** A test app and a clock the test can move. */
export interface TestApp {
  app: OpenAPIHono;
  deps: AppDeps;
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void;
  /** The clock's current instant. */
  now(): Date;
}

/** Builds an app over `db`; `env` adds environment variables to the config. */
export function accountApp(
  db: TestDatabase,
  env: Record<string, string> = {},
  overrides: Partial<AppDeps> = {},
): TestApp {
  let now = new Date("2026-01-01T00:01:00Z").getTime();
  const deps = testDeps(db, {
    config: loadConfig({ JWT_SECRET: TEST_JWT_SECRET, ...env }),
    clock: () => new Date(now),
    ...overrides,
  });
  return {
    app: createApp(deps),
    deps,
    advance: (ms) => now += ms,
    now: () => new Date(now),
  };
}

/** JSON request options. */
export function jsonBody(method: string, body: unknown, headers: Record<string, string> = {}) {
  return {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
}

/** An Authorization header for a token or key. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** What {@link signUp} returns. */
export interface SignedUp {
  id: string;
  email: string;
  role: string;
  access: string;
  refresh: string;
}

/** Registers and logs in `email`; asserts both succeed. */
export async function signUp(app: OpenAPIHono, email: string): Promise<SignedUp> {
  const reg = await app.request(
    "/api/auth/register",
    jsonBody("POST", { email, password: PASSWORD }),
  );
  assert.equal(reg.status, 201, await reg.clone().text());
  const user = await reg.json();
  const tokens = await login(app, email);
  return {
    id: user.id,
    email,
    role: user.role,
    access: tokens.access_token,
    refresh: tokens.refresh_token,
  };
}

/** Logs in; asserts success and returns the token pair. */
export async function login(app: OpenAPIHono, email: string, password = PASSWORD) {
  const res = await app.request("/api/auth/login", jsonBody("POST", { email, password }));
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json() as { access_token: string; refresh_token: string; expires_in: number };
}

/** Asserts a problem+json response with `status`; returns the body. */
export async function assertProblem(
  res: Response,
  status: number,
): Promise<Record<string, unknown>> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.match(res.headers.get("content-type") ?? "", /^application\/problem\+json/);
  const body = JSON.parse(text);
  assert.equal(body.status, status);
  return body;
}

/**
 * Mounts a probe operation answering `{ ok: true }` under `access`, a
 * declaration from `http/access.ts` (none: public).
 */
export function mountProbe(
  app: OpenAPIHono,
  method: "get" | "post",
  path: string,
  access: { security?: Record<string, string[]>[] } = {},
): void {
  const route = createRoute({
    method,
    path,
    ...access,
    responses: { 200: { description: "ok" } },
  });
  app.openapi(route, (c) => c.json({ ok: true }, 200));
}
