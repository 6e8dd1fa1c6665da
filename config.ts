/**
 * Every environment variable the service reads, parsed once with zod.
 * No other module reads the environment: they receive a {@link Config}.
 *
 * @module
 */
import { z } from "zod";
import { ConfigError } from "./domain/errors.ts";
import { LOG_FORMATS, LOG_LEVELS } from "./log/logger.ts";
import type { Retention } from "./db/housekeeping.ts";

const bool = (name: string, fallback: boolean) =>
  z.string().optional().transform((v, ctx) => {
    if (v === undefined || v === "") return fallback;
    const s = v.trim().toLowerCase();
    if (["true", "1", "yes", "on"].includes(s)) return true;
    if (["false", "0", "no", "off"].includes(s)) return false;
    ctx.addIssue({ code: "custom", message: `${name} must be true or false, got "${v}"` });
    return z.NEVER;
  });

const optionalText = z.string().optional().transform((
  v,
) => (v ? v.trim() || undefined : undefined));

const url = (name: string, fallback?: string) =>
  z.string().optional().transform((v, ctx) => {
    const s = v?.trim() || fallback;
    if (s === undefined) return undefined;
    try {
      const u = new URL(s);
      if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("not http");
      return s.replace(/\/+$/, "");
    } catch {
      ctx.addIssue({ code: "custom", message: `${name} must be an http(s) URL, got "${v}"` });
      return z.NEVER;
    }
  });

const port = z.string().optional().transform((v, ctx) => {
  if (v === undefined || v === "") return 8000;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    ctx.addIssue({
      code: "custom",
      message: `PORT must be an integer from 0 to 65535, got "${v}"`,
    });
    return z.NEVER;
  }
  return n;
});

const positiveInt = (name: string, fallback: number) =>
  z.string().optional().transform((v, ctx) => {
    if (v === undefined || v.trim() === "") return fallback;
    const n = Number(v);
    if (Number.isInteger(n) && n > 0) return n;
    ctx.addIssue({ code: "custom", message: `${name} must be a positive integer, got "${v}"` });
    return z.NEVER;
  });

const seconds = (name: string, fallback: number, min = 0) =>
  z.string().optional().transform((v, ctx) => {
    if (v === undefined || v.trim() === "") return fallback;
    const n = Number(v);
    if (Number.isInteger(n) && n >= min) return n;
    ctx.addIssue({
      code: "custom",
      message: `${name} must be an integer of at least ${min} seconds, got "${v}"`,
    });
    return z.NEVER;
  });

const schema = z.object({
  PORT: port,
  HOST: z.string().optional().transform((v) => v?.trim() || "0.0.0.0"),
  DATABASE_URL: optionalText,
  DATA_DIR: z.string().optional().transform((v) => v?.trim() || "./data"),
  INGEST_ENABLED: bool("INGEST_ENABLED", true),
  ERCOT_BASE_URL: url("ERCOT_BASE_URL", "https://www.ercot.com"),
  ERCOT_API_BASE_URL: url("ERCOT_API_BASE_URL", "https://api.ercot.com/api/public-reports"),
  ERCOT_API_USERNAME: optionalText,
  ERCOT_API_PASSWORD: optionalText,
  ERCOT_API_SUBSCRIPTION_KEY: optionalText,
  JWT_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, {
    message: "JWT_SECRET must be at least 32 characters",
  }),
  CORS_ORIGINS: z.string().optional().transform((v) =>
    (v ?? "").split(",").map((s) => s.trim()).filter(Boolean)
  ),
  REQUIRE_AUTH_FOR_READS: bool("REQUIRE_AUTH_FOR_READS", false),
  TRUST_PROXY: bool("TRUST_PROXY", false),
  MAX_BODY_BYTES: positiveInt("MAX_BODY_BYTES", 1_048_576),
  ACCESS_TOKEN_TTL_SECONDS: positiveInt("ACCESS_TOKEN_TTL_SECONDS", 900),
  SESSION_IDLE_TTL_SECONDS: positiveInt("SESSION_IDLE_TTL_SECONDS", 604_800),
  SESSION_MAX_TTL_SECONDS: positiveInt("SESSION_MAX_TTL_SECONDS", 2_592_000),
  RATE_LIMIT_ENABLED: bool("RATE_LIMIT_ENABLED", true),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: positiveInt("RATE_LIMIT_ANONYMOUS_PER_MINUTE", 120),
  RATE_LIMIT_ANONYMOUS_PER_HOUR: positiveInt("RATE_LIMIT_ANONYMOUS_PER_HOUR", 3_600),
  RATE_LIMIT_ANONYMOUS_PER_DAY: positiveInt("RATE_LIMIT_ANONYMOUS_PER_DAY", 20_000),
  RATE_LIMIT_USER_PER_MINUTE: positiveInt("RATE_LIMIT_USER_PER_MINUTE", 300),
  RATE_LIMIT_USER_PER_HOUR: positiveInt("RATE_LIMIT_USER_PER_HOUR", 10_000),
  RATE_LIMIT_USER_PER_DAY: positiveInt("RATE_LIMIT_USER_PER_DAY", 100_000),
  RATE_LIMIT_KEY_PER_MINUTE: positiveInt("RATE_LIMIT_KEY_PER_MINUTE", 600),
  RATE_LIMIT_KEY_PER_HOUR: positiveInt("RATE_LIMIT_KEY_PER_HOUR", 20_000),
  RATE_LIMIT_KEY_PER_DAY: positiveInt("RATE_LIMIT_KEY_PER_DAY", 200_000),
  AWS_REGION: optionalText,
  BEDROCK_MODEL_ID: optionalText,
  BEDROCK_ENDPOINT: url("BEDROCK_ENDPOINT"),
  AI_DAILY_LLM_REQUESTS: positiveInt("AI_DAILY_LLM_REQUESTS", 200),
  GRAFANA_URL: url("GRAFANA_URL"),
  GRAFANA_TOKEN: optionalText,
  ALERT_WEBHOOK_ALLOW_PRIVATE: bool("ALERT_WEBHOOK_ALLOW_PRIVATE", false),
  PURGE_SESSIONS_AFTER_SECONDS: seconds("PURGE_SESSIONS_AFTER_SECONDS", 604_800),
  PURGE_RATE_LIMITS_AFTER_SECONDS: seconds("PURGE_RATE_LIMITS_AFTER_SECONDS", 172_800, 86_400),
  EVENTS_RETENTION_SECONDS: seconds("EVENTS_RETENTION_SECONDS", 86_400, 60),
  PURGE_STREAM_TICKETS_AFTER_SECONDS: seconds("PURGE_STREAM_TICKETS_AFTER_SECONDS", 3_600),
  PURGE_WEBHOOK_DELIVERIES_AFTER_SECONDS: seconds(
    "PURGE_WEBHOOK_DELIVERIES_AFTER_SECONDS",
    2_592_000,
  ),
  HOUSEKEEPING_BATCH_SIZE: positiveInt("HOUSEKEEPING_BATCH_SIZE", 1_000),
  PUBLIC_URL: url("PUBLIC_URL"),
  SMTP_HOST: optionalText,
  SMTP_PORT: z.string().optional().transform((v, ctx) => {
    if (v === undefined || v.trim() === "") return undefined;
    const n = Number(v);
    if (Number.isInteger(n) && n > 0 && n <= 65535) return n;
    ctx.addIssue({ code: "custom", message: `SMTP_PORT must be 1 to 65535, got "${v}"` });
    return z.NEVER;
  }),
  SMTP_SECURITY: z.string().optional().transform((v, ctx) => {
    const s = v?.trim().toLowerCase() || "starttls";
    if (s === "starttls" || s === "tls" || s === "none") return s;
    ctx.addIssue({
      code: "custom",
      message: `SMTP_SECURITY must be starttls, tls or none, got "${v}"`,
    });
    return z.NEVER;
  }),
  SMTP_USER: optionalText,
  SMTP_PASSWORD: optionalText,
  SMTP_FROM: optionalText,
  LOG_LEVEL: z.string().optional().transform((v, ctx) => {
    const s = (v?.trim() || "info").toLowerCase();
    if ((LOG_LEVELS as readonly string[]).includes(s)) return s as typeof LOG_LEVELS[number];
    ctx.addIssue({
      code: "custom",
      message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${v}"`,
    });
    return z.NEVER;
  }),
  LOG_FORMAT: z.string().optional().transform((v, ctx) => {
    const s = (v?.trim() || "text").toLowerCase();
    if ((LOG_FORMATS as readonly string[]).includes(s)) return s as typeof LOG_FORMATS[number];
    ctx.addIssue({
      code: "custom",
      message: `LOG_FORMAT must be one of ${LOG_FORMATS.join(", ")}, got "${v}"`,
    });
    return z.NEVER;
  }),
  FIXTURES_DIR: z.string().optional().transform((v) => v?.trim() || "../shared/fixtures/ercot"),
  TIMESCALEDB_URL: optionalText,
  INGEST_SCHEDULE: optionalText,
  INGEST_CATCHUP_STAGGER_MS: z.string().optional().transform((v, ctx) => {
    const n = Number(v?.trim() || "3000");
    if (Number.isInteger(n) && n >= 0 && n <= 600_000) return n;
    ctx.addIssue({
      code: "custom",
      message: `INGEST_CATCHUP_STAGGER_MS must be an integer from 0 to 600000, got "${v}"`,
    });
    return z.NEVER;
  }),
});

/** The service's configuration, camel-cased, with defaults applied. */
export interface Config {
  /** HTTP port (8000). */
  port: number;
  /** Interface to bind (0.0.0.0). */
  host: string;
  /** PostgreSQL URL; unset → embedded PGlite in {@link Config.dataDir}. */
  databaseUrl?: string;
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
  /** Per-feed cron overrides, `feed=cron;feed=cron`. */
  ingestSchedule: Record<string, string>;
  /** Milliseconds between the starts of two catch-up runs at start-up (3000). */
  ingestCatchUpStaggerMs: number;
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

function smtpConfig(e: z.infer<typeof schema>): SmtpConfig | undefined {
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
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? "environment");
    const msg = issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
    throw new ConfigError(`Invalid environment variable ${msg}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL) validateDatabaseUrl(e.DATABASE_URL);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
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
    ingestCatchUpStaggerMs: e.INGEST_CATCHUP_STAGGER_MS,
  };
}

function apiCredentials(e: z.infer<typeof schema>): Config["ercotApi"] {
  const parts = [e.ERCOT_API_USERNAME, e.ERCOT_API_PASSWORD, e.ERCOT_API_SUBSCRIPTION_KEY];
  if (parts.every((p) => p === undefined)) return undefined;
  if (parts.some((p) => p === undefined)) {
    throw new ConfigError(
      "Invalid environment variable ERCOT_API_USERNAME, ERCOT_API_PASSWORD and ERCOT_API_SUBSCRIPTION_KEY must be set together",
    );
  }
  return { username: parts[0]!, password: parts[1]!, subscriptionKey: parts[2]! };
}

function rateLimits(e: z.infer<typeof schema>): RateLimits {
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
 * Checks that a DATABASE_URL is a postgres:// or postgresql:// URL with a host.
 * Throws {@link ConfigError} with one readable line otherwise.
 */
export function validateDatabaseUrl(value: string): URL {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new ConfigError(
      `Invalid environment variable DATABASE_URL: "${
        redact(value)
      }" is not a URL (expected postgres://user@host:5432/db)`,
    );
  }
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") {
    throw new ConfigError(
      `Invalid environment variable DATABASE_URL: scheme "${u.protocol}" is not postgres: or postgresql:`,
    );
  }
  if (!u.hostname) {
    throw new ConfigError("Invalid environment variable DATABASE_URL: no host given");
  }
  return u;
}

/** Hides the password part of a connection string for logs and errors. */
export function redact(value: string): string {
  return value.replace(/\/\/([^:/@]+):[^@/]*@/, "//$1:***@");
}
