/**
 * The project's one error vocabulary. Routes and jobs throw these; the single
 * `onError` in `http/problem.ts` maps them to `application/problem+json`.
 *
 * @module
 */

/** Base class: every project error carries an HTTP status and a short title. */
export class AppError extends Error {
  /** HTTP status this error maps to. */
  readonly status: number = 500;
  /** Short, stable, human title for problem+json `title`. */
  readonly title: string = "Internal error";
  /** Extra members for the problem+json body (e.g. `parameter`). */
  readonly extra: Record<string, unknown>;
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.extra = extra;
  }
}

/** A request or input value is invalid (400). */
export class ValidationError extends AppError {
  override readonly status = 400;
  override readonly title = "Invalid request";
}

/** No credential, or one that is invalid, expired or revoked (401). */
export class UnauthorizedError extends AppError {
  override readonly status = 401;
  override readonly title = "Unauthorized";
}

/** The caller is known but lacks the role or scope for this action (403). */
export class ForbiddenError extends AppError {
  override readonly status = 403;
  override readonly title = "Forbidden";
}

/** The request conflicts with the current state, e.g. an email already registered (409). */
export class ConflictError extends AppError {
  override readonly status = 409;
  override readonly title = "Conflict";
}

/** A resource does not exist (404). */
export class NotFoundError extends AppError {
  override readonly status = 404;
  override readonly title = "Not found";
}

/** The caller sent too many requests (429). `retryAfter` is in seconds. */
export class RateLimitedError extends AppError {
  override readonly status = 429;
  override readonly title = "Too many requests";
  constructor(message: string, readonly retryAfter: number, extra: Record<string, unknown> = {}) {
    super(message, extra);
  }
}

/** An upstream (ERCOT, Grafana, Bedrock) failed or answered badly (502). */
export class UpstreamError extends AppError {
  override readonly status = 502;
  override readonly title = "Upstream failure";
}

/** A feature the request needs is not configured or not available here (503). */
export class ServiceUnavailableError extends AppError {
  override readonly status = 503;
  override readonly title = "Service unavailable";
}

/** A well-formed request that cannot be answered as asked (422), e.g. fill on a downsampled answer. */
export class UnprocessableError extends AppError {
  override readonly status = 422;
  override readonly title = "Unprocessable request";
}

/**
 * A recorded or downloaded document could not be parsed. The message names
 * the file, the row and the field.
 */
export class ParseError extends AppError {
  override readonly status = 422;
  override readonly title = "Unparseable document";
}

/**
 * A document's columns or keys differ from what its parser knows: the ingest
 * run records status `schema_changed` with the missing and unknown fields.
 */
export class SchemaChangedError extends AppError {
  override readonly status = 422;
  override readonly title = "Schema changed";
  constructor(
    message: string,
    readonly missing: string[],
    readonly unknown: string[],
  ) {
    super(message, { missing, unknown });
  }
}

/** Start-up configuration or environment is wrong; the CLI prints one line and exits. */
export class ConfigError extends AppError {
  override readonly title = "Configuration error";
}
