/**
 * Queries over `sessions`. A session is live while it is not revoked, has
 * been used within the idle lifetime, is younger than its absolute expiry and
 * belongs to an enabled user. Every instant comes from the caller's clock.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import type { Role } from "../domain/principal.ts";

/** A session as its owner sees it. */
export interface SessionRow {
  id: string;
  ip: string;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  idle_expires_at: Date;
  expires_at: Date;
}

/** Lifetimes in seconds. */
export interface SessionLifetimes {
  idleSeconds: number;
  maxSeconds: number;
}

// Within this many seconds of the last touch, a request does not write last_seen_at again.
const TOUCH_EVERY_SECONDS = 60;

/** Starts a session; its refresh generation is 0. */
export async function createSession(
  sql: Sql,
  s: { userId: string; ip: string; userAgent?: string; now: Date } & SessionLifetimes,
): Promise<{ id: string; expires_at: Date }> {
  const expires = new Date(s.now.getTime() + s.maxSeconds * 1000);
  const idle = new Date(Math.min(s.now.getTime() + s.idleSeconds * 1000, expires.getTime()));
  const [row] = await sql<{ id: string; expires_at: Date }[]>`
    insert into sessions (user_id, ip, user_agent, created_at, last_seen_at, idle_expires_at, expires_at)
    values (${s.userId}, ${s.ip}, ${s.userAgent?.slice(0, 512) ?? null}, ${s.now}, ${s.now},
            ${idle}, ${expires})
    returning id, expires_at`;
  return row;
}

/**
 * The owner's current role when the session is live, touching `last_seen_at`
 * and the idle expiry at most once a minute; `undefined` otherwise.
 */
export async function liveSession(
  sql: Sql,
  s: { sessionId: string; userId: string; now: Date; idleSeconds: number },
): Promise<{ role: Role } | undefined> {
  const [row] = await sql<{ role: Role }[]>`
    with live as (
      select s.id, s.last_seen_at, s.expires_at, u.role
      from sessions s join users u on u.id = s.user_id
      where s.id = ${s.sessionId} and s.user_id = ${s.userId} and s.revoked_at is null
        and s.idle_expires_at > ${s.now} and s.expires_at > ${s.now} and u.disabled_at is null
    ), touched as (
      update sessions set last_seen_at = ${s.now},
        idle_expires_at = least(${s.now}::timestamptz + make_interval(secs => ${s.idleSeconds}),
                                sessions.expires_at)
      from live
      where sessions.id = live.id
        and live.last_seen_at < ${s.now}::timestamptz - make_interval(secs => ${TOUCH_EVERY_SECONDS})
    )
    select role from live`;
  return row;
}

/**
 * Moves a live session from refresh generation `generation` to the next one.
 * Returns the new generation and the absolute expiry, or `undefined` when the
 * session is not live or is at another generation.
 */
export async function rotateSession(
  sql: Sql,
  s: { sessionId: string; userId: string; generation: number; now: Date; idleSeconds: number },
): Promise<{ generation: number; expires_at: Date } | undefined> {
  const [row] = await sql<{ generation: number; expires_at: Date }[]>`
    update sessions set refresh_generation = refresh_generation + 1, last_seen_at = ${s.now},
      idle_expires_at = least(${s.now}::timestamptz + make_interval(secs => ${s.idleSeconds}),
                              expires_at)
    where id = ${s.sessionId} and user_id = ${s.userId} and refresh_generation = ${s.generation}
      and revoked_at is null and idle_expires_at > ${s.now} and expires_at > ${s.now}
      and exists (select 1 from users u where u.id = ${s.userId} and u.disabled_at is null)
    returning refresh_generation as generation, expires_at`;
  return row;
}

/** The refresh generation of a session that is not revoked, or `undefined`. */
export async function unrevokedGeneration(
  sql: Sql,
  sessionId: string,
  userId: string,
): Promise<number | undefined> {
  const [row] = await sql<{ generation: number }[]>`
    select refresh_generation as generation from sessions
    where id = ${sessionId} and user_id = ${userId} and revoked_at is null`;
  return row?.generation;
}

/** Revokes one of the user's sessions; false when it is not theirs or already revoked. */
export async function revokeSession(
  sql: Sql,
  s: { sessionId: string; userId: string; now: Date; reason: string },
): Promise<boolean> {
  const rows = await sql`
    update sessions set revoked_at = ${s.now}, revoked_reason = ${s.reason}
    where id = ${s.sessionId} and user_id = ${s.userId} and revoked_at is null
    returning id`;
  return rows.length > 0;
}

/** Revokes every session of a user; returns how many. */
export async function revokeUserSessions(
  sql: Sql,
  s: { userId: string; now: Date; reason: string },
): Promise<number> {
  const rows = await sql`
    update sessions set revoked_at = ${s.now}, revoked_reason = ${s.reason}
    where user_id = ${s.userId} and revoked_at is null
    returning id`;
  return rows.length;
}

/** The user's live sessions, newest first. */
export async function listLiveSessions(sql: Sql, userId: string, now: Date): Promise<SessionRow[]> {
  return await sql<SessionRow[]>`
    select id, ip, user_agent, created_at, last_seen_at, idle_expires_at, expires_at
    from sessions
    where user_id = ${userId} and revoked_at is null
      and idle_expires_at > ${now} and expires_at > ${now}
    order by created_at desc, id`;
}
