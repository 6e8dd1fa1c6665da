import assert from "node:assert/strict";
import { configureLogging, createLogger, log, type LogLevel } from "../../log/logger.ts";
import { loadConfig } from "../../config.ts";

const NOW = new Date("2026-01-01T06:00:00.000Z");

function captured(options: Parameters<typeof createLogger>[0] = {}) {
  const lines: { line: string; level: LogLevel }[] = [];
  const logger = createLogger({
    now: () => NOW,
    write: (line, level) => lines.push({ line, level }),
    ...options,
  });
  return { logger, lines };
}

Deno.test("createLogger() drops lines below its level: warn suppresses debug and info", () => {
  const { logger, lines } = captured({ level: "warn" });
  logger.debug("d");
  logger.info("i");
  logger.warn("w");
  logger.error("e");
  assert.deepEqual(lines.map((l) => l.level), ["warn", "error"]);
  assert.equal(logger.enabled("info"), false);
  assert.equal(logger.enabled("error"), true);
});

Deno.test("createLogger() writes every level at debug and only errors at error", async (t) => {
  for (const [level, expected] of [["debug", 4], ["info", 3], ["error", 1]] as const) {
    await t.step(level, () => {
      const { logger, lines } = captured({ level });
      for (const l of ["debug", "info", "warn", "error"] as const) logger[l]("x");
      assert.equal(lines.length, expected);
    });
  }
});

Deno.test("JSON lines parse and carry time, level, message and the fields", () => {
  const { logger, lines } = captured({ format: "json" });
  const cause = new Error("connection reset");
  logger.warn("Cannot prune events", { table: "events", rows: 3, big: 2n, error: cause });
  logger.info("plain");
  assert.equal(lines.length, 2);
  const record = JSON.parse(lines[0].line);
  assert.equal(record.time, "2026-01-01T06:00:00.000Z");
  assert.equal(record.level, "warn");
  assert.equal(record.message, "Cannot prune events");
  assert.equal(record.table, "events");
  assert.equal(record.rows, 3);
  assert.equal(record.big, "2");
  assert.equal(record.error.name, "Error");
  assert.equal(record.error.message, "connection reset");
  assert.match(record.error.stack, /connection reset/);
  assert.deepEqual(JSON.parse(lines[1].line), {
    time: "2026-01-01T06:00:00.000Z",
    level: "info",
    message: "plain",
  });
  assert.ok(!lines[0].line.includes("\n"), "one record is one line");
});

Deno.test("JSON lines keep time, level and message when a field has the same name, and survive a cycle", () => {
  const { logger, lines } = captured({ format: "json" });
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  logger.error("real", { message: "fake", level: "debug" });
  logger.error("cyclic", { cyclic });
  const [first, second] = lines.map((l) => JSON.parse(l.line));
  assert.deepEqual([first.message, first.level], ["real", "error"]);
  assert.deepEqual([second.message, second.level], ["cyclic", "error"]);
  assert.match(second.log_error, /Cannot serialize fields/);
});

Deno.test("text lines read as time, level, message and key=value, with an error's stack after", () => {
  const { logger, lines } = captured();
  logger.info("listening on http://localhost:8000");
  logger.error("Cannot deliver alert", {
    url: "http://x/hook",
    note: "two words",
    error: new Error("boom"),
  });
  assert.equal(lines[0].line, "2026-01-01T06:00:00.000Z INFO listening on http://localhost:8000");
  const [head, ...stack] = lines[1].line.split("\n");
  assert.equal(
    head,
    '2026-01-01T06:00:00.000Z ERROR Cannot deliver alert url=http://x/hook note="two words" error="boom"',
  );
  assert.match(stack[0], /^ {2}Error: boom/);
});

Deno.test("createLogger() rejects an unknown level or format at once", () => {
  assert.throws(
    () => createLogger({ level: "loud" as LogLevel }),
    /Log level "loud" is not one of/,
  );
  assert.throws(() => createLogger({ format: "xml" as "json" }), /Log format "xml" is not one of/);
});

Deno.test("configureLogging() redirects the process-wide log", () => {
  const lines: string[] = [];
  try {
    configureLogging({ level: "warn", format: "json", write: (line) => lines.push(line) });
    log.info("hidden");
    log.warn("shown", { n: 1 });
    assert.equal(lines.length, 1);
    assert.deepEqual(
      [JSON.parse(lines[0]).message, JSON.parse(lines[0]).n],
      ["shown", 1],
    );
  } finally {
    configureLogging({});
  }
});

Deno.test("LOG_LEVEL=warn and LOG_FORMAT=json, read by loadConfig() as main.ts does, drop info and write JSON", () => {
  const config = loadConfig({ LOG_LEVEL: "warn", LOG_FORMAT: "json" });
  const lines: string[] = [];
  try {
    configureLogging({
      level: config.logLevel,
      format: config.logFormat,
      write: (l) => lines.push(l),
    });
    log.info("listening on http://localhost:8000");
    log.warn("TimescaleDB is not installed");
    assert.deepEqual(lines.map((l) => JSON.parse(l).level), ["warn"]);
  } finally {
    configureLogging({});
  }
});
