/**
 * What the dashboard sub-apps (boards, panels, share links, PDF) need from
 * the composition: the database and the clock, nothing else.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";

/** The narrow dependencies of the dashboard sub-apps. */
export interface BoardsApiDeps {
  sql: Sql;
  /** The current instant; injected so tests control time. */
  clock: () => Date;
}
