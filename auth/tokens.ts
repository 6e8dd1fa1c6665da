/**
 * Session tokens with `jose`: HS256 only, with `exp`, `nbf`, `iat`, `aud`,
 * `iss` and the `typ` header checked. Access tokens (`typ: at+jwt`) carry the
 * user (`sub`) and the session (`sid`); refresh tokens (`typ: refresh+jwt`,
 * their own audience) also carry the session's refresh generation (`gen`).
 * The secret is `JWT_SECRET`, else one generated once and kept in
 * `app_settings` so every replica signs with the same key.
 *
 * @module
 */
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import type { Sql } from "../db/client.ts";
import { UnauthorizedError } from "../domain/errors.ts";
import { log } from "../log/logger.ts";

/** The `iss` of every token. */
export const ISSUER = "ercot-analytics";
/** The `aud` of access tokens. */
export const ACCESS_AUDIENCE = "ercot-analytics:api";
/** The `aud` of refresh tokens. */
export const REFRESH_AUDIENCE = "ercot-analytics:refresh";

const ALGORITHMS = ["HS256"];
const CLOCK_TOLERANCE_SECONDS = 5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What an access token says. */
export interface AccessClaims {
  userId: string;
  sessionId: string;
}

/** What a refresh token says. */
export interface RefreshClaims extends AccessClaims {
  generation: number;
}

/** Signs and checks session tokens. */
export interface TokenIssuer {
  /** Signs an access token valid for the configured lifetime. */
  signAccess(claims: AccessClaims): Promise<{ token: string; expiresIn: number }>;
  /** Signs a refresh token valid until `expiresAt` (the session's absolute expiry). */
  signRefresh(claims: RefreshClaims, expiresAt: Date): Promise<string>;
  /** Checks an access token; throws {@link UnauthorizedError}. */
  verifyAccess(token: string): Promise<AccessClaims>;
  /** Checks a refresh token; throws {@link UnauthorizedError}. */
  verifyRefresh(token: string): Promise<RefreshClaims>;
}

/** Options for {@link createTokenIssuer}. */
export interface TokenIssuerOptions {
  /** The HS256 key (at least 32 bytes); a function is called once, on first use. */
  secret: () => Promise<Uint8Array>;
  /** The current instant. */
  clock: () => Date;
  /** Access-token lifetime in seconds. */
  accessTtlSeconds: number;
  /** Longest a refresh token can live, in seconds (the session's absolute lifetime). */
  refreshMaxSeconds: number;
}

/**
 * Creates a token issuer.
 *
 * @example
 * const tokens = createTokenIssuer({ secret, clock: () => new Date(), accessTtlSeconds: 900, refreshMaxSeconds: 2_592_000 });
 * const { token } = await tokens.signAccess({ userId, sessionId });
 */
export function createTokenIssuer(opts: TokenIssuerOptions): TokenIssuer {
  return new Issuer(opts);
}

class Issuer implements TokenIssuer {
  #key?: Promise<Uint8Array>;

  constructor(readonly opts: TokenIssuerOptions) {}

  async signAccess({ userId, sessionId }: AccessClaims) {
    const exp = seconds(this.opts.clock()) + this.opts.accessTtlSeconds;
    const token = await this.#sign({ sub: userId, sid: sessionId }, "at+jwt", ACCESS_AUDIENCE, exp);
    return { token, expiresIn: this.opts.accessTtlSeconds };
  }

  signRefresh({ userId, sessionId, generation }: RefreshClaims, expiresAt: Date) {
    const payload = { sub: userId, sid: sessionId, gen: generation };
    return this.#sign(payload, "refresh+jwt", REFRESH_AUDIENCE, seconds(expiresAt));
  }

  async verifyAccess(token: string) {
    return ids(await this.#verify(token, "at+jwt", ACCESS_AUDIENCE, this.opts.accessTtlSeconds));
  }

  async verifyRefresh(token: string) {
    const p = await this.#verify(
      token,
      "refresh+jwt",
      REFRESH_AUDIENCE,
      this.opts.refreshMaxSeconds,
    );
    if (!Number.isInteger(p.gen) || (p.gen as number) < 0) {
      throw new UnauthorizedError("Refresh token has no valid generation");
    }
    return { ...ids(p), generation: p.gen as number };
  }

  #secret(): Promise<Uint8Array> {
    this.#key ??= this.opts.secret().catch((err) => {
      this.#key = undefined;
      throw err;
    });
    return this.#key;
  }

  async #sign(payload: Record<string, unknown>, typ: string, aud: string, exp: number) {
    const now = seconds(this.opts.clock());
    return await new SignJWT(payload)
      .setProtectedHeader({ alg: "HS256", typ })
      .setIssuer(ISSUER).setAudience(aud).setIssuedAt(now).setNotBefore(now).setExpirationTime(exp)
      .sign(await this.#secret());
  }

  async #verify(token: string, typ: string, audience: string, maxAge: number) {
    const key = await this.#secret();
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ALGORITHMS,
        issuer: ISSUER,
        audience,
        typ,
        currentDate: this.opts.clock(),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        maxTokenAge: maxAge + CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ["exp", "nbf", "iat", "sub", "sid"],
      });
      checkTimes(payload, maxAge);
      return payload;
    } catch (err) {
      throw tokenError(err);
    }
  }
}

/**
 * `exp`, `iat` and `nbf` must be whole seconds (jose accepts any number, so
 * `exp: 1e308` would pass), and a token may not live longer than its kind
 * allows: `exp` at most `maxAge` (plus the clock tolerance) after `iat`.
 */
function checkTimes(p: Record<string, unknown>, maxAge: number): void {
  for (const claim of ["exp", "iat", "nbf"] as const) {
    const v = p[claim];
    if (!Number.isSafeInteger(v) || (v as number) < 0) {
      throw new UnauthorizedError(`Token claim "${claim}" is not a whole number of seconds`);
    }
  }
  const [exp, iat] = [p.exp as number, p.iat as number];
  if (exp - iat > maxAge + CLOCK_TOLERANCE_SECONDS) {
    throw new UnauthorizedError(`Token claim "exp" is more than ${maxAge} s after "iat"`);
  }
}

function ids(p: Record<string, unknown>): AccessClaims {
  if (
    typeof p.sub !== "string" || !UUID.test(p.sub) || typeof p.sid !== "string" || !UUID.test(p.sid)
  ) {
    throw new UnauthorizedError("Token subject or session is not a valid id");
  }
  return { userId: p.sub, sessionId: p.sid };
}

function tokenError(err: unknown): UnauthorizedError {
  if (err instanceof UnauthorizedError) return err;
  if (err instanceof joseErrors.JWTExpired) return new UnauthorizedError("Token has expired");
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    return new UnauthorizedError(`Token claim "${err.claim}" is not acceptable`);
  }
  if (err instanceof joseErrors.JOSEAlgNotAllowed) {
    return new UnauthorizedError("Token algorithm is not allowed; only HS256 is accepted");
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) {
    return new UnauthorizedError("Token signature is invalid");
  }
  return new UnauthorizedError("Token is malformed");
}

function seconds(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}

/**
 * The signing secret: `configured` when set, else the one kept in
 * `app_settings` under `jwt_secret`, created on first use. Concurrent
 * replicas race safely: the first insert wins and everyone reads it back.
 */
export async function loadJwtSecret(
  sql: Sql,
  configured: string | undefined,
  warn: (message: string) => void = (message) => log.warn(message),
): Promise<Uint8Array> {
  if (configured) return new TextEncoder().encode(configured);
  warn(
    "JWT_SECRET is not set: tokens are signed with a generated secret kept in the database " +
      "(app_settings.jwt_secret); set JWT_SECRET to manage it yourself",
  );
  const [existing] = await sql<{ value: string }[]>`
    select value #>> '{}' as value from app_settings where key = 'jwt_secret'`;
  if (existing) return decodeSecret(existing.value);
  const fresh = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(48))));
  await sql`
    insert into app_settings (key, value) values ('jwt_secret', ${sql.json(fresh)})
    on conflict (key) do nothing`;
  const [row] = await sql<{ value: string }[]>`
    select value #>> '{}' as value from app_settings where key = 'jwt_secret'`;
  return decodeSecret(row.value);
}

function decodeSecret(value: string): Uint8Array {
  return Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0));
}
