/**
 * The one logger: four levels (`debug`, `info`, `warn`, `error`), a minimum
 * level below which nothing is written, and two formats — readable text
 * (`<time> <LEVEL> <message> key=value …`, an error's stack on the lines
 * after) or JSON lines (`{"time","level","message",...fields}`).
 *
 * Runtime code logs through {@linkcode log}; `main.ts` configures it once from
 * `LOG_LEVEL` and `LOG_FORMAT`. Until then it writes text at `info`. Debug and
 * info go to stdout, warn and error to stderr. It imports nothing of ours.
 *
 * @module
 */

/** Log levels, least severe first. */
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
/** A log level. */
export type LogLevel = typeof LOG_LEVELS[number];
/** Output formats. */
export const LOG_FORMATS = ["text", "json"] as const;
/** An output format: readable text or JSON lines. */
export type LogFormat = typeof LOG_FORMATS[number];
/** Structured context of one record; an `Error` value keeps its name, message and stack. */
export type LogFields = Record<string, unknown>;

/** Writes records at or above its level. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Whether a record at `level` would be written. */
  enabled(level: LogLevel): boolean;
}

/** Options of {@linkcode createLogger}. */
export interface LoggerOptions {
  /** Records below this level are dropped (`info`). */
  level?: LogLevel;
  /** `text` or `json` (`text`). */
  format?: LogFormat;
  /** Receives each line without its newline (debug/info: stdout, warn/error: stderr). */
  write?: (line: string, level: LogLevel) => void;
  /** The clock stamped on records (the system clock). */
  now?: () => Date;
}

const defaultWrite = (line: string, level: LogLevel) =>
  level === "warn" || level === "error" ? console.error(line) : console.log(line);

/**
 * A logger. An unknown level or format throws a `TypeError` here.
 *
 * @example
 * const logger = createLogger({ level: "warn", format: "json" });
 * logger.warn("Cannot prune events", { error: err });
 * // {"time":"2026-01-01T00:00:00.000Z","level":"warn","message":"Cannot prune events","error":{...}}
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const { level = "info", format = "text", write = defaultWrite, now = () => new Date() } = options;
  if (!LOG_LEVELS.includes(level)) {
    throw new TypeError(
      `Log level ${JSON.stringify(level)} is not one of ${LOG_LEVELS.join(", ")}`,
    );
  }
  if (!LOG_FORMATS.includes(format)) {
    throw new TypeError(
      `Log format ${JSON.stringify(format)} is not one of ${LOG_FORMATS.join(", ")}`,
    );
  }
  const min = LOG_LEVELS.indexOf(level);
  const enabled = (l: LogLevel) => LOG_LEVELS.indexOf(l) >= min;
  const render = format === "json" ? jsonLine : textLines;
  const at = (l: LogLevel) => (message: string, fields: LogFields = {}) => {
    if (enabled(l)) write(render(now(), l, message, fields), l);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), enabled };
}

let current = createLogger();

/**
 * The process-wide logger, as last set by {@linkcode configureLogging}.
 *
 * @example log.error("Cannot read new events; retrying in 1 s", { error: err });
 */
export const log: Logger = {
  debug: (message, fields) => current.debug(message, fields),
  info: (message, fields) => current.info(message, fields),
  warn: (message, fields) => current.warn(message, fields),
  error: (message, fields) => current.error(message, fields),
  enabled: (level) => current.enabled(level),
};

/** Replaces the process-wide logger (see {@linkcode createLogger} for the options). */
export function configureLogging(options: LoggerOptions): void {
  current = createLogger(options);
}

function errorJson(e: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { name: e.name, message: e.message };
  if (e.stack) out.stack = e.stack;
  if (e.cause !== undefined) out.cause = e.cause instanceof Error ? errorJson(e.cause) : e.cause;
  return out;
}

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return errorJson(value);
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** One JSON object; fields sit beside time, level and message, which win a clash of names. */
function jsonLine(time: Date, level: LogLevel, message: string, fields: LogFields): string {
  const record = { ...fields, time: time.toISOString(), level, message };
  try {
    return JSON.stringify(record, replacer);
  } catch (err) {
    const core = { time: record.time, level, message };
    return JSON.stringify({ ...core, log_error: `Cannot serialize fields: ${err}` });
  }
}

function textValue(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(value.message);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === "object" && value !== null) {
    try {
      return JSON.stringify(value, replacer);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

function textLines(time: Date, level: LogLevel, message: string, fields: LogFields): string {
  const pairs = Object.entries(fields).map(([k, v]) => ` ${k}=${textValue(v)}`).join("");
  const stacks = Object.values(fields)
    .filter((v): v is Error => v instanceof Error && v.stack !== undefined)
    .map((e) => `\n  ${e.stack!.replaceAll("\n", "\n  ")}`)
    .join("");
  return `${time.toISOString()} ${level.toUpperCase()} ${message}${pairs}${stacks}`;
}
