/**
 * Accounts and sessions: registration (the first account becomes admin),
 * login with failed-attempt throttling, refresh-token rotation with reuse
 * detection, logout of one session or all, and credential authentication.
 * Routes and the `user:create` command call this; nothing here knows HTTP.
 *
 * @module
 */
import type { Config } from "../config.ts";
import type { Sql } from "../db/client.ts";
import { type AuditAction, writeAudit } from "../audit/store.ts";
import {
  createSession,
  revokeSession,
  revokeUserSessions,
  rotateSession,
  unrevokedGeneration,
} from "./sessions_store.ts";
import {
  findUserByEmail,
  insertUser,
  normalizeEmail,
  touchLogin,
  type UserRow,
} from "./users_store.ts";
import { ForbiddenError, UnauthorizedError } from "../domain/errors.ts";
import { type Authenticate, createAuthenticator } from "./authenticate.ts";
import {
  createLoginThrottle,
  type LoginThrottle,
  type LoginThrottleOptions,
} from "./login_throttle.ts";
import { checkPasswordPolicy, createPasswordHasher, type PasswordHasher } from "./passwords.ts";
import type { Role, UserPrincipal } from "../domain/principal.ts";
import { createTokenIssuer, loadJwtSecret, type TokenIssuer } from "./tokens.ts";

/** Where a request came from. */
export interface RequestContext {
  ip: string;
  userAgent?: string;
}

/** What login and refresh answer. */
export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: "Bearer";
  expires_in: number;
}

/** The account and session operations. */
export interface AuthService {
  /** Registers an account; the first one in the database is admin. */
  register(input: { email: string; password: string }, ctx: RequestContext): Promise<UserRow>;
  /** Creates an account with a given role (the `user:create` command). */
  createUser(input: { email: string; password: string; role: Role }): Promise<UserRow>;
  /** Checks a password and starts a session. */
  login(input: { email: string; password: string }, ctx: RequestContext): Promise<TokenPair>;
  /** Rotates a refresh token; a reused one revokes its session. */
  refresh(refreshToken: string, ctx: RequestContext): Promise<TokenPair>;
  /** Revokes the caller's session, or all of the user's with `all`; returns how many. */
  logout(principal: UserPrincipal, all: boolean, ctx: RequestContext): Promise<number>;
  /** Resolves a credential, or throws {@link UnauthorizedError}. */
  authenticate: Authenticate;
  /** The token issuer (tests sign with it). */
  tokens: TokenIssuer;
}

/** What the service needs: the database, its clock and the session and token settings. */
export interface AuthServiceDeps {
  sql: Sql;
  config: Pick<
    Config,
    "sessionIdleSeconds" | "sessionMaxSeconds" | "jwtSecret" | "accessTokenTtlSeconds"
  >;
  clock: () => Date;
}

/** Options for {@link createAuthService}. */
export interface AuthServiceOptions {
  /** Password hasher (a worker-backed argon2id one by default). */
  hasher?: PasswordHasher;
  /** Failed-login throttle settings (10 per 15 minutes). */
  loginThrottle?: LoginThrottleOptions;
  /** Where the "generated JWT secret" warning goes (`log.warn`). */
  warn?: (message: string) => void;
}

/**
 * Creates the service.
 *
 * @example
 * const auth = createAuthService({ sql, config, clock: () => new Date() });
 * const tokens = await auth.login({ email, password }, { ip: "203.0.113.9" });
 */
export function createAuthService(
  deps: AuthServiceDeps,
  opts: AuthServiceOptions = {},
): AuthService {
  return new Accounts(deps, opts);
}

class Accounts implements AuthService {
  readonly tokens: TokenIssuer;
  readonly authenticate: Authenticate;
  readonly #sql: Sql;
  readonly #clock: () => Date;
  readonly #hasher: PasswordHasher;
  readonly #throttle: LoginThrottle;
  readonly #lifetimes: { idleSeconds: number; maxSeconds: number };
  #dummyHash?: Promise<string>;

  constructor({ sql, config, clock }: AuthServiceDeps, opts: AuthServiceOptions) {
    this.#sql = sql;
    this.#clock = clock;
    this.#hasher = opts.hasher ?? createPasswordHasher();
    this.#throttle = createLoginThrottle(sql, opts.loginThrottle);
    this.#lifetimes = {
      idleSeconds: config.sessionIdleSeconds,
      maxSeconds: config.sessionMaxSeconds,
    };
    this.tokens = createTokenIssuer({
      secret: () => loadJwtSecret(sql, config.jwtSecret, opts.warn),
      clock,
      accessTtlSeconds: config.accessTokenTtlSeconds,
      refreshMaxSeconds: config.sessionMaxSeconds,
    });
    this.authenticate = createAuthenticator({
      sql,
      tokens: this.tokens,
      clock,
      idleSeconds: config.sessionIdleSeconds,
    });
  }

  async register(
    input: { email: string; password: string },
    ctx: RequestContext,
  ): Promise<UserRow> {
    const user = await this.#insert(input);
    await this.#audit("register", user.id, ctx, { email: user.email, role: user.role });
    return user;
  }

  async createUser(input: { email: string; password: string; role: Role }): Promise<UserRow> {
    const user = await this.#insert(input);
    await this.#audit("user_created", user.id, undefined, { email: user.email, role: user.role });
    return user;
  }

  async login(input: { email: string; password: string }, ctx: RequestContext): Promise<TokenPair> {
    const email = normalizeEmail(input.email);
    const now = this.#clock();
    // Counted as a failure before the password is checked, so parallel guesses queue on the limit.
    const attempt = await this.#throttle.attempt(email, ctx.ip, now);
    const user = await findUserByEmail(this.#sql, email);
    this.#dummyHash ??= this.#hasher.hash(crypto.randomUUID());
    // Unknown emails still cost one verification, so timing does not reveal accounts.
    const ok = await this.#hasher.verify(
      input.password,
      user?.password_hash ?? await this.#dummyHash,
    );
    // A disabled account answers exactly as a wrong password does: no oracle for either.
    if (!user || !ok || user.disabled_at) {
      const reason = !user ? "unknown_email" : !ok ? "wrong_password" : "account_disabled";
      await this.#audit("login_failed", user?.id, ctx, { email, reason });
      throw new UnauthorizedError("Email or password is incorrect");
    }
    await attempt.succeeded();
    const session = await createSession(this.#sql, {
      userId: user.id,
      ...ctx,
      now,
      ...this.#lifetimes,
    });
    await touchLogin(this.#sql, user.id, now);
    await this.#audit("login", user.id, ctx, { session_id: session.id });
    return await this.#pair(user.id, session.id, 0, session.expires_at);
  }

  async refresh(refreshToken: string, ctx: RequestContext): Promise<TokenPair> {
    const claims = await this.tokens.verifyRefresh(refreshToken);
    const now = this.#clock();
    const idleSeconds = this.#lifetimes.idleSeconds;
    const rotated = await rotateSession(this.#sql, { ...claims, now, idleSeconds });
    if (rotated) {
      return await this.#pair(
        claims.userId,
        claims.sessionId,
        rotated.generation,
        rotated.expires_at,
      );
    }
    const current = await unrevokedGeneration(this.#sql, claims.sessionId, claims.userId);
    if (current !== undefined && current > claims.generation) {
      await revokeSession(this.#sql, { ...claims, now, reason: "refresh_reuse" });
      await this.#audit("refresh_reuse", claims.userId, ctx, {
        session_id: claims.sessionId,
        generation: claims.generation,
        current,
      });
      throw new UnauthorizedError("Refresh token was already used; its session is now revoked");
    }
    throw new UnauthorizedError("Session has ended; log in again");
  }

  async logout(principal: UserPrincipal, all: boolean, ctx: RequestContext): Promise<number> {
    if (!principal.sessionId) {
      throw new ForbiddenError("Logging out needs a session access token, not an API key");
    }
    const now = this.#clock();
    const { userId, sessionId } = principal;
    const count = all
      ? await revokeUserSessions(this.#sql, { userId, now, reason: "logout_all" })
      : Number(await revokeSession(this.#sql, { sessionId, userId, now, reason: "logout" }));
    await this.#audit(all ? "logout_all" : "logout", userId, ctx, {
      session_id: sessionId,
      revoked: count,
    });
    return count;
  }

  async #insert(input: { email: string; password: string; role?: Role }): Promise<UserRow> {
    const email = normalizeEmail(input.email);
    checkPasswordPolicy(input.password, email);
    const passwordHash = await this.#hasher.hash(input.password);
    return await insertUser(this.#sql, {
      email,
      passwordHash,
      role: input.role,
      now: this.#clock(),
    });
  }

  async #pair(userId: string, sessionId: string, generation: number, expiresAt: Date) {
    const access = await this.tokens.signAccess({ userId, sessionId });
    const refresh = await this.tokens.signRefresh({ userId, sessionId, generation }, expiresAt);
    return {
      access_token: access.token,
      refresh_token: refresh,
      token_type: "Bearer" as const,
      expires_in: access.expiresIn,
    };
  }

  async #audit(
    action: AuditAction,
    userId: string | undefined,
    ctx: RequestContext | undefined,
    details: Record<string, unknown>,
  ): Promise<void> {
    // Accounts coming into being are changes to a user; sign-ins name no object.
    const object = (action === "register" || action === "user_created") && userId
      ? { type: "user" as const, id: userId }
      : undefined;
    await writeAudit(this.#sql, {
      at: this.#clock(),
      userId,
      ip: ctx?.ip,
      action,
      object,
      details,
    });
  }
}
