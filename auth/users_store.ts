/**
 * Queries over `users`. Emails are stored trimmed and lower-cased; callers
 * normalise with {@link normalizeEmail} before looking one up.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import type { Role } from "../domain/principal.ts";
import { ConflictError } from "../domain/errors.ts";

/** A user as routes show it. */
export interface UserRow {
  id: string;
  email: string;
  role: Role;
  disabled_at: Date | null;
  created_at: Date;
  last_login_at: Date | null;
}

/** A user with the stored password hash, for login only. */
export interface UserWithHash extends UserRow {
  password_hash: string;
}

const USERS_LOCK = 724_500_210;

/** Trims and lower-cases an email. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Inserts a user. Without `role`, the first user of the database becomes
 * `admin` and later ones `user`; a transaction-scoped advisory lock keeps two
 * simultaneous first registrations from both becoming admin. Throws
 * {@link ConflictError} when the email is taken.
 */
export async function insertUser(
  sql: Sql,
  user: { email: string; passwordHash: string; role?: Role; now: Date },
): Promise<UserRow> {
  const rows = await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${USERS_LOCK})`;
    return await tx<UserRow[]>`
      insert into users (email, password_hash, role, created_at, updated_at)
      select ${user.email}, ${user.passwordHash},
             coalesce(${user.role ?? null}::text,
                      case when exists (select 1 from users) then 'user' else 'admin' end),
             ${user.now}, ${user.now}
      on conflict (email) do nothing
      returning id, email, role, disabled_at, created_at, last_login_at`;
  });
  if (rows.length === 0) throw new ConflictError(`An account for ${user.email} already exists`);
  return rows[0];
}

/** The user with this (normalised) email, with its password hash. */
export async function findUserByEmail(sql: Sql, email: string): Promise<UserWithHash | undefined> {
  const [row] = await sql<UserWithHash[]>`
    select id, email, role, disabled_at, created_at, last_login_at, password_hash
    from users where email = ${email}`;
  return row;
}

/** The user with this id. */
export async function findUser(sql: Sql, id: string): Promise<UserRow | undefined> {
  const [row] = await sql<UserRow[]>`
    select id, email, role, disabled_at, created_at, last_login_at from users where id = ${id}`;
  return row;
}

/** Users in registration order. */
export async function listUsers(
  sql: Sql,
  page: { limit: number; offset: number },
): Promise<{ users: UserRow[]; total: number }> {
  const users = await sql<UserRow[]>`
    select id, email, role, disabled_at, created_at, last_login_at from users
    order by created_at, email limit ${page.limit} offset ${page.offset}`;
  const [{ total }] = await sql<{ total: number }[]>`select count(*)::int as total from users`;
  return { users, total };
}

/** Records a successful login. */
export async function touchLogin(sql: Sql, id: string, now: Date): Promise<void> {
  await sql`update users set last_login_at = ${now} where id = ${id}`;
}

/**
 * Changes a user's role and/or disabled state and revokes their sessions
 * when disabling. Refuses ({@link ConflictError}) to leave no enabled admin.
 * Returns the user before and after, or `undefined` when there is no such user.
 */
export async function updateUser(
  sql: Sql,
  id: string,
  change: { role?: Role; disabled?: boolean; now: Date },
): Promise<{ before: UserRow; after: UserRow } | undefined> {
  return await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${USERS_LOCK})`;
    const [before] = await tx<UserRow[]>`
      select id, email, role, disabled_at, created_at, last_login_at from users where id = ${id}`;
    if (!before) return undefined;
    const role = change.role ?? before.role;
    const disabled = change.disabled ?? before.disabled_at !== null;
    if (before.role === "admin" && before.disabled_at === null && (role !== "admin" || disabled)) {
      const [{ n }] = await tx<{ n: number }[]>`
        select count(*)::int as n from users
        where role = 'admin' and disabled_at is null and id <> ${id}`;
      if (n === 0) {
        throw new ConflictError(
          `User ${before.email} is the last enabled admin; promote another first`,
        );
      }
    }
    const [after] = await tx<UserRow[]>`
      update users set role = ${role},
        disabled_at = case when ${disabled} then coalesce(disabled_at, ${change.now}) end,
        updated_at = ${change.now}
      where id = ${id}
      returning id, email, role, disabled_at, created_at, last_login_at`;
    if (disabled && before.disabled_at === null) {
      await tx`update sessions set revoked_at = ${change.now}, revoked_reason = 'user_disabled'
               where user_id = ${id} and revoked_at is null`;
    }
    return { before, after };
  });
}
