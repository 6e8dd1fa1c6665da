import assert from "node:assert/strict";
import { loadConfig, redact } from "../config.ts";

Deno.test("loadConfig() applies the documented defaults to an empty environment", () => {
  const c = loadConfig({});
  assert.equal(c.port, 8000);
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.dataDir, "./data");
  assert.equal(c.ingestEnabled, true);
  assert.equal(c.ercotBaseUrl, "https://www.ercot.com");
  assert.equal(c.requireAuthForReads, false);
  assert.equal(c.alertWebhookAllowPrivate, false);
  assert.equal(c.logLevel, "info");
  assert.equal(c.logFormat, "text");
  assert.deepEqual(c.corsOrigins, []);
  assert.equal(c.ingestSettlementPoints, "zones");
});

Deno.test("loadConfig() names the variable and the allowed values when one is invalid", async (t) => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: "eighty" }, /PORT must be an integer from 0 to 65535, got "eighty"/],
    [{ INGEST_ENABLED: "maybe" }, /INGEST_ENABLED must be true or false, got "maybe"/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL must be one of debug, info, warn, error, got "loud"/],
    [{ LOG_FORMAT: "xml" }, /LOG_FORMAT must be one of text, json, got "xml"/],
    [{ ERCOT_BASE_URL: "ftp://x" }, /ERCOT_BASE_URL must be an http\(s\) URL, got "ftp:\/\/x"/],
    [{ JWT_SECRET: "short" }, /JWT_SECRET must be at least 32 characters/],
    [{ DATABASE_URL: "not a url" }, /DATABASE_URL: "not a url" is not a URL/],
    [
      { DATABASE_URL: "mysql://h/db" },
      /DATABASE_URL: scheme "mysql:" is not postgres: or postgresql:/,
    ],
    [
      { DATABASE_READ_URL: "postgres://r1:5432/db, replica-2:5432" },
      /DATABASE_READ_URL: scheme "replica-2:" is not postgres: or postgresql:/,
    ],
    [
      { DATABASE_READ_URL: "postgres://a:b@" },
      /DATABASE_READ_URL: "postgres:\/\/a:\*\*\*@" is not a URL/,
    ],
    [{ ERCOT_API_USERNAME: "u" }, /must be set together/],
    [{ INGEST_SCHEDULE: "np6_905" }, /INGEST_SCHEDULE: "np6_905" is not feed=cron/],
    [
      { INGEST_SETTLEMENT_POINTS: "nodes" },
      /INGEST_SETTLEMENT_POINTS must be one of hubs, zones, all, got "nodes"/,
    ],
    [
      { INGEST_CATCHUP_STAGGER_MS: "soon" },
      /INGEST_CATCHUP_STAGGER_MS must be an integer from 0 to 600000, got "soon"/,
    ],
  ];
  for (const [env, re] of cases) {
    await t.step(Object.keys(env)[0], () => {
      assert.throws(() => loadConfig(env), (e: Error) => {
        assert.match(e.message, /^Invalid environment variable /);
        assert.match(e.message, re);
        assert.ok(!e.message.includes("\n"), "one line");
        return true;
      });
    });
  }
});

Deno.test("loadConfig() parses lists, booleans and schedules", () => {
  const c = loadConfig({
    CORS_ORIGINS: "https://a.example, https://b.example",
    REQUIRE_AUTH_FOR_READS: "TRUE",
    INGEST_SCHEDULE: "fuel_mix=*/5 * * * *; np6_905=*/15 * * * *",
    INGEST_SETTLEMENT_POINTS: "ALL",
  });
  assert.equal(c.ingestSettlementPoints, "all");
  assert.deepEqual(c.corsOrigins, ["https://a.example", "https://b.example"]);
  assert.equal(c.requireAuthForReads, true);
  assert.deepEqual(c.ingestSchedule, { fuel_mix: "*/5 * * * *", np6_905: "*/15 * * * *" });
});

Deno.test("loadConfig() reads DATABASE_READ_URL as a comma-separated list of replicas", () => {
  assert.deepEqual(loadConfig({}).databaseReadUrls, []);
  const c = loadConfig({
    DATABASE_READ_URL: " postgres://app@r1:5432/ercot , postgresql://app:pw@r2/ercot,",
  });
  assert.deepEqual(c.databaseReadUrls, [
    "postgres://app@r1:5432/ercot",
    "postgresql://app:pw@r2/ercot",
  ]);
});

Deno.test("redact() hides a connection string's password", () => {
  assert.equal(redact("postgres://app:s3cret@db:5432/x"), "postgres://app:***@db:5432/x");
});

Deno.test("loadConfig() reads token lifetimes, body limit and rate limits with defaults", () => {
  const d = loadConfig({});
  assert.equal(d.accessTokenTtlSeconds, 900);
  assert.equal(d.sessionIdleSeconds, 7 * 86_400);
  assert.equal(d.sessionMaxSeconds, 30 * 86_400);
  assert.equal(d.maxBodyBytes, 1_048_576);
  assert.equal(d.trustProxy, false);
  assert.equal(d.rateLimits.enabled, true);
  assert.deepEqual(d.rateLimits.anonymous, { perMinute: 120, perHour: 3600, perDay: 20_000 });
  const c = loadConfig({ RATE_LIMIT_KEY_PER_HOUR: "50", MAX_BODY_BYTES: "2048" });
  assert.equal(c.rateLimits.key.perHour, 50);
  assert.equal(c.maxBodyBytes, 2048);
  assert.throws(
    () => loadConfig({ RATE_LIMIT_USER_PER_DAY: "-1" }),
    /RATE_LIMIT_USER_PER_DAY must be a positive integer, got "-1"/,
  );
});

Deno.test("loadConfig() reads housekeeping retentions and refuses a rate-limit one under a day", () => {
  assert.deepEqual(loadConfig({}).retention, {
    sessions: 604_800,
    rate_limits: 172_800,
    events: 86_400,
    stream_tickets: 3_600,
    webhook_deliveries: 2_592_000,
  });
  const c = loadConfig({
    PURGE_WEBHOOK_DELIVERIES_AFTER_SECONDS: "0",
    EVENTS_RETENTION_SECONDS: "600",
  });
  assert.equal(c.retention.webhook_deliveries, 0);
  assert.equal(c.retention.events, 600);
  assert.throws(
    () => loadConfig({ PURGE_RATE_LIMITS_AFTER_SECONDS: "3600" }),
    /PURGE_RATE_LIMITS_AFTER_SECONDS must be an integer of at least 86400 seconds, got "3600"/,
  );
});

Deno.test("loadConfig() reads SMTP settings with the port following the security, and refuses bad ones", () => {
  assert.equal(loadConfig({}).smtp, undefined);
  const base = { SMTP_HOST: "mail.example.com", SMTP_FROM: "alerts@example.com" };
  assert.deepEqual(loadConfig(base).smtp, {
    host: "mail.example.com",
    port: 587,
    security: "starttls",
    user: undefined,
    password: undefined,
    from: "alerts@example.com",
  });
  assert.equal(loadConfig({ ...base, SMTP_SECURITY: "tls" }).smtp?.port, 465);
  assert.equal(loadConfig({ ...base, SMTP_PORT: "2525" }).smtp?.port, 2525);
  const refused: [Record<string, string>, RegExp][] = [
    [{ ...base, SMTP_SECURITY: "ssl" }, /SMTP_SECURITY must be starttls, tls or none, got "ssl"/],
    [{ ...base, SMTP_PORT: "70000" }, /SMTP_PORT must be 1 to 65535, got "70000"/],
    [{ SMTP_HOST: "mail.example.com" }, /SMTP_FROM: set it with SMTP_HOST/],
    [{ ...base, SMTP_USER: "u" }, /set SMTP_USER and SMTP_PASSWORD together/],
  ];
  for (const [env, message] of refused) assert.throws(() => loadConfig(env), message);
});
