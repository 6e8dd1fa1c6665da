/**
 * Every environment variable the service reads, parsed once with zod (the
 * schema is in `config_env.ts`). No other module reads the environment: they
 * receive a {@link Config}.
 *
 * @module
 */
import { ConfigError } from "./domain/errors.ts";
import { type Env, envSchema } from "./config_env.ts";

/** What is purged. */
export type PurgeKind =
  | "sessions"
  | "rate_limits"
  | "events"
  | "stream_tickets"
  | "webhook_deliveries";

/** Seconds each kind is kept after it ended (expired, revoked, finished or was written). */
export type Retention = Record<PurgeKind, number>;

/** The service's configuration, camel-cased, with defaults applied. */
export interface Config {
  /** HTTP port (8000). */
  port: number;
  /** Interface to bind (0.0.0.0). */
  host: string;
  /** PostgreSQL URL; unset → embedded PGlite in {@link Config.dataDir}. */
  databaseUrl?: string;
  /**
   * Streaming replicas that serve data reads (`DATABASE_READ_URL`, comma-separated);
   * empty → every read goes to {@link Config.databaseUrl}. Ignored with the embedded database.
   */
  databaseReadUrls: string[];
  /** Where the embedded database lives (./data). */
  dataDir: string;
  /** Run the ingestion schedule in this process (true). */
  ingestEnabled: boolean;
  /** ERCOT website base (dashboards, MIS). */
  ercotBaseUrl: string;
  /** ERCOT Public API base. */
  ercotApiBaseUrl: string;
  /** Public API credentials, all three or none. */
  ercotApi?: { username: string; password: string; subscriptionKey: string };
  /** HS256 secret; unset → generated once and kept in the database. */
  jwtSecret?: string;
  /** Origins allowed by CORS; empty → no CORS headers. */
  corsOrigins: string[];
  /** Anonymous reads closed when true. */
  requireAuthForReads: boolean;
  /** Take the client address from the last `X-Forwarded-For` hop (set behind one proxy). */
  trustProxy: boolean;
  /** Largest request body accepted, in bytes (1 MiB); larger answers 413. */
  maxBodyBytes: number;
  /** Access-token lifetime in seconds (900). */
  accessTokenTtlSeconds: number;
  /** A session ends after this many seconds unused (7 days). */
  sessionIdleSeconds: number;
  /** A session ends this many seconds after login, used or not (30 days). */
  sessionMaxSeconds: number;
  /** Request limits per anonymous IP, per user session and per API key. */
  rateLimits: RateLimits;
  /** AWS region for Bedrock. */
  awsRegion?: string;
  /** Bedrock model id; unset → rule parser only. */
  bedrockModelId?: string;
  /** Override Bedrock endpoint (tests, VPC endpoints). */
  bedrockEndpoint?: string;
  /** LLM calls each user may make per UTC day (200); past it the rule parser answers. */
  aiDailyLlmRequests: number;
  /** Grafana base URL for deploys. */
  grafanaUrl?: string;
  /** Grafana service-account token. */
  grafanaToken?: string;
  /** Allow webhooks to loopback and private addresses. */
  alertWebhookAllowPrivate: boolean;
  /**
   * Seconds each kind of row is kept by housekeeping: after a session ended,
   * a rate-limit window or failed login began, an event was published, a
   * stream ticket expired, a webhook delivery finished. Events older than
   * `events` are also beyond the replay window.
   */
  retention: Retention;
  /** Rows deleted per housekeeping statement (1,000). */
  housekeepingBatchSize: number;
  /** The address users reach the service at, for links in emails (`PUBLIC_URL`). */
  publicUrl?: string;
  /** Outgoing mail for email alert channels; unset → email channels are refused. */
  smtp?: SmtpConfig;
  /** Minimum log level. */
  logLevel: "debug" | "info" | "warn" | "error";
  /** Log lines as readable text or JSON lines. */
  logFormat: "text" | "json";
  /** Recorded ERCOT payloads used by tests and the mirror. */
  fixturesDir: string;
  /** A TimescaleDB server for the TimescaleDB tests and the TimescaleDB benchmark. */
  timescaledbUrl?: string;
  /**
   * Settlement points the price feeds keep (`INGEST_SETTLEMENT_POINTS`): `hubs`,
   * `zones` (hubs, load zones and DC ties; the default) or `all` (resource nodes too).
   */
  ingestSettlementPoints: "hubs" | "zones" | "all";
  /** Per-feed cron overrides, `feed=cron;feed=cron`. */
  ingestSchedule: Record<string, string>;
  /** Milliseconds between the starts of two catch-up runs at start-up (3000). */
  ingestCatchUpStaggerMs: number;
  /** How long one ingest run may take before it is abandoned and its feed freed (`INGEST_RUN_TIMEOUT_SECONDS`). */
  ingestRunTimeoutSeconds: number;
}

/** Outgoing mail (`SMTP_*`). */
export interface SmtpConfig {
  host: string;
  /** 587 for starttls, 465 for tls, 25 for none. */
  port: number;
  /** `starttls` (required, the default), `tls` (implicit) or `none` (plain). */
  security: "starttls" | "tls" | "none";
  user?: string;
  password?: string;
  /** The sender, e.g. `ERCOT Analytics <alerts@example.com>`. */
  from: string;
}

function smtpConfig(e: Env): SmtpConfig | undefined {
  if (!e.SMTP_HOST) return undefined;
  if (!e.SMTP_FROM) {
    throw new ConfigError("Invalid environment variable SMTP_FROM: set it with SMTP_HOST");
  }
  if (/[\r\n]/.test(e.SMTP_FROM)) {
    throw new ConfigError("Invalid environment variable SMTP_FROM: it holds a line break");
  }
  if ((e.SMTP_USER === undefined) !== (e.SMTP_PASSWORD === undefined)) {
    throw new ConfigError(
      "Invalid environment variable SMTP_PASSWORD: set SMTP_USER and SMTP_PASSWORD together",
    );
  }
  const security = e.SMTP_SECURITY;
  const fallback = security === "tls" ? 465 : security === "none" ? 25 : 587;
  return {
    host: e.SMTP_HOST,
    port: e.SMTP_PORT ?? fallback,
    security,
    user: e.SMTP_USER,
    password: e.SMTP_PASSWORD,
    from: e.SMTP_FROM,
  };
}

/** Requests allowed per fixed minute (the burst), hour and day. */
export interface RateLimitTier {
  perMinute: number;
  perHour: number;
  perDay: number;
}

/** Rate limits; `enabled` false turns counting off. */
export interface RateLimits {
  enabled: boolean;
  anonymous: RateLimitTier;
  user: RateLimitTier;
  key: RateLimitTier;
}

/**
 * Parses an environment (usually `Deno.env.toObject()`) into a {@link Config}.
 * Throws {@link ConfigError} naming the variable and the allowed values.
 *
 * @example
 * const config = loadConfig({ PORT: "8080" });
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? "environment");
    const msg = issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
    throw new ConfigError(`Invalid environment variable ${msg}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL) validateDatabaseUrl(e.DATABASE_URL);
  for (const url of e.DATABASE_READ_URL) validateDatabaseUrl(url, "DATABASE_READ_URL");
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrls: e.DATABASE_READ_URL,
    dataDir: e.DATA_DIR,
    ingestEnabled: e.INGEST_ENABLED,
    ercotBaseUrl: e.ERCOT_BASE_URL!,
    ercotApiBaseUrl: e.ERCOT_API_BASE_URL!,
    ercotApi: apiCredentials(e),
    jwtSecret: e.JWT_SECRET,
    corsOrigins: e.CORS_ORIGINS,
    requireAuthForReads: e.REQUIRE_AUTH_FOR_READS,
    trustProxy: e.TRUST_PROXY,
    maxBodyBytes: e.MAX_BODY_BYTES,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    sessionIdleSeconds: e.SESSION_IDLE_TTL_SECONDS,
    sessionMaxSeconds: e.SESSION_MAX_TTL_SECONDS,
    rateLimits: rateLimits(e),
    awsRegion: e.AWS_REGION,
    bedrockModelId: e.BEDROCK_MODEL_ID,
    bedrockEndpoint: e.BEDROCK_ENDPOINT,
    aiDailyLlmRequests: e.AI_DAILY_LLM_REQUESTS,
    grafanaUrl: e.GRAFANA_URL,
    grafanaToken: e.GRAFANA_TOKEN,
    alertWebhookAllowPrivate: e.ALERT_WEBHOOK_ALLOW_PRIVATE,
    retention: {
      sessions: e.PURGE_SESSIONS_AFTER_SECONDS,
      rate_limits: e.PURGE_RATE_LIMITS_AFTER_SECONDS,
      events: e.EVENTS_RETENTION_SECONDS,
      stream_tickets: e.PURGE_STREAM_TICKETS_AFTER_SECONDS,
      webhook_deliveries: e.PURGE_WEBHOOK_DELIVERIES_AFTER_SECONDS,
    },
    housekeepingBatchSize: e.HOUSEKEEPING_BATCH_SIZE,
    publicUrl: e.PUBLIC_URL,
    smtp: smtpConfig(e),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    fixturesDir: e.FIXTURES_DIR,
    timescaledbUrl: e.TIMESCALEDB_URL,
    ingestSchedule: parseSchedule(e.INGEST_SCHEDULE),
    ingestSettlementPoints: e.INGEST_SETTLEMENT_POINTS,
    ingestCatchUpStaggerMs: e.INGEST_CATCHUP_STAGGER_MS,
    ingestRunTimeoutSeconds: e.INGEST_RUN_TIMEOUT_SECONDS,
  };
}

function apiCredentials(e: Env): Config["ercotApi"] {
  const parts = [e.ERCOT_API_USERNAME, e.ERCOT_API_PASSWORD, e.ERCOT_API_SUBSCRIPTION_KEY];
  if (parts.every((p) => p === undefined)) return undefined;
  if (parts.some((p) => p === undefined)) {
    throw new ConfigError(
      "Invalid environment variable ERCOT_API_USERNAME, ERCOT_API_PASSWORD and ERCOT_API_SUBSCRIPTION_KEY must be set together",
    );
  }
  return { username: parts[0]!, password: parts[1]!, subscriptionKey: parts[2]! };
}

function rateLimits(e: Env): RateLimits {
  return {
    enabled: e.RATE_LIMIT_ENABLED,
    anonymous: {
      perMinute: e.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      perHour: e.RATE_LIMIT_ANONYMOUS_PER_HOUR,
      perDay: e.RATE_LIMIT_ANONYMOUS_PER_DAY,
    },
    user: {
      perMinute: e.RATE_LIMIT_USER_PER_MINUTE,
      perHour: e.RATE_LIMIT_USER_PER_HOUR,
      perDay: e.RATE_LIMIT_USER_PER_DAY,
    },
    key: {
      perMinute: e.RATE_LIMIT_KEY_PER_MINUTE,
      perHour: e.RATE_LIMIT_KEY_PER_HOUR,
      perDay: e.RATE_LIMIT_KEY_PER_DAY,
    },
  };
}

function parseSchedule(v: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (v ?? "").split(";").map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf("=");
    if (eq < 1) {
      throw new ConfigError(
        `Invalid environment variable INGEST_SCHEDULE: "${part}" is not feed=cron`,
      );
    }
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/**
 * Checks that a DATABASE_URL (or the variable `name`, e.g. one entry of
 * DATABASE_READ_URL) is a postgres:// or postgresql:// URL with a host.
 * Throws {@link ConfigError} with one readable line otherwise.
 */
export function validateDatabaseUrl(value: string, name = "DATABASE_URL"): URL {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new ConfigError(
      `Invalid environment variable ${name}: "${
        redact(value)
      }" is not a URL (expected postgres://user@host:5432/db)`,
    );
  }
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") {
    throw new ConfigError(
      `Invalid environment variable ${name}: scheme "${u.protocol}" is not postgres: or postgresql:`,
    );
  }
  if (!u.hostname) {
    throw new ConfigError(`Invalid environment variable ${name}: no host given`);
  }
  return u;
}

/** Hides the password part of a connection string for logs and errors. */
export function redact(value: string): string {
  return value.replace(/\/\/([^:/@]+):[^@/]*@/, "//$1:***@");
}
