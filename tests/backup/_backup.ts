/**
 * Helpers for the backup tests: running the CLIs as real processes, seeding
 * rows, and a row count and checksum of every table.
 *
 * @module
 */
import type { Sql } from "../../db/client.ts";

const ROOT = new URL("../../", import.meta.url);

/** Runs `cli/<name>.ts` in its own process with `env` added to this one's. */
export async function runCli(
  name: "backup" | "restore",
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--allow-all", new URL(`cli/${name}.ts`, ROOT).pathname, ...args],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

/** Adds a series with observations, a revision and a user, so every kind of column is there. */
export async function seed(sql: Sql): Promise<void> {
  const [{ id }] = await sql<{ id: number }[]>`
    insert into series (key, name, unit, interval_seconds, feed)
    values ('test.backup', 'Backup test – Hub West', '$/MWh', 900, 'test') returning id`;
  await sql`
    insert into observations (series_id, ts, value, published_at)
    select ${id}, timestamptz '2026-01-01T00:00:00Z' + n * interval '15 minutes', n * 1.25, now()
    from generate_series(1, 500) n`;
  await sql`
    insert into observation_revisions (series_id, ts, old_value, new_value)
    values (${id}, '2026-01-01T00:15:00Z', 1, 1.25)`;
}

/** `table → "rows:md5"` for every table in `public`. */
export async function tableDigests(sql: Sql): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }[]>`
    select tablename as name from pg_tables where schemaname = 'public' order by 1`;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await sql.unsafe(
      `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h
       from "${name}" t`,
    );
    out[name] = `${row.n}:${row.h}`;
  }
  return out;
}
