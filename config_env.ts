/**
 * The environment's schema: every variable the service reads, with its
 * parser, default and error message. {@link envSchema} is parsed once, by
 * `loadConfig` in `config.ts`.
 *
 * @module
 */
import { z } from "zod";
import { LOG_FORMATS, LOG_LEVELS } from "./log/logger.ts";

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

/** One of `values`, case-insensitive; `fallback` when unset or blank. */
const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T) =>
  z.string().optional().transform((v, ctx) => {
    const s = (v?.trim() || fallback).toLowerCase();
    if ((values as readonly string[]).includes(s)) return s as T;
    ctx.addIssue({
      code: "custom",
      message: `${name} must be one of ${values.join(", ")}, got "${v}"`,
    });
    return z.NEVER;
  });

/** Every variable the service reads, each with its default and its error message. */
export const envSchema = z.object({
  PORT: port,
  HOST: z.string().optional().transform((v) => v?.trim() || "0.0.0.0"),
  DATABASE_URL: optionalText,
  DATABASE_READ_URL: z.string().optional().transform((v) =>
    (v ?? "").split(",").map((s) => s.trim()).filter(Boolean)
  ),
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
  LOG_LEVEL: oneOf("LOG_LEVEL", LOG_LEVELS, "info"),
  LOG_FORMAT: oneOf("LOG_FORMAT", LOG_FORMATS, "text"),
  FIXTURES_DIR: z.string().optional().transform((v) => v?.trim() || "../shared/fixtures/ercot"),
  TIMESCALEDB_URL: optionalText,
  INGEST_SCHEDULE: optionalText,
  INGEST_SETTLEMENT_POINTS: oneOf("INGEST_SETTLEMENT_POINTS", ["hubs", "zones", "all"], "zones"),
  INGEST_RUN_TIMEOUT_SECONDS: positiveInt("INGEST_RUN_TIMEOUT_SECONDS", 600),
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

/** The environment as {@link envSchema} parses it, before it is camel-cased. */
export type Env = z.infer<typeof envSchema>;
