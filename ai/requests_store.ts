/**
 * The plain-English request history (`ai_requests`) and the per-user daily LLM budget
 * (`ai_llm_usage`).
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import type { VizSpec } from "../domain/vizspec.ts";

/** One request as recorded. */
export interface AiRequestRow {
  id: string;
  user_id: string;
  request_text: string;
  spec: VizSpec | null;
  provider: "bedrock" | "rules";
  fallback_reason: string | null;
  error: string | null;
  dashboard_id: string | null;
  saved_panel_id: string | null;
  created_at: Date;
}

/** What {@link recordAiRequest} stores. */
export interface NewAiRequest {
  userId: string;
  text: string;
  spec: VizSpec | null;
  provider: "bedrock" | "rules";
  fallbackReason?: string;
  error?: string;
  at: Date;
}

/** Records one request; returns its id. */
export async function recordAiRequest(sql: Sql, r: NewAiRequest): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into ai_requests
      (user_id, request_text, spec, provider, fallback_reason, error, created_at)
    values (${r.userId}, ${r.text}, ${r.spec === null ? null : sql.json(r.spec)}, ${r.provider},
      ${r.fallbackReason ?? null}, ${r.error ?? null}, ${r.at})
    returning id`;
  return row.id;
}

/** Notes the dashboard panel a request was saved as. */
export async function setSavedPanel(
  sql: Sql,
  id: string,
  saved: { panelId: string; dashboardId: string },
): Promise<void> {
  await sql`update ai_requests
    set saved_panel_id = ${saved.panelId}, dashboard_id = ${saved.dashboardId} where id = ${id}`;
}

/** The user's requests, newest first, at most `limit`. */
export async function listAiRequests(
  sql: Sql,
  userId: string,
  limit: number,
): Promise<AiRequestRow[]> {
  return await sql<AiRequestRow[]>`
    select id, user_id, request_text, spec, provider, fallback_reason, error, dashboard_id,
      saved_panel_id, created_at
    from ai_requests where user_id = ${userId}
    order by created_at desc, id desc limit ${limit}`;
}

/** Deletes one of the user's requests; false when there is none with that id. */
export async function deleteAiRequest(sql: Sql, id: string, userId: string): Promise<boolean> {
  const rows = await sql`delete from ai_requests where id = ${id} and user_id = ${userId}
    returning id`;
  return rows.length > 0;
}

/** Deletes every request of the user; returns how many. */
export async function clearAiRequests(sql: Sql, userId: string): Promise<number> {
  const rows = await sql`delete from ai_requests where user_id = ${userId} returning id`;
  return rows.length;
}

/**
 * Takes one LLM call from the user's budget for the UTC day of `at`: true when one was left
 * (and is now used), false when `limit` calls were already made that day.
 */
export async function takeLlmBudget(
  sql: Sql,
  opts: { userId: string; at: Date; limit: number },
): Promise<boolean> {
  const day = opts.at.toISOString().slice(0, 10);
  const rows = await sql`
    insert into ai_llm_usage (user_id, day, count) values (${opts.userId}, ${day}, 1)
    on conflict (user_id, day) do update set count = ai_llm_usage.count + 1
      where ai_llm_usage.count < ${opts.limit}
    returning count`;
  return rows.length > 0;
}
