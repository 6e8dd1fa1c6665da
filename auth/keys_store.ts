/**
 * Queries over `api_keys` and their hourly `api_key_usage`.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import type { Role } from "../domain/principal.ts";

/** A key as its owner sees it (never the hash). */
export interface ApiKeyRow {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  /** Canonical address ranges the key may be used from; null for any. */
  allowed_cidrs: string[] | null;
}

/** A key candidate for authentication, with its hash and owner's state. */
export interface ApiKeyCandidate extends ApiKeyRow {
  key_hash: string;
  role: Role;
  user_disabled_at: Date | null;
}

const COLUMNS = [
  "id",
  "user_id",
  "name",
  "prefix",
  "scopes",
  "created_at",
  "expires_at",
  "revoked_at",
  "last_used_at",
  "allowed_cidrs",
];

/** Stores a new key. */
export async function insertApiKey(
  sql: Sql,
  k: {
    userId: string;
    name: string;
    prefix: string;
    hash: string;
    scopes: string[];
    expiresAt: Date | null;
    allowedCidrs: string[] | null;
    now: Date;
  },
): Promise<ApiKeyRow> {
  const [row] = await sql<ApiKeyRow[]>`
    insert into api_keys (user_id, name, prefix, key_hash, scopes, created_at, expires_at,
                          allowed_cidrs)
    values (${k.userId}, ${k.name}, ${k.prefix}, ${k.hash}, ${k.scopes}, ${k.now}, ${k.expiresAt},
            ${k.allowedCidrs})
    returning ${sql(COLUMNS)}`;
  return row;
}

/** The user's keys, newest first, revoked ones included. */
export async function listApiKeys(sql: Sql, userId: string): Promise<ApiKeyRow[]> {
  return await sql<ApiKeyRow[]>`
    select ${sql(COLUMNS)} from api_keys where user_id = ${userId}
    order by created_at desc, id`;
}

/** One key of the user's, or `undefined` when it is not theirs. */
export async function findOwnApiKey(
  sql: Sql,
  id: string,
  userId: string,
): Promise<ApiKeyRow | undefined> {
  const [row] = await sql<ApiKeyRow[]>`
    select ${sql(COLUMNS)} from api_keys where id = ${id} and user_id = ${userId}`;
  return row;
}

/** Revokes one of the user's keys; returns it, or `undefined` when it is not theirs. */
export async function revokeApiKey(
  sql: Sql,
  id: string,
  userId: string,
  now: Date,
): Promise<ApiKeyRow | undefined> {
  const [row] = await sql<ApiKeyRow[]>`
    update api_keys set revoked_at = coalesce(revoked_at, ${now})
    where id = ${id} and user_id = ${userId}
    returning ${sql(COLUMNS)}`;
  return row;
}

/** Keys sharing a public prefix, with their hashes and owners' state. */
export async function apiKeysByPrefix(sql: Sql, prefix: string): Promise<ApiKeyCandidate[]> {
  return await sql<ApiKeyCandidate[]>`
    select k.id, k.user_id, k.name, k.prefix, k.scopes, k.created_at, k.expires_at,
           k.revoked_at, k.last_used_at, k.allowed_cidrs, k.key_hash, u.role, u.disabled_at as user_disabled_at
    from api_keys k join users u on u.id = k.user_id
    where k.prefix = ${prefix}`;
}

/** Counts one use of a key in its hour and stamps `last_used_at`, in one statement. */
export async function recordApiKeyUse(sql: Sql, keyId: string, now: Date): Promise<void> {
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  await sql`
    with used as (
      update api_keys set last_used_at = ${now} where id = ${keyId}
    )
    insert into api_key_usage (key_id, hour, count) values (${keyId}, ${hour}, 1)
    on conflict (key_id, hour) do update set count = api_key_usage.count + 1`;
}

/** Hourly use counts of a key since `since`, oldest first. */
export async function apiKeyUsage(
  sql: Sql,
  keyId: string,
  since: Date,
): Promise<{ hour: Date; count: number }[]> {
  return await sql<{ hour: Date; count: number }[]>`
    select hour, count from api_key_usage
    where key_id = ${keyId} and hour >= ${since} order by hour`;
}
