/**
 * ERCOT Public API client for backfill: the ROPC token flow, archive
 * listings paged through `_meta.totalPages`, archive downloads, and a
 * sliding-window limiter that keeps to ERCOT's 30 requests per minute.
 *
 * @module
 */

import { ParseError, UpstreamError } from "../domain/errors.ts";
import type { HttpClient } from "./http.ts";
import { formatCentral, readPostingTime } from "./mis.ts";
import { sleep } from "../util/sleep.ts";

/** ERCOT's Public API base. */
export const DEFAULT_API_BASE = "https://api.ercot.com/api/public-reports";

/** ERCOT's Azure B2C ROPC token endpoint. */
export const DEFAULT_TOKEN_URL =
  "https://ercotb2c.b2clogin.com/ercotb2c.onmicrosoft.com/B2C_1_PUBAPI-ROPC-FLOW/oauth2/v2.0/token";

/** The public client id of ERCOT's API application. */
export const CLIENT_ID = "fec253ea-0d06-4272-a5e6-b478baeecd70";

/**
 * The token URL that goes with an API base: ERCOT's B2C endpoint for
 * `api.ercot.com`, otherwise `/oauth2/v2.0/token` on the same origin (what
 * `deno task mirror` serves).
 */
export function tokenUrlFor(apiBase: string): string {
  const url = new URL(apiBase);
  return url.hostname === "api.ercot.com"
    ? DEFAULT_TOKEN_URL
    : new URL("/oauth2/v2.0/token", url.origin).href;
}

/** Options of {@linkcode createSlidingWindowLimiter}. */
export interface LimiterOptions {
  /** Requests allowed in any window (default 30). */
  limit?: number;
  /** Window length (default 60 000 ms). */
  windowMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A request limiter. */
export interface Limiter {
  /** Waits for a free slot and takes it. */
  acquire(): Promise<void>;
}

/**
 * A sliding-window limiter: `acquire()` resolves once fewer than `limit`
 * acquisitions happened in the last `windowMs`, sleeping (injected) until then.
 */
export function createSlidingWindowLimiter(options: LimiterOptions = {}): Limiter {
  const { limit = 30, windowMs = 60_000, now = Date.now } = options;
  const pause = options.sleep ?? sleep;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new TypeError(`Invalid limiter limit: ${limit} is not a positive integer`);
  }
  if (!(windowMs > 0)) throw new TypeError(`Invalid limiter windowMs: ${windowMs} is not > 0`);
  const stamps: number[] = [];
  return {
    async acquire(): Promise<void> {
      for (;;) {
        const t = now();
        while (stamps.length > 0 && stamps[0] <= t - windowMs) stamps.shift();
        if (stamps.length < limit) return void stamps.push(t);
        await pause(stamps[0] + windowMs - t);
      }
    },
  };
}

/** Options of {@linkcode createPublicApiClient}. */
export interface PublicApiOptions {
  /** The resilient client every call goes through. */
  http: HttpClient;
  /** API base (default {@linkcode DEFAULT_API_BASE}). */
  apiBase?: string;
  /** Token endpoint (default {@linkcode tokenUrlFor}(apiBase)). */
  tokenUrl?: string;
  username: string;
  password: string;
  subscriptionKey: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** API requests per minute (default 30); token requests are not counted. */
  requestsPerMinute?: number;
  /** Archive listing page size (default 1000). */
  pageSize?: number;
  /** How long an id_token is reused (default 55 min, shorter if `expires_in` says so). */
  tokenTtlMs?: number;
}

/** One archived document of an EMIL product. */
export interface ArchiveEntry {
  docId: number;
  friendlyName: string;
  /** `postDatetime` (Central, no offset in the payload) as an instant. */
  postDatetime: Date;
}

/** What {@linkcode createPublicApiClient} returns. */
export interface PublicApiClient {
  /** Every archive posted in `[postedFrom, postedTo]`, all pages, oldest first. */
  listArchives(
    emilId: string,
    range: { postedFrom: Date; postedTo: Date },
  ): Promise<ArchiveEntry[]>;
  /** The ZIP of one archive. */
  downloadArchive(emilId: string, docId: number | string): Promise<Uint8Array>;
}

function requireText(name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(`Invalid Public API option ${name}: it must be a non-empty string`);
  }
  return value;
}

function parseJson(bytes: Uint8Array, what: string): Record<string, unknown> {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new ParseError(`Cannot parse ${what}: ${(err as Error).message}`);
  }
}

function toEntry(raw: unknown, url: string): ArchiveEntry {
  const a = (raw ?? {}) as Record<string, unknown>;
  const docId = Number(a.docId);
  if (!Number.isInteger(docId) || typeof a.postDatetime !== "string") {
    throw new ParseError(`Cannot parse archive listing ${url}: entry ${JSON.stringify(raw)}`);
  }
  return {
    docId,
    friendlyName: String(a.friendlyName ?? ""),
    postDatetime: readPostingTime(a.postDatetime, { field: "postDatetime" }),
  };
}

function checkUrl(name: string, value: string): string {
  try {
    return new URL(value).href.replace(/\/+$/, "");
  } catch {
    throw new TypeError(`Invalid Public API option ${name}: "${value}" is not a URL`);
  }
}

/**
 * Creates the Public API client. Missing credentials, bad URLs or a bad page
 * size throw a `TypeError` here.
 *
 * Every call sends `Authorization: Bearer <id_token>` and
 * `Ocp-Apim-Subscription-Key`; a 401 fetches a fresh token and retries once.
 *
 * @example
 * ```ts
 * const api = createPublicApiClient({ http, username, password, subscriptionKey });
 * for (const a of await api.listArchives("NP3-911-ER", { postedFrom, postedTo })) {
 *   const zip = await api.downloadArchive("NP3-911-ER", a.docId);
 * }
 * ```
 */
export function createPublicApiClient(options: PublicApiOptions): PublicApiClient {
  const apiBase = checkUrl("apiBase", options.apiBase ?? DEFAULT_API_BASE);
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new TypeError(
      `Invalid Public API option pageSize: ${pageSize} is not a positive integer`,
    );
  }
  const now = options.now ?? Date.now;
  return new ApiClient({
    http: options.http,
    apiBase,
    tokenUrl: checkUrl("tokenUrl", options.tokenUrl ?? tokenUrlFor(apiBase)),
    username: requireText("username", options.username),
    password: requireText("password", options.password),
    subscriptionKey: requireText("subscriptionKey", options.subscriptionKey),
    now,
    pageSize,
    tokenTtlMs: options.tokenTtlMs ?? 55 * 60_000,
    limiter: createSlidingWindowLimiter({
      limit: options.requestsPerMinute ?? 30,
      windowMs: 60_000,
      now,
      sleep: options.sleep,
    }),
  });
}

interface ApiSettings {
  http: HttpClient;
  apiBase: string;
  tokenUrl: string;
  username: string;
  password: string;
  subscriptionKey: string;
  now: () => number;
  pageSize: number;
  tokenTtlMs: number;
  limiter: Limiter;
}

class ApiClient implements PublicApiClient {
  #s: ApiSettings;
  #token: { value: string; expiresAt: number } | null = null;

  constructor(settings: ApiSettings) {
    this.#s = settings;
  }

  async listArchives(
    emilId: string,
    range: { postedFrom: Date; postedTo: Date },
  ): Promise<ArchiveEntry[]> {
    const { postedFrom, postedTo } = range;
    if (!(postedFrom.getTime() <= postedTo.getTime())) {
      const [from, to] = [postedFrom, postedTo].map((d) => JSON.stringify(d));
      throw new TypeError(`Invalid archive range: postedFrom ${from} is after postedTo ${to}`);
    }
    const byId = new Map<number, ArchiveEntry>();
    for (let page = 1;; page++) {
      const query = new URLSearchParams({
        postDatetimeFrom: formatCentral(postedFrom),
        postDatetimeTo: formatCentral(postedTo),
        size: String(this.#s.pageSize),
        page: String(page),
      });
      const url = `${this.#archiveUrl(emilId)}?${query}`;
      const json = parseJson(await this.#call(url), `archive listing ${url}`);
      const archives = Array.isArray(json.archives) ? json.archives : [];
      for (const raw of archives) {
        const entry = toEntry(raw, url);
        byId.set(entry.docId, entry);
      }
      const totalPages = Number((json._meta as Record<string, unknown> | undefined)?.totalPages);
      if (archives.length === 0 || !(page < totalPages)) break;
    }
    return [...byId.values()].sort((a, b) => a.postDatetime.getTime() - b.postDatetime.getTime());
  }

  async downloadArchive(emilId: string, docId: number | string): Promise<Uint8Array> {
    if (!/^\d+$/.test(String(docId))) {
      throw new TypeError(`Invalid archive docId: "${docId}" is not digits`);
    }
    return await this.#call(`${this.#archiveUrl(emilId)}?download=${docId}`);
  }

  #archiveUrl(emilId: string): string {
    if (!/^[A-Za-z0-9-]+$/.test(emilId)) {
      throw new TypeError(`Invalid EMIL id: "${emilId}" is not like NP3-911-ER`);
    }
    return `${this.#s.apiBase}/archive/${emilId.toLowerCase()}`;
  }

  async #call(url: string, retryOn401 = true): Promise<Uint8Array> {
    const headers = {
      authorization: `Bearer ${await this.#idToken()}`,
      "ocp-apim-subscription-key": this.#s.subscriptionKey,
    };
    await this.#s.limiter.acquire();
    try {
      return (await this.#s.http.get(url, { headers, conditional: false })).body;
    } catch (err) {
      const status = err instanceof UpstreamError ? err.extra.status : undefined;
      if (status !== 401 || !retryOn401) throw err;
      this.#token = null;
      return this.#call(url, false);
    }
  }

  async #idToken(): Promise<string> {
    const { now, tokenUrl, tokenTtlMs } = this.#s;
    if (this.#token && now() < this.#token.expiresAt) return this.#token.value;
    const body = new URLSearchParams({
      grant_type: "password",
      username: this.#s.username,
      password: this.#s.password,
      response_type: "id_token",
      scope: `openid ${CLIENT_ID} offline_access`,
      client_id: CLIENT_ID,
    });
    const res = await this.#s.http.request(tokenUrl, { method: "POST", body });
    const json = parseJson(res.body, `token response from ${tokenUrl}`);
    if (typeof json.id_token !== "string" || json.id_token === "") {
      throw new UpstreamError(`Token endpoint ${tokenUrl} answered without an id_token`);
    }
    const expiresIn = Number(json.expires_in);
    const ttl = expiresIn > 0 ? Math.min(tokenTtlMs, expiresIn * 1000 - 5 * 60_000) : tokenTtlMs;
    this.#token = { value: json.id_token, expiresAt: now() + Math.max(0, ttl) };
    return this.#token.value;
  }
}
