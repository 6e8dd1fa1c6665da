/**
 * Pushing boards to a Grafana server over its HTTP API with a service-account
 * token: make sure our folder exists (`GET`/`POST /api/folders`), then
 * `POST /api/dashboards/db` with `overwrite: true`, so deploying again only
 * bumps the version. A network error, a timeout, 429 or 5xx is retried (twice
 * by default, with jittered backoff or after the wait `Retry-After` asks
 * for, at most 5 s); the health check is asked once. Failures are
 * {@link UpstreamError}s (502) that name
 * Grafana's status and what to do; Grafana's own message is not passed on.
 *
 * @module
 */
import { UpstreamError, ValidationError } from "../../domain/errors.ts";
import type { Board } from "../model.ts";
import { GRAFANA_FOLDER, toGrafanaDashboard } from "./board.ts";
import {
  parseRetryAfter,
  retry,
  type RetryOptions,
  retrySettings,
  TimeoutError,
  withTimeout,
} from "../../resilience/mod.ts";

/** Options of {@link createGrafanaClient}. */
export interface GrafanaClientOptions {
  /** Grafana's base URL, e.g. `http://grafana:3000` (a sub-path is kept). */
  url: string;
  /** Service-account token, sent as `Authorization: Bearer`. */
  token: string;
  /** The fetch to use (the global one). */
  fetch?: typeof fetch;
  /** Milliseconds to wait for each answer (10,000). */
  timeoutMs?: number;
  /** Retries after a failed attempt (2); waits between them are as in `resilience/`. */
  retries?: number;
  /** Waits between attempts (`setTimeout`). */
  sleep?: (ms: number) => Promise<void>;
  /** Uniform random in [0, 1) for the backoff's jitter (`Math.random`). */
  random?: () => number;
}

/** What a deploy answers. */
export interface DeployResult {
  uid: string;
  /** Absolute URL of the dashboard in Grafana. */
  url: string;
  /** Grafana's version of the dashboard after this push. */
  version: number;
  folderUid: string;
}

/** Grafana's reachability. */
export interface GrafanaHealth {
  version?: string;
  database?: string;
  latencyMs: number;
}

/** A client for one Grafana server. */
export interface GrafanaClient {
  /** Base URL without a trailing slash. */
  readonly url: string;
  /** See {@link checkGrafanaHealth}. */
  health(): Promise<GrafanaHealth>;
  /** Creates the folder unless it exists; returns whether it was created. */
  ensureFolder(folder?: { uid: string; title: string }): Promise<boolean>;
  /** Ensures the folder, then saves the board (overwriting). */
  deploy(board: Board): Promise<DeployResult>;
}

const HINTS: Record<number, string> = {
  401: "the token was refused; check GRAFANA_TOKEN",
  403: "the service account may not write dashboards; give it the Editor role",
  404: "the API path does not exist; check GRAFANA_URL",
  412: "a dashboard with the same title or uid changed in Grafana; it was not overwritten",
};

/**
 * A Grafana client. Throws {@link ValidationError} at once for a URL that is
 * not http(s) or an empty token.
 *
 * @example
 * const grafana = createGrafanaClient({ url: config.grafanaUrl, token: config.grafanaToken });
 * const { url, version } = await grafana.deploy(ERCOT_OVERVIEW);
 */
export function createGrafanaClient(opts: GrafanaClientOptions): GrafanaClient {
  const base = checkUrl(opts.url);
  if (!opts.token.trim()) throw new ValidationError("Grafana token is empty");
  const call = caller(base, opts);
  const client: GrafanaClient = {
    url: base,
    health: () => checkGrafanaHealth({ ...opts, url: base }),
    async ensureFolder(folder = GRAFANA_FOLDER) {
      const found = await call("GET", `/api/folders/${encodeURIComponent(folder.uid)}`, undefined, {
        allow404: true,
      });
      if (found !== NOT_FOUND) return false;
      await call("POST", "/api/folders", { uid: folder.uid, title: folder.title });
      return true;
    },
    async deploy(board) {
      await client.ensureFolder(GRAFANA_FOLDER);
      const saved = await call("POST", "/api/dashboards/db", {
        dashboard: { ...toGrafanaDashboard(board), id: null },
        folderUid: GRAFANA_FOLDER.uid,
        overwrite: true,
        message: "Deployed by ERCOT Analytics",
      });
      const path = typeof saved.url === "string" ? saved.url : `/d/${board.uid}`;
      return {
        uid: typeof saved.uid === "string" ? saved.uid : board.uid,
        url: new URL(path, `${base}/`).toString(),
        version: Number(saved.version ?? 0),
        folderUid: GRAFANA_FOLDER.uid,
      };
    },
  };
  return client;
}

/**
 * `GET /api/health` without credentials; throws {@link UpstreamError} when
 * Grafana is unreachable or answers with an error.
 *
 * @example const { version, latencyMs } = await checkGrafanaHealth({ url: config.grafanaUrl });
 */
export async function checkGrafanaHealth(
  opts: Omit<GrafanaClientOptions, "token">,
): Promise<GrafanaHealth> {
  const t0 = performance.now();
  const call = caller(checkUrl(opts.url), { ...opts, token: "" });
  const body = await call("GET", "/api/health", undefined, { auth: false, retries: 0 });
  return {
    version: typeof body.version === "string" ? body.version : undefined,
    database: typeof body.database === "string" ? body.database : undefined,
    latencyMs: Math.round(performance.now() - t0),
  };
}

const NOT_FOUND: Record<string, unknown> = Object.freeze({});

type Call = (
  method: string,
  path: string,
  body?: unknown,
  o?: { auth?: boolean; allow404?: boolean; retries?: number },
) => Promise<Record<string, unknown>>;

/** A failed attempt: Grafana's status and body, or null when it did not answer. */
interface Failed {
  failure: string;
  status: number | null;
  body: Record<string, unknown>;
  retryAfterMs?: number;
}

function caller(base: string, opts: GrafanaClientOptions): Call {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const policy: RetryOptions = retrySettings({
    retries: opts.retries ?? 2,
    baseDelayMs: 250,
    maxDelayMs: 5_000,
    sleep: opts.sleep,
    random: opts.random,
  });
  return async (method, path, body, o = {}) => {
    const headers: Record<string, string> = { accept: "application/json" };
    if (o.auth !== false) headers.authorization = `Bearer ${opts.token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
    const attempt = async (signal: AbortSignal) => {
      const res = await doFetch(`${base}${path}`, { ...init, signal });
      if (o.allow404 && res.status === 404) {
        await res.body?.cancel();
        return { value: NOT_FOUND };
      }
      const parsed = await res.json().catch(() => ({})) as Record<string, unknown>;
      if (res.ok) return { value: parsed };
      if (res.status !== 429 && res.status < 500) {
        throw statusError(res.status, method, path, parsed);
      }
      const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), Date.now());
      return { failure: `HTTP ${res.status}`, status: res.status, body: parsed, retryAfterMs };
    };
    const result = await retry<Record<string, unknown>, Failed>(async () => {
      try {
        return await withTimeout(timeoutMs, attempt);
      } catch (err) {
        if (err instanceof UpstreamError) throw err;
        const why = err instanceof TimeoutError
          ? `did not answer within ${timeoutMs} ms`
          : "is unreachable";
        return { failure: why, status: null, body: {} };
      }
    }, { ...policy, retries: o.retries ?? policy.retries });
    if (result.ok) return result.value;
    const { failure, status, body: answer } = result.last;
    if (status !== null) throw statusError(status, method, path, answer);
    throw new UpstreamError(`Grafana at ${base} ${failure} (${method} ${path})`, {
      grafana_status: null,
    });
  };
}

function statusError(
  status: number,
  method: string,
  path: string,
  body: Record<string, unknown>,
): UpstreamError {
  const hint = HINTS[status] ?? (status >= 500 ? "Grafana failed; try again later" : "");
  // Grafana's `status` word (e.g. "name-exists") is safe to pass on; its message is not.
  const word = typeof body.status === "string" && /^[a-z-]{1,40}$/.test(body.status)
    ? body.status
    : undefined;
  const detail = `Grafana answered ${status} to ${method} ${path}${hint ? `: ${hint}` : ""}`;
  return new UpstreamError(word ? `${detail} (${word})` : detail, {
    grafana_status: status,
    ...(word ? { grafana_reason: word } : {}),
  });
}

function checkUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ValidationError(`Grafana URL ${JSON.stringify(url)} is not a URL`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new ValidationError(`Grafana URL ${JSON.stringify(url)} is not http or https`);
  }
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
}

/** Grafana options of {@link AppDeps}. */
export interface GrafanaOptions {
  /** The fetch Grafana calls use (the global one). */
  fetch?: typeof fetch;
  /** Milliseconds to wait for Grafana (10,000). */
  timeoutMs?: number;
}
