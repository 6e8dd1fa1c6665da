/**
 * Authentication for every route. {@link authenticate} sets
 * `c.var.principal` (a user or anonymous) and `c.var.clientIp`; a credential
 * that is presented but invalid, expired or revoked is a 401 everywhere. What
 * each route then allows is declared on the route and enforced by
 * `enforceAccess` (access.ts).
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { Authenticate, Credential } from "./authenticate.ts";
import { looksLikeApiKey } from "./api_keys.ts";
import { ANONYMOUS } from "../domain/principal.ts";
import { clientIp } from "../http/principal.ts";
import { UnauthorizedError } from "../domain/errors.ts";

/**
 * Resolves the request's credential. `Authorization: Bearer <token or key>`,
 * `Authorization: Basic` with a key as the password, and `X-API-Key: <key>`
 * (optionally with `X-API-Secret`) are accepted, and on `ticketPaths` (the
 * live stream and WebSocket)
 * a stream ticket as `?ticket=`; any other scheme, a malformed header, two
 * credentials at once, or `?access_token=` anywhere is a 401.
 */
export function authenticate(
  auth: { authenticate: Authenticate },
  opts: { trustProxy: boolean; ticketPaths: readonly string[] },
): MiddlewareHandler {
  return async function authenticate(c, next) {
    c.set("clientIp", clientIp(c, opts.trustProxy));
    if (c.req.query("access_token") !== undefined) {
      throw new UnauthorizedError(
        "Credentials in the URL are not accepted: send an Authorization or X-API-Key header, " +
          "or for EventSource a ticket from POST /api/v1/stream/ticket",
      );
    }
    let credential = readCredential(c.req.raw.headers);
    const ticket = opts.ticketPaths.includes(c.req.path) ? c.req.query("ticket") : undefined;
    if (ticket !== undefined) {
      if (credential) throw new UnauthorizedError("Send one credential: a header or a ticket");
      credential = { kind: "ticket", value: ticket };
    }
    c.set(
      "principal",
      credential
        ? await auth.authenticate({ ...credential, clientIp: c.get("clientIp") })
        : ANONYMOUS,
    );
    await next();
  };
}

/**
 * The credential in the headers, if any; throws {@link UnauthorizedError} when
 * malformed. `Authorization: Basic` carries an API key as the password (the
 * user name is ignored, so `curl -u :ea_…` works); `X-API-Key` with
 * `X-API-Secret` names a key and carries its secret.
 */
export function readCredential(headers: Headers): Credential | undefined {
  const authorization = headers.get("authorization");
  const apiKey = headers.get("x-api-key");
  const secret = headers.get("x-api-secret");
  if (authorization !== null && (apiKey !== null || secret !== null)) {
    throw new UnauthorizedError("Send one credential: an Authorization or an X-API-Key header");
  }
  if (secret !== null) {
    if (apiKey === null) throw new UnauthorizedError("X-API-Secret needs X-API-Key beside it");
    if (!secret.trim()) throw new UnauthorizedError("X-API-Secret header is empty");
    return { kind: "api-key", value: secret.trim(), keyName: apiKey.trim() };
  }
  if (apiKey !== null) {
    if (!apiKey.trim()) throw new UnauthorizedError("X-API-Key header is empty");
    return { kind: "api-key", value: apiKey.trim() };
  }
  if (authorization === null) return undefined;
  const match = /^(\S+)[ \t]+(\S+)$/.exec(authorization.trim());
  if (!match) throw new UnauthorizedError("Authorization header is not `Bearer <token>`");
  const scheme = match[1].toLowerCase();
  if (scheme === "basic") return { kind: "api-key", value: basicPassword(match[2]) };
  if (scheme !== "bearer") {
    throw new UnauthorizedError(
      `Authorization scheme "${match[1].slice(0, 16)}" is not supported; use Bearer or Basic`,
    );
  }
  return { kind: "bearer", value: match[2] };
}

/** The password of a Basic credential, which must be an API key. */
function basicPassword(encoded: string): string {
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(
      Uint8Array.from(atob(encoded), (ch) => ch.charCodeAt(0)),
    );
  } catch {
    throw new UnauthorizedError("Authorization: Basic is not base64 of user:password");
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) throw new UnauthorizedError("Authorization: Basic has no password after a colon");
  const password = decoded.slice(colon + 1);
  if (!looksLikeApiKey(password)) {
    throw new UnauthorizedError(
      "Authorization: Basic takes an API key (ea_…) as the password; the user name is ignored",
    );
  }
  return password;
}
